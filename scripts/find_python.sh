#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 supports nothing newer), or explains
# on stderr what to install and exits 1. Looks at $PYTHON310, pyenv's 3.10.x, then python3.10.
set -u

is_python310() {
  [ -x "$1" ] && "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null
}

candidates=()
[ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
if command -v pyenv >/dev/null 2>&1; then
  for p in "$(pyenv root)"/versions/3.10.*/bin/python3.10; do candidates+=("$p"); done
fi
for p in "$HOME"/.pyenv/versions/3.10.*/bin/python3.10; do candidates+=("$p"); done
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")

for p in "${candidates[@]}"; do
  if is_python310 "$p"; then
    echo "$p"
    exit 0
  fi
done
echo "Python 3.10 not found: install it (for example 'pyenv install 3.10' or the python3.10 package) or set PYTHON310 to its path; Rasa 3.6 runs on nothing newer." >&2
exit 1
