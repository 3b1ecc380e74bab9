#!/usr/bin/env bash
# Starts the assistant on localhost with the embedded defaults (SQLite):
#   Rasa server on 127.0.0.1:5005 (REST channel + HTTP API behind the token)
#   action server on 127.0.0.1:5055
#   handover console on 127.0.0.1:5006 (first account: python -m bot.console create-account)
#   the hourly retention purge (bot.privacy.retention)
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
mkdir -p var

if [ -z "${FIRSTCONTACT_API_TOKEN:-}" ]; then
  FIRSTCONTACT_API_TOKEN=$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(32))')
  echo "FIRSTCONTACT_API_TOKEN was not set; generated one for this run:"
  echo "  $FIRSTCONTACT_API_TOKEN"
fi
export FIRSTCONTACT_API_TOKEN

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

# retention: conversations older than FIRSTCONTACT_RETENTION_DAYS (default 30) purged hourly
.venv/bin/python -m bot.privacy.retention --every 3600 &
pids+=($!)
SANIC_HOST=127.0.0.1 .venv/bin/python -m rasa_sdk --actions actions --port 5055 &
pids+=($!)
.venv/bin/rasa run --enable-api --auth-token "$FIRSTCONTACT_API_TOKEN" \
  --interface 127.0.0.1 --port 5005 \
  --model "$FIRSTCONTACT_MODEL" --endpoints endpoints.yml --credentials credentials.yml &
pids+=($!)

FIRSTCONTACT_RASA_URL=http://127.0.0.1:5005 .venv/bin/python -m bot.console serve &
pids+=($!)

echo "Rasa: http://localhost:5005 (REST: POST /webhooks/rest/webhook; API: ?token=...)"
echo "Action server: http://localhost:5055"
echo "Web chat widget: http://localhost:5005/webhooks/widget/"
echo "Handover console: http://localhost:5006 (first coordinator account:"
echo "  .venv/bin/python -m bot.console create-account --role coordinator --username <name>)"
wait -n "${pids[@]}"
