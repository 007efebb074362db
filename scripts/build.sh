#!/usr/bin/env bash
# The production build, shared by the Dockerfile and CI (.ci/run) and docs/deploy.md:
#   deps    a runtime-only environment from uv.lock (`uv sync --frozen --no-dev`)
#   assets  compiled translations, then static files collected with the manifest storage
#           (DEBUG=0: hashed names, compressed copies), which fails on a missing file
# With no argument, both. The environment goes to $UV_PROJECT_ENVIRONMENT (default .venv-prod,
# apart from the development .venv); uv comes from the PATH, or is installed into .tools/.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION="${UV_VERSION:-0.13.9}"
export UV_PROJECT_ENVIRONMENT="${UV_PROJECT_ENVIRONMENT:-.venv-prod}"
export UV_PYTHON_DOWNLOADS="${UV_PYTHON_DOWNLOADS:-never}"
PY="$UV_PROJECT_ENVIRONMENT/bin/python"

uv_bin() {
  if command -v uv >/dev/null; then command -v uv; return; fi
  if [ ! -x .tools/bin/uv ]; then
    "${PYTHON:-python3}" -m venv .tools
    .tools/bin/pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
  fi
  echo .tools/bin/uv
}

deps() {
  "$(uv_bin)" sync --frozen --no-dev
}

assets() {
  # Settings need a SECRET_KEY to load; these two commands never use it, and it is not kept.
  local key="${BUILD_SECRET_KEY:-build-only-throwaway-key-not-used-at-run-time}"
  SECRET_KEY="$key" DEBUG=0 "$PY" manage.py compilemessages -v0 \
    --ignore=.venv --ignore=.venv-prod --ignore=.tools --ignore=node_modules
  SECRET_KEY="$key" DEBUG=0 "$PY" manage.py collectstatic --noinput --clear -v0
  test -s staticfiles/staticfiles.json  # the manifest that {% static %} reads with DEBUG=0
  echo "built: $("$PY" -c 'import json; print(len(json.load(open("staticfiles/staticfiles.json"))["paths"]))') static files in the manifest"
}

case "${1:-all}" in
  deps) deps ;;
  assets) assets ;;
  all) deps && assets ;;
  *) echo "usage: $0 [deps|assets|all]" >&2; exit 2 ;;
esac
