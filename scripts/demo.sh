#!/usr/bin/env bash
# `npm run demo`: installs what it needs, builds, and runs a real backup + verify against a local
# sandbox (PostgreSQL 15, OpenSSH sshd as the "production host", the docker double).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-system.sh >/dev/null
scripts/setup-opensearch.sh >/dev/null
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent build:cli
exec node_modules/.bin/node --experimental-strip-types --no-warnings --import ./test/services/register.mjs scripts/demo.ts "$@"
