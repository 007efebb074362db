"""ePratiques settings: one module, every deployment value read from the environment.

Development needs nothing: SQLite, in-process tasks, local-memory cache, console email.
Production sets DATABASE_URL (PostgreSQL), REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and EMAIL_*.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", False)
SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "accounts",
    "audits",
    "contacts",
    "evidence",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "accounts.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.TwoStepMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "config.outbox.dev_outbox",
            ],
            "libraries": {"numbers": "config.templatetags.numbers"},
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and envbool("DB_POOL", True):
    # psycopg 3's pool through Django (5.1+); persistent connections must stay off with it.
    # Each connection is checked when taken from the pool (a PostgreSQL restart leaves every
    # idle one dead) by config.postgresql, at the cost of a round trip only when the server
    # spoke on it. CONN_HEALTH_CHECKS stays off: Django would then give the pool its own
    # check, a round trip on every request.
    DATABASES["default"]["ENGINE"] = "config.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": envint("DB_POOL_MIN", 1),
        "max_size": envint("DB_POOL_MAX", 10),
        "timeout": envint("DB_POOL_TIMEOUT", 10),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: broker and cache ----------------------------------------------------------------
REDIS_URL = envstr("REDIS_URL")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": envstr("CACHE_KEY_PREFIX", "epratiques"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered fragments that never change for a given key (the peer page's blank form for a
# published questionnaire): kept in each process, no round trip.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
}

# Without a broker, tasks run in-process so that development needs no Redis.
# (memory:// with a host: kombu warns "No hostname was supplied" on every connection.)
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_DEFAULT_QUEUE = envstr("CELERY_QUEUE", "celery")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_EXPIRES = 3600
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_TIME_LIMIT = envint("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = envint("CELERY_TASK_SOFT_TIME_LIMIT", 240)
# Our tasks are idempotent, so a task is acknowledged only once done and is delivered again
# if its worker dies mid-way.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Bound every publish: with the broker down, kombu would otherwise retry for a long time and
# hang the web request (celery/celery#4296, #6911).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "visibility_timeout": 3600,
    "max_retries": 1,
}
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "sweep-contact-imports": {"task": "contacts.tasks.sweep_contact_imports", "schedule": 60.0},
    "purge-abandoned-contact-imports": {
        "task": "contacts.tasks.purge_abandoned_imports",
        "schedule": crontab(minute=45),
    },
    "sweep-audits-needing-scores": {
        "task": "audits.tasks.sweep_audits_needing_scores",
        "schedule": 120.0,
    },
    "resend-pending-invitations": {
        "task": "audits.feedback.tasks.resend_pending_invitations",
        "schedule": 300.0,
    },
    "send-feedback-reminders": {
        "task": "audits.tasks.send_feedback_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    "expire-feedback-requests": {
        "task": "audits.tasks.expire_feedback_requests",
        "schedule": crontab(minute=15),
    },
    "clear-expired-sessions": {
        "task": "config.celery.clear_expired_sessions",
        "schedule": crontab(hour=4, minute=30),
    },
    "release-feedback-answers": {
        "task": "audits.feedback.tasks.release_answers_sweep",
        "schedule": 300.0,
    },
}
# Sector benchmark (audits/cycles/benchmark.py): percentiles recomputed every night.
CELERY_BEAT_SCHEDULE["compute-sector-benchmark"] = {
    "task": "audits.cycles.tasks.compute_sector_benchmark",
    "schedule": crontab(hour=3, minute=40),
}
# Own data (evidence): re-enqueue activity imports whose enqueue was lost or whose worker died.
CELERY_BEAT_SCHEDULE["sweep-activity-imports"] = {
    "task": "evidence.tasks.sweep_activity_imports",
    "schedule": 60.0,
}

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True  # same browser session only (allauth), back to `next`
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[ePratiques] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# allauth keeps its rate-limit counters in the default cache: Redis whenever REDIS_URL is set.
# Wrong passwords follow accounts.lockout instead (accounts.adapter): per address first, then a
# growing delay per account that a browser which logged in before does not wait. allauth's
# "login_failed" limit still counts wrong two-step codes (per address, and per user).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
LOGIN_ADDRESS_FAILURES = envint("LOGIN_ADDRESS_FAILURES", 10)  # per address and window, then 429
LOGIN_ADDRESS_WINDOW = 900
LOGIN_ACCOUNT_FREE_FAILURES = envint("LOGIN_ACCOUNT_FREE_FAILURES", 5)  # one account, one address
LOGIN_ACCOUNT_FREE_FAILURES_ANY = envint("LOGIN_ACCOUNT_FREE_FAILURES_ANY", 20)  # any address
LOGIN_ACCOUNT_DELAY = 30  # then a delay: seconds after the first failure past the free, doubling
LOGIN_ACCOUNT_DELAY_MAX = 900
# Two-step verification (allauth.mfa): an authenticator app with recovery codes, offered to
# everyone, required for staff and (by default in production) for consultants.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ePratiques"
MFA_TOTP_TOLERANCE = 1  # one period either side: a phone's clock a little off still works
MFA_REQUIRED_FOR_STAFF = envbool("MFA_REQUIRED_FOR_STAFF", True)
MFA_REQUIRED_FOR_CONSULTANTS = envbool("MFA_REQUIRED_FOR_CONSULTANTS", not DEBUG)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Unambiguous dates in both languages ("1 Dec 2026" / "1 déc. 2026"): config/formats/.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = envstr("TIME_ZONE", "Europe/Paris")
USE_TZ = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Email ----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "ePratiques <no-reply@epratiques.example>")
SERVER_EMAIL = envstr("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = envstr("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
else:
    # Development and demo: emails go to the in-app outbox (/dev/outbox/, config/outbox.py),
    # readable with their links clickable; without DEBUG they are printed to the console.
    EMAIL_BACKEND = envstr(
        "EMAIL_BACKEND",
        "config.outbox.OutboxBackend"
        if DEBUG
        else "django.core.mail.backends.console.EmailBackend",
    )
OUTBOX_PATH = Path(envstr("OUTBOX_PATH", str(BASE_DIR / "outbox.jsonl")))

# --- Security -------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies stand in front of the app (each appends to X-Forwarded-For); the
# per-address rate limits read the client's address from there. 0: use REMOTE_ADDR.
TRUSTED_PROXIES = envint("TRUSTED_PROXIES", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXIES  # the same rule for allauth's login limits
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# The public HTTPS host[:port] of that redirect, when it is not the request's Host (a proxy on
# a non-standard port: docs/deploy.md). Unset: the request's own host.
SECURE_SSL_HOST = envstr("SECURE_SSL_HOST") or None
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Content Security Policy: our own origin only, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOG_LEVEL = envstr("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every step of every PDF at INFO ("Step 5 - Creating layout").
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # In-process tasks (no broker: make run) would log a line per task at INFO among the
        # requests; they show at LOG_LEVEL=DEBUG. A real worker keeps its own logging.
        **(
            {"celery.app.trace": {"level": "DEBUG" if LOG_LEVEL == "DEBUG" else "WARNING"}}
            if CELERY_TASK_ALWAYS_EAGER
            else {}
        ),
    },
}

# --- Peer feedback ----------------------------------------------------------------------------
FEEDBACK_LINK_DAYS = envint("FEEDBACK_LINK_DAYS", 21)
# How long a consultant invitation (email or sign-up link) stays open.
CONSULTANT_INVITATION_DAYS = envint("CONSULTANT_INVITATION_DAYS", 30)
FEEDBACK_REMINDER_DAYS = tuple(
    int(day) for day in envlist("FEEDBACK_REMINDER_DAYS", "5,10")[:2]
)  # at most two reminders
FEEDBACK_RATE_LIMIT = envint("FEEDBACK_RATE_LIMIT", 60)  # requests per minute per address
FEEDBACK_RETENTION_DAYS = envint("FEEDBACK_RETENTION_DAYS", 365)
# Answers are released in batches of at least this many per audit (k-anonymity, docs/privacy.md):
# no page, figure or export shows an answer before k − 1 others of the same audit.
FEEDBACK_RELEASE_K = envint("FEEDBACK_RELEASE_K", 3)
if FEEDBACK_RELEASE_K < 3:
    raise ImproperlyConfigured("FEEDBACK_RELEASE_K must be at least 3 (docs/privacy.md)")
# New addresses one account may email feedback requests to in 24 hours.
FEEDBACK_INVITATIONS_PER_DAY = envint("FEEDBACK_INVITATIONS_PER_DAY", 50)
# An invitation still pending after this many minutes with no send attempt since is sent again
# by the sweep; each request is tried at most FEEDBACK_SEND_MAX_ATTEMPTS times (Celery's own
# retries included), then shown as failed with its reason.
FEEDBACK_RESEND_AFTER_MINUTES = envint("FEEDBACK_RESEND_AFTER_MINUTES", 15)
FEEDBACK_SEND_MAX_ATTEMPTS = envint("FEEDBACK_SEND_MAX_ATTEMPTS", 10)
# Sector benchmark: a percentile is shown only once a sector holds this many opted-in
# professionals with a compiled score (audits/cycles/benchmark.py).
BENCHMARK_MIN_PARTICIPANTS = max(envint("BENCHMARK_MIN_PARTICIPANTS", 10), 10)

# --- Contact imports ------------------------------------------------------------------------
# Uploaded files hold other people's data: one left at the column step is deleted after this
# many hours, and an account keeps at most this many files waiting to be imported.
CONTACT_IMPORT_ABANDONED_HOURS = envint("CONTACT_IMPORT_ABANDONED_HOURS", 24)
CONTACT_IMPORT_PENDING_LIMIT = envint("CONTACT_IMPORT_PENDING_LIMIT", 3)

# --- Own data (evidence) ---------------------------------------------------------------------
# Limits on a network export (evidence.readers.base.Limits): the upload's size, the items one
# file inside it may hold, and the ZIP's members and total uncompressed size (zip bombs).
EVIDENCE_MAX_UPLOAD_MB = envint("EVIDENCE_MAX_UPLOAD_MB", 200)
EVIDENCE_MAX_ITEMS = envint("EVIDENCE_MAX_ITEMS", 200_000)
EVIDENCE_MAX_ZIP_MEMBERS = envint("EVIDENCE_MAX_ZIP_MEMBERS", 5_000)
EVIDENCE_MAX_UNZIPPED_MB = envint("EVIDENCE_MAX_UNZIPPED_MB", 1024)
# Files an account may have waiting to be read at once.
EVIDENCE_IMPORT_PENDING_LIMIT = envint("EVIDENCE_IMPORT_PENDING_LIMIT", 3)

# --- Reports --------------------------------------------------------------------------------
# A PDF takes most of a second of CPU: at most this many render at once over all processes
# (a request waits up to REPORT_PDF_WAIT_SECONDS for a slot, then gets a 503 with
# Retry-After); each PDF is kept in the cache for REPORT_PDF_CACHE_SECONDS.
REPORT_PDF_CONCURRENCY = envint("REPORT_PDF_CONCURRENCY", 2)
REPORT_PDF_WAIT_SECONDS = envint("REPORT_PDF_WAIT_SECONDS", 3)
REPORT_PDF_LEASE_SECONDS = envint("REPORT_PDF_LEASE_SECONDS", 120)
REPORT_PDF_RETRY_AFTER = envint("REPORT_PDF_RETRY_AFTER", 10)
REPORT_PDF_CACHE_SECONDS = envint("REPORT_PDF_CACHE_SECONDS", 6 * 3600)

# --- Scores -----------------------------------------------------------------------------------
# Answers within this many seconds are compiled together (one compile per burst).
SCORE_DEBOUNCE_SECONDS = envint("SCORE_DEBOUNCE_SECONDS", 10)
# Fault injection for tests only: the compile waits this long before computing.
COMPILE_PAUSE_SECONDS = envint("COMPILE_PAUSE_SECONDS", 0)

# --- Introductions and objective progress (contacts.introductions, audits.progress) ----------
# Introduction requests one professional may email from the app in 24 hours (the rest: copy).
INTRODUCTION_EMAILS_PER_DAY = envint("INTRODUCTION_EMAILS_PER_DAY", 10)
CELERY_BEAT_SCHEDULE["resend-introduction-emails"] = {
    "task": "contacts.tasks.resend_introduction_emails",
    "schedule": 300.0,
}
CELERY_BEAT_SCHEDULE["send-check-in-reminders"] = {
    "task": "audits.progress.tasks.send_check_in_reminders",
    "schedule": crontab(hour=8, minute=30),
}
# --- Consulting: the private channel (issue 20) ----------------------------------------------
# Message attachments are stored here, outside MEDIA_ROOT: no URL serves them, only the
# access-checked view. PDF, PNG, JPEG and plain text, recognised by their content.
CONSULTING_ATTACHMENT_ROOT = Path(
    envstr("CONSULTING_ATTACHMENT_ROOT", str(BASE_DIR / "private" / "attachments"))
)
CONSULTING_ATTACHMENT_MAX_BYTES = envint("CONSULTING_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024)
# Messages one person may post in an engagement's thread per hour.
CONSULTING_MESSAGES_PER_HOUR = envint("CONSULTING_MESSAGES_PER_HOUR", 30)
# --- textflags: check before you post (evidence/drafts) ---
DRAFT_CHECK_RATE_LIMIT = envint("DRAFT_CHECK_RATE_LIMIT", 120)  # checks per minute per address
# --- end textflags ---
