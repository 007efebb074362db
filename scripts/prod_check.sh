#!/usr/bin/env bash
# CI's production job (`make prod-check`, run by .ci/run): the production build and stack as
# the Dockerfile and docker-compose.yml make them, natively, then a browser journey through it.
#   1. scripts/build.sh (the Dockerfile's build) into .venv-prod: --no-dev env from uv.lock,
#      compilemessages, collectstatic with the manifest storage and DEBUG=0;
#   2. a fresh database, migrate, seed_demo --allow-production;
#   3. gunicorn through scripts/web.sh (DEBUG=0; TLS with a throwaway certificate, since
#      production cookies are secure-only), a Celery worker and beat, on PostgreSQL and Redis;
#   4. tests/e2e/test_production_journey.py against it (pytest -m production, PROD_BASE_URL);
#   5. the logs: no traceback, no ERROR line, the worker compiled, beat ran.
# Needs DATABASE_URL (PostgreSQL: the job creates and drops its own database next to it),
# REDIS_URL, Chromium and the development .venv (Playwright), as the rest of .ci/run does.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n==> %s\n' "$*"; }

: "${DATABASE_URL:?set DATABASE_URL (PostgreSQL)}"
: "${REDIS_URL:?set REDIS_URL}"
PORT="${PROD_PORT:-8640}"
PROD_DB="${PROD_DB_NAME:-epratiques_production_check}"
SERVER_URL="${DATABASE_URL%/*}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/epratiques-prod.XXXXXX")"
PIDS=()

stop_stack() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}

show_logs() {
  local name
  for name in web worker beat; do
    printf '\n--- %s.log (last 40 lines) ---\n' "$name"
    tail -n 40 "$WORK/$name.log" 2>/dev/null || true
  done
}

on_exit() {
  local status=$?
  stop_stack
  if [ "$status" != 0 ]; then show_logs; echo "production check FAILED (logs in $WORK)" >&2
  else rm -rf "$WORK"; fi
  exit "$status"
}
trap on_exit EXIT

log "production build: scripts/build.sh (the Dockerfile's steps)"
rm -rf staticfiles
UV_PROJECT_ENVIRONMENT=.venv-prod scripts/build.sh

log "production stack on https://127.0.0.1:$PORT (database $PROD_DB)"
psql "$SERVER_URL/postgres" -qAtc "DROP DATABASE IF EXISTS $PROD_DB WITH (FORCE)" >/dev/null
psql "$SERVER_URL/postgres" -qAtc "CREATE DATABASE $PROD_DB" >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

# The production environment (docs/deploy.md), nothing from the development one.
prod_env=(
  env -i "PATH=$PWD/.venv-prod/bin:/usr/local/bin:/usr/bin:/bin" "HOME=/proc/no-home"
  LANG=C.UTF-8 DJANGO_SETTINGS_MODULE=config.settings
  DEBUG=0 "SECRET_KEY=$(head -c 48 /dev/urandom | base64)"
  ALLOWED_HOSTS=127.0.0.1 "SITE_URL=https://127.0.0.1:$PORT"
  "DATABASE_URL=$SERVER_URL/$PROD_DB" "REDIS_URL=$REDIS_URL"
  "CACHE_KEY_PREFIX=prod-check-$$" "CELERY_QUEUE=prod-check-$$"
  "MEDIA_ROOT=$WORK/media" TRUSTED_PROXIES=0 GUNICORN_WORKERS=2
  # gunicorn terminates TLS itself here (production has nginx in front): a thread waits for
  # the handshake of each socket the browser opens ahead of need, so 2 threads could all be
  # held by idle sockets while a page's last stylesheet waits its turn for 30 s.
  GUNICORN_THREADS=8
)
"${prod_env[@]}" python manage.py migrate --noinput -v0
"${prod_env[@]}" python manage.py seed_demo --allow-production >"$WORK/seed.log"
"${prod_env[@]}" GUNICORN_BIND="127.0.0.1:$PORT" scripts/web.sh \
  --certfile "$WORK/cert.pem" --keyfile "$WORK/key.pem" >"$WORK/web.log" 2>&1 &
PIDS+=($!)
"${prod_env[@]}" celery -A config worker --loglevel=INFO --concurrency=2 \
  --queues "prod-check-$$" --hostname "prod-check-$$@%h" >"$WORK/worker.log" 2>&1 &
PIDS+=($!)
"${prod_env[@]}" celery -A config beat --loglevel=INFO \
  --schedule "$WORK/celerybeat-schedule" >"$WORK/beat.log" 2>&1 &
PIDS+=($!)

healthy=""
for _ in $(seq 1 60); do
  if body="$(curl -fsSk --max-time 5 "https://127.0.0.1:$PORT/healthz" 2>/dev/null)"; then
    healthy="$body"; break
  fi
  sleep 1
done
[ -n "$healthy" ] || { echo "gunicorn did not answer /healthz" >&2; exit 1; }
echo "healthz: $healthy"
grep -q '"mode": "redis"' <<<"$healthy" || { echo "the broker is not Redis" >&2; exit 1; }
for _ in $(seq 1 60); do grep -q "ready\." "$WORK/worker.log" && break; sleep 1; done
grep -q "ready\." "$WORK/worker.log" || { echo "the worker did not start" >&2; exit 1; }

log "browser journey through the production stack"
SECRET_KEY="${SECRET_KEY:-insecure-key-for-tests-only}" PROD_BASE_URL="https://127.0.0.1:$PORT" \
  .venv/bin/pytest -p no:xdist -m production -q \
  tests/e2e/test_production_journey.py

log "production logs"
stop_stack
grep -q "Listening at: https://127.0.0.1:$PORT" "$WORK/web.log"
if grep -nE "Traceback|\] \[ERROR\]|ERROR/|Internal Server Error|Control server error" "$WORK"/{web,worker,beat}.log; then
  echo "errors in the production logs" >&2; exit 1
fi
compiles="$(grep -c "audits.tasks.compile_scores\[.*\] succeeded" "$WORK/worker.log" || true)"
[ "$compiles" -ge 1 ] || { echo "the worker compiled no score" >&2; exit 1; }
grep -q "beat: Starting" "$WORK/beat.log" || { echo "beat did not start" >&2; exit 1; }
echo "worker: $compiles compiles; beat started; no error in web, worker or beat logs"
psql "$SERVER_URL/postgres" -qAtc "DROP DATABASE IF EXISTS $PROD_DB WITH (FORCE)" >/dev/null
log "production check passed"
