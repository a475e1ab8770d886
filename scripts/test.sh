#!/usr/bin/env bash
# Install everything vitk's test suite needs on a fresh Debian machine and run it:
# system services (PostgreSQL, Chromium) via scripts/ci-services.sh when present,
# a virtual environment pinned by constraints.txt, then ruff, mypy and pytest.
# Used by .ci/run and by the README's second command.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -c constraints.txt -e ".[test]"

if [ -f scripts/ci-services.sh ]; then
  # Prints lines such as VITK_TEST_POSTGRES_URL=...; export them for the tests.
  while IFS= read -r line; do
    case "$line" in
      VITK_*=*) export "${line?}" ;;
    esac
  done < <(bash scripts/ci-services.sh)
fi

.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/ruff format --check src tests benchmarks scripts
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
