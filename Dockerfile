# syntax=docker/dockerfile:1
# ePratiques image: one image for web (gunicorn), worker and beat (celery).
# Build:  docker build -t epratiques .
# See docs/operations.md for running it with docker-compose.yml.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- build: dependencies, compiled translations, collected static files -----------------------
FROM ${PYTHON_IMAGE} AS build

ENV PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON=/usr/local/bin/python \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir uv==0.13.9

WORKDIR /app

# scripts/build.sh is the production build, the same one CI's production job runs natively
# (.ci/run) and docs/deploy.md follows without Docker.
# Dependencies first (cached while pyproject.toml and uv.lock are unchanged):
# `uv sync --frozen --no-dev` into /app/.venv.
COPY pyproject.toml uv.lock ./
COPY scripts/build.sh scripts/build.sh
RUN scripts/build.sh deps

COPY . .

# compilemessages, then collectstatic with DEBUG=0 (the manifest storage: hashed names). The
# script uses a throwaway SECRET_KEY only so that settings load; production passes its own.
RUN scripts/build.sh assets

# --- runtime -----------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    MEDIA_ROOT=/app/media \
    GUNICORN_WORKERS=3 \
    GUNICORN_THREADS=2 \
    GUNICORN_TIMEOUT=60

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin app

# WeasyPrint (the PDF report) draws text with Pango and HarfBuzz; DejaVu Sans is the report's
# font, so the PDF never needs a web font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Code, virtualenv and static files stay owned by root (read-only for the app user);
# only the media directory is writable.
COPY --from=build /app /app
RUN mkdir -p /app/media && chown app:app /app/media
# Message attachments (issue 20): private, outside MEDIA_ROOT, writable by the app only.
RUN mkdir -p /app/attachments && chown app:app /app/attachments
ENV CONSULTING_ATTACHMENT_ROOT=/app/attachments

USER app

EXPOSE 8000

# /healthz is exempt from the HTTPS redirect; the Host header is the first ALLOWED_HOSTS entry
# so that Django's host validation accepts the probe.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; h = os.environ.get('ALLOWED_HOSTS', 'localhost').split(',')[0].strip().lstrip('.'); h = 'localhost' if h in ('', '*') else h; r.urlopen(r.Request('http://127.0.0.1:8000/healthz', headers={'Host': h}), timeout=4)"]

# scripts/web.sh: gunicorn config.wsgi:application on 0.0.0.0:8000, GUNICORN_* above, and no
# control socket (the app user's home, /app, is not writable).
CMD ["/app/scripts/web.sh"]
