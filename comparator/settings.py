"""Comparator settings: one module, every deployment difference read from the environment.

The embedded defaults (SQLite beside manage.py, a local-memory cache) let a fresh clone run
with no server at all; `.env.example` lists every variable.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

# Debug runs get a throwaway key so `make run` needs no set-up; production must bring its own.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it in the environment (or .env) when "
            "DJANGO_DEBUG is off; see .env.example."
        )
    SECRET_KEY = "django-insecure-local-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "comparator.apps.ComparatorAdminConfig",  # django.contrib.admin with our admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    "frameworks",
    "corrections",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "comparator.middleware.CrossOriginResourcePolicyMiddleware",
    "comparator.middleware.StaticFilesMiddleware",
    # Anonymous GETs of public pages stop here when cached: nothing below runs for them.
    "frameworks.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session shown a second factor?
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it answers locked-out login attempts.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "comparator.urls"
WSGI_APPLICATION = "comparator.wsgi.application"
# JSON fixtures that a deleted framework's history cannot stop (see the module).
SERIALIZATION_MODULES = {"json": "comparator.serializers"}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frameworks.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite beside manage.py unless DATABASE_URL names another (postgres://… uses psycopg 3).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    # Fail fast when the server is gone: a reader gets the 503 page in well under 2 s.
    _pg_options.setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=1))
    _pool_size = env.int("DATABASE_POOL_MAX_SIZE", default=0)
    if _pool_size:
        # Django's psycopg 3 pool replaces persistent connections; the two don't mix.
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        _pg_options["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
            "max_size": _pool_size,
            "timeout": env.float("DATABASE_POOL_TIMEOUT", default=2.0),
            "check": __import__("psycopg_pool").ConnectionPool.check_connection,
        }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Readers and an editor share the file: wait for a writer instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    # Tests run on an in-memory database, as Django does for its own sqlite3 engine (said
    # outright: test runners recognise that default by the engine's name only).
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", ":memory:")
# The same engines, plus work just before a commit (`comparator.db`): the page cache's
# revision rows are written there, all at once and in one order, so writers cannot deadlock.
DATABASES["default"]["ENGINE"] = {
    "django.db.backends.postgresql": "comparator.db.postgresql",
    "django.db.backends.sqlite3": "comparator.db.sqlite3",
}.get(DATABASES["default"]["ENGINE"], DATABASES["default"]["ENGINE"])

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# Local memory unless CACHE_URL names Redis (Django's built-in backend).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://comparator")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {
            # A cache server that is gone must not hold a reader up: fail fast, fall back to
            # the database.
            "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.25),
            "socket_timeout": env.float("CACHE_TIMEOUT", default=0.25),
        }
    )
CACHES["default"].setdefault("TIMEOUT", env.int("CACHE_PAGE_TIMEOUT", default=24 * 60 * 60))
# Instances that share one cache server share pages only when they serve the same database.
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="comparator")
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)

# --- Auth and admin -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out login never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/")

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Locked out by the client's address as comparator.clientaddress reads it (TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "comparator.clientaddress.client_address"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

# Every admin page asks staff for a second factor after the password (comparator/secondfactor.py).
# Only a developer's own machine may skip it, and only with debug on.
ADMIN_SECOND_FACTOR_OFF_FOR_LOCAL_DEVELOPMENT = env.bool(
    "ADMIN_SECOND_FACTOR_OFF_FOR_LOCAL_DEVELOPMENT", default=False
)
if ADMIN_SECOND_FACTOR_OFF_FOR_LOCAL_DEVELOPMENT and not DEBUG:
    raise ImproperlyConfigured(
        "ADMIN_SECOND_FACTOR_OFF_FOR_LOCAL_DEVELOPMENT is for local development only: "
        "it needs DJANGO_DEBUG=1. Production always asks editors for a second factor."
    )
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = "Comparator"

# --- Readers' reports (corrections) ---------------------------------------------------------
# At most this many reports per client address per window, counted in the shared cache.
REPORTS_RATE_LIMIT = env.int("REPORTS_RATE_LIMIT", default=5)
REPORTS_RATE_WINDOW_SECONDS = env.int("REPORTS_RATE_WINDOW_SECONDS", default=600)
# At most this many reports from everyone together per window, counted in the database: it
# holds when the cache (and so the per-client limit) is down.
REPORTS_SITE_RATE_LIMIT = env.int("REPORTS_SITE_RATE_LIMIT", default=100)
# Reverse proxies in front of gunicorn that write X-Forwarded-For (1 behind deploy/nginx). 0:
# the connection's own address is the client's, and the header (which anyone can send) is
# ignored. comparator.clientaddress reads it for lock-outs and reports alike.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Reporters' e-mails are erased this many days after their report is closed.
REPORT_EMAIL_RETENTION_DAYS = env.int("REPORT_EMAIL_RETENTION_DAYS", default=90)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "DJANGO_STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Hashed names are kept for a year (comparator.middleware); any other file only a minute.
WHITENOISE_MAX_AGE = 0 if DEBUG else 60

# --- Security -------------------------------------------------------------------------------
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=365 * 24 * 60 * 60) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Preloading is hard to undo: an opt-in once every subdomain serves HTTPS (README, Production).
# Left off, it is a choice, not an oversight: `check --deploy` is told so.
SECURE_HSTS_PRELOAD = HTTPS and env.bool("DJANGO_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD or not HTTPS else ["security.W021"]
SESSION_COOKIE_HTTPONLY = True
# Staff sessions end after a working day; admin is the only thing a session is for.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A refused form post gets the site's own page, not Django's bare one.
CSRF_FAILURE_VIEW = "comparator.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# django-csp 4: nothing is allowed unless named here, and nothing inline may run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
    },
}

# --- Metrics refresh (manage.py refresh_metrics) ---------------------------------------------
# Base URLs of the public APIs it reads; tests and staging point them at a fake.
PYPI_URL = env.str("PYPI_URL", default="https://pypi.org")
PYPISTATS_URL = env.str("PYPISTATS_URL", default="https://pypistats.org")
GITHUB_API_URL = env.str("GITHUB_API_URL", default="https://api.github.com")
STACKEXCHANGE_API_URL = env.str("STACKEXCHANGE_API_URL", default="https://api.stackexchange.com")
NPM_REGISTRY_URL = env.str("NPM_REGISTRY_URL", default="https://registry.npmjs.org")
NPM_DOWNLOADS_URL = env.str("NPM_DOWNLOADS_URL", default="https://api.npmjs.org")
RUBYGEMS_URL = env.str("RUBYGEMS_URL", default="https://rubygems.org")
PACKAGIST_URL = env.str("PACKAGIST_URL", default="https://packagist.org")
MAVEN_SEARCH_URL = env.str("MAVEN_SEARCH_URL", default="https://search.maven.org")
NUGET_SEARCH_URL = env.str("NUGET_SEARCH_URL", default="https://azuresearch-usnc.nuget.org")
HEX_URL = env.str("HEX_URL", default="https://hex.pm")
CRATES_URL = env.str("CRATES_URL", default="https://crates.io")
GO_PROXY_URL = env.str("GO_PROXY_URL", default="https://proxy.golang.org")
# Optional: sent as a bearer token, for 5,000 GitHub requests an hour instead of 60.
GITHUB_TOKEN = env.str("GITHUB_TOKEN", default="")
# Optional: a URL or e-mail address added to the User-Agent, so API operators can reach us.
METRICS_CONTACT = env.str("METRICS_CONTACT", default="")
# A run starts no framework after this: well inside the systemd unit's 30 min TimeoutStartSec.
REFRESH_METRICS_DEADLINE_SECONDS = env.float("REFRESH_METRICS_DEADLINE_SECONDS", default=1200)

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
}

SITE_NAME = "Comparator"
