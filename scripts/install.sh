#!/usr/bin/env bash
# Sets up everything `make run` and `make test` need; every step skips what is already done.
#   1. .venv with Python 3.10 and the pinned dependencies (requirements.lock)
#   2. the blank spaCy pipelines on disk (build/spacy/<lang>)
#   3. the Debian packages the tests need (scripts/system_packages.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/system_packages.sh

venv=.venv
python=$(scripts/find_python.sh)

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)'; then
  echo "Creating $venv with $python"
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi

stamp="$venv/.requirements.sha256"
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing pinned dependencies into $venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check pip==24.0
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.lock
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e .
  echo "$want" > "$stamp"
fi

"$venv/bin/python" -m bot.nlu.pipelines
