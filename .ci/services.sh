#!/usr/bin/env bash
# Install and start the services the platform tests use at scale: PostgreSQL and Redis (Debian packages).
#
# Source it so that the URLs stay in the caller's environment:
#     . .ci/services.sh            # then: .venv/bin/pytest tests/platform
# It also writes them to $OSPO_SERVICES_ENV (default /tmp/ospo-services/services.env) for callers that cannot source.
# Both servers run on private ports from a private data directory, so a system instance is never touched,
# and calling the script again reuses what is already running.
set -euo pipefail

PG_PORT="${OSPO_PG_PORT:-54329}"
REDIS_PORT="${OSPO_REDIS_PORT:-63799}"
STATE="${OSPO_SERVICES_DIR:-/tmp/ospo-services}"
ENV_FILE="${OSPO_SERVICES_ENV:-$STATE/services.env}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need=()
command -v redis-server >/dev/null || need+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

PG_BIN="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
mkdir -p "$STATE"
PG_DATA="$STATE/pg"
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$STATE"; fi

if ! "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    run_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  run_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$STATE/pg.log" -w \
    -o "-p $PG_PORT -k $STATE -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
fi
if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "select 1 from pg_roles where rolname='ospo'" \
    | grep -q 1; then
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create role ospo login createdb password 'ospo'"
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create database ospo owner ospo"
fi

if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
    --dir "$STATE" --logfile "$STATE/redis.log" >/dev/null
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

export DATABASE_URL="postgres://ospo:ospo@127.0.0.1:$PG_PORT/ospo"
export CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/0"
export OSPO_REDIS_URL="$CELERY_BROKER_URL"
printf 'DATABASE_URL=%s\nCELERY_BROKER_URL=%s\nOSPO_REDIS_URL=%s\n' \
  "$DATABASE_URL" "$CELERY_BROKER_URL" "$OSPO_REDIS_URL" >"$ENV_FILE"
echo "services: PostgreSQL $DATABASE_URL, Redis $CELERY_BROKER_URL" >&2
