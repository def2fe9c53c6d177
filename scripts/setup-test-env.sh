#!/usr/bin/env bash
# Everything the test suite needs beyond `npm ci`, idempotent and quick when already present:
# system packages (sshd, PostgreSQL 15, zstd, ...), the Python venv with Django and
# django-linear-migrations, and the OpenSearch test node's Java launcher.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-system.sh
[ ! -x scripts/setup-python.sh ] || scripts/setup-python.sh
[ ! -x scripts/setup-opensearch.sh ] || scripts/setup-opensearch.sh
