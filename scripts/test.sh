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

if [ -z "${DATABASE_URL:-}" ]; then
  DATABASE_URL=$(bash scripts/postgres.sh start)
  export DATABASE_URL
fi

# Kafka: tests call test/kafka/broker.ts, which uses KAFKA_BROKERS, else testcontainers where a
# Docker engine answers, else starts the local broker (infra/kafka/broker.sh). Starting it here
# first keeps its one-off jar download and cold start out of the test timeouts.
if [ -z "${KAFKA_BROKERS:-}" ] && ! docker info >/dev/null 2>&1; then
  bash infra/kafka/broker.sh start
fi

pnpm exec vitest run "$@"
