#!/usr/bin/env bash
# Creates .venv/ at the repository root with the migration-check oracle (Django +
# django-linear-migrations, pinned in requirements-test.txt). Idempotent: returns at once
# when the venv already holds exactly those requirements.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
req="$root/requirements-test.txt"
stamp="$venv/.requirements-test.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"

if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi

# Django 5.2 needs Python >= 3.10; prefer the newest interpreter on the machine.
py=""
for candidate in python3.13 python3.12 python3.11 python3.10 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
    "$candidate" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null; then
    py="$candidate"
    break
  fi
done
if [[ -z "$py" ]]; then
  echo "setup-python.sh: no Python >= 3.10 with the venv module found; install python3 and python3-venv" >&2
  exit 1
fi

rm -rf "$venv"
"$py" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
if "$venv/bin/python" -c 'import black' 2>/dev/null; then
  echo "setup-python.sh: black is installed in .venv; remove it, the oracle tests need rebase_migration without it" >&2
  exit 1
fi
echo "$want" >"$stamp"
