#!/usr/bin/env bash
# The whole test suite with the real components it talks to: the OASIS Python tools
# (stix2-validator, stix2-patterns, stix2, taxii2-client), a real Apache Kafka broker and a real
# PostgreSQL server. Each is taken from the environment when given (KAFKA_BROKERS, DATABASE_URL),
# otherwise started here on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import stix2validator, stix2patterns, stix2, taxii2client' 2>/dev/null; then
  bash scripts/setup-python.sh
fi

# What this script starts, it stops, so nothing outlives the run (CI waits on open pipes).
cleanup=()
trap 'for c in "${cleanup[@]}"; do eval "$c" || true; done' EXIT

if [ -z "${DATABASE_URL:-}" ]; then
  DATABASE_URL=$(bash scripts/postgres.sh start)
  export DATABASE_URL
  cleanup+=("bash scripts/postgres.sh stop")
fi

# Kafka: tests call test/kafka/broker.ts, which uses KAFKA_BROKERS, else testcontainers where a
# Docker engine answers, else starts the local broker (infra/kafka/broker.sh). Starting it here
# first keeps its one-off jar download and cold start out of the test timeouts.
if [ -z "${KAFKA_BROKERS:-}" ] && ! docker info >/dev/null 2>&1; then
  if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
    echo "test: installing Java 17 and Maven for the local Kafka broker" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless maven
  fi
  bash infra/kafka/broker.sh start
  export KAFKA_BROKERS=127.0.0.1:${KAFKA_PORT:-19092}
  cleanup+=("bash infra/kafka/broker.sh stop")
fi

# The console's browser tests drive Debian's Chromium (test/web/console.test.ts).
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null; then
  echo "test: installing Debian's Chromium for the browser tests" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
fi

mkdir -p .tmp
rm -f .tmp/vitest*.json
status=0
# The console the browser tests open is the one in the tree; the typecheck and the lint are part
# of every full run.
node packages/console/scripts/build.ts
pnpm run typecheck || status=$?
pnpm run lint || status=$?
# The broker-restart test stops and starts a broker of its own and times how soon every consumer
# group is joined again: with the other files loading both cores beside it, that can take longer
# than any fair bound. It runs alone, after the rest.
ALONE=test/distributed/broker-restart.test.ts
if [ "$#" -gt 0 ]; then
  pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json "$@" || status=$?
else
  pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json --exclude "$ALONE" || status=$?
  # It starts a broker of its own: the shared broker and PostgreSQL are stopped first, so nothing
  # else competes with its rejoin timings for the two cores.
  for c in "${cleanup[@]}"; do eval "$c" >/dev/null 2>&1 || true; done
  cleanup=()
  env -u KAFKA_BROKERS -u DATABASE_URL pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-alone.json "$ALONE" || status=$?
fi
# Stop the servers first, so the summary is the run's closing line.
for c in "${cleanup[@]}"; do eval "$c" >/dev/null 2>&1 || true; done
cleanup=()
# One plain closing line that any CI can read.
node -e '
  const fs = require("fs");
  const runs = fs.readdirSync(".tmp").filter((f) => /^vitest.*\.json$/.test(f)).map((f) => JSON.parse(fs.readFileSync(`.tmp/${f}`, "utf8")));
  const sum = (k) => runs.reduce((n, r) => n + (r[k] ?? 0), 0);
  console.log(`vitest: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests") + sum("numTodoTests")} skipped`);
' || true
exit "$status"
