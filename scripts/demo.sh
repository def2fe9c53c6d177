#!/usr/bin/env bash
# `npm run demo`: installs what it needs (system packages, npm dependencies, the OpenSearch test
# node's launcher), builds the CLI (bin/ + lib/), then runs the main job against a local sandbox
# (scripts/demo.ts). `npm run demo -- --keep` leaves the sandbox running until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-system.sh >/dev/null
[ -x node_modules/.bin/node ] || npm ci --no-audit --no-fund
scripts/setup-opensearch.sh >/dev/null
node_modules/.bin/node scripts/build.mjs --no-bundle
exec node_modules/.bin/node --experimental-strip-types --no-warnings --import ./test/services/register.mjs scripts/demo.ts "$@"
