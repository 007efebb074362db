#!/bin/sh
# gunicorn as production runs it: the Dockerfile's CMD, docker-compose.yml, the systemd unit
# in docs/deploy.md and CI's production job all start the web server through this script.
# --no-control-socket: gunicorn (27 in uv.lock) otherwise opens a control socket under $HOME, and logs
# "Control server error" on every start when that home is not writable (the image's app user).
exec gunicorn config.wsgi:application \
  --bind "${GUNICORN_BIND:-0.0.0.0:8000}" \
  --workers "${GUNICORN_WORKERS:-3}" \
  --threads "${GUNICORN_THREADS:-2}" \
  --timeout "${GUNICORN_TIMEOUT:-60}" \
  --worker-tmp-dir "${GUNICORN_TMP_DIR:-/dev/shm}" \
  --no-control-socket \
  --access-logfile - --error-logfile - \
  "$@"
