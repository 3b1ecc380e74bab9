#!/usr/bin/env bash
# Start (or stop) throw-away PostgreSQL and Redis servers for the scale-out tests, on free
# loopback ports, in a temporary directory. Debian packages: postgresql, redis-server.
#   eval "$(scripts/services.sh start)"   exports FIRSTCONTACT_TEST_POSTGRES_URL, _REDIS_URL
#   scripts/services.sh stop "$FIRSTCONTACT_SERVICES_DIR"
set -euo pipefail

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$dir" ] && echo "$dir"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bin pg_port redis_port dir
  bin=$(pg_bin) || { echo "echo 'PostgreSQL server binaries not found (Debian package postgresql)' >&2"; return 0; }
  command -v redis-server >/dev/null || { echo "echo 'redis-server not found (Debian package redis-server)' >&2"; return 0; }
  dir=$(mktemp -d /tmp/firstcontact-services.XXXXXX)
  chmod 755 "$dir"
  mkdir -p "$dir/pg" "$dir/redis"
  [ "$(id -u)" = 0 ] && chown postgres "$dir/pg"
  pg_port=$(free_port)
  redis_port=$(free_port)
  as_postgres "$bin/initdb" -D "$dir/pg/data" -U firstcontact --auth=trust >"$dir/initdb.log" 2>&1
  as_postgres "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w \
    -o "-h 127.0.0.1 -p $pg_port -k $dir/pg" start >/dev/null
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U firstcontact firstcontact
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U firstcontact firstcontact_events
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$dir/redis/redis.pid" --dir "$dir/redis" \
    --logfile "$dir/redis/server.log"
  echo "export FIRSTCONTACT_SERVICES_DIR=$dir"
  echo "export FIRSTCONTACT_TEST_POSTGRES_URL=postgresql://firstcontact@127.0.0.1:$pg_port/firstcontact"
  echo "export FIRSTCONTACT_TEST_REDIS_URL=redis://127.0.0.1:$redis_port/0"
}

stop() {
  local dir=$1 bin
  [ -d "$dir" ] || return 0
  bin=$(pg_bin) || true
  [ -n "$bin" ] && [ -d "$dir/pg/data" ] && as_postgres "$bin/pg_ctl" -D "$dir/pg/data" -m fast stop >/dev/null 2>&1 || true
  [ -f "$dir/redis/redis.pid" ] && kill "$(cat "$dir/redis/redis.pid")" 2>/dev/null || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
