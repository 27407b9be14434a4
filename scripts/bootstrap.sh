#!/usr/bin/env bash
# Sets up a fresh machine for stixmill: Node.js 24 LTS, pnpm, and the workspace's packages.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/' || echo 0; }

if [ "$(node_major)" -lt 22 ] 2>/dev/null; then
  echo "bootstrap: installing Node.js 24 from the npm registry (found $(node --version 2>/dev/null || echo none))"
  # The node@24 package carries the binary; --force replaces the old node's files.
  npm install --global --force node@24
  hash -r
fi
echo "bootstrap: node $(node --version)"

PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  echo "bootstrap: installing pnpm $PNPM_VERSION"
  # Into /usr/local (or ~/.local without root): npm's own global prefix moves with the new node.
  if [ -w /usr/local/bin ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi
  npm install --global --prefix "$prefix" "pnpm@$PNPM_VERSION"
  export PATH="$prefix/bin:$PATH"
  hash -r
fi
echo "bootstrap: pnpm $(pnpm --version)"

pnpm install --frozen-lockfile
# The analyst console's page and script (packages/console/dist), served by `stixmill run`.
node packages/console/scripts/build.ts
echo "bootstrap: ready. Run the pipeline with: pnpm stixmill run"
