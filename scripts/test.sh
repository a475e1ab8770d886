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
  # Its output goes to a file, not a pipe: a daemon it starts could otherwise
  # keep the pipe open and the read below would never see an end.
  services_env=$(mktemp)
  bash scripts/ci-services.sh >"$services_env"
  while IFS= read -r line; do
    case "$line" in
      VITK_*=*) export "${line?}" ;;
    esac
  done <"$services_env"
  rm -f "$services_env"
fi

.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/ruff format --check src tests benchmarks scripts
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
