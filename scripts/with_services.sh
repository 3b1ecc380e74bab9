#!/usr/bin/env bash
# Run a command with throw-away PostgreSQL and Redis servers (scripts/services.sh), then stop them.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/services.sh start)"
trap 'scripts/services.sh stop "${FIRSTCONTACT_SERVICES_DIR:-}"' EXIT
"$@"
