"""Readmark settings: one file, configured by the environment (see docs/configuration.md).

Every variable read here is documented in docs/configuration.md and .env.example; a test fails
when one is missing there. Readers in readmark.env raise on malformed values.
"""

from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from readmark.env import env_bool, env_choice, env_int, env_list, env_str, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

READMARK_ENV = env_choice("READMARK_ENV", "local", {"local", "production", "test"})
PRODUCTION = READMARK_ENV == "production"

DATA_DIR = Path(env_str("READMARK_DATA_DIR", str(BASE_DIR / "var"))).resolve()
SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "readmark",
    "accounts",
    "reader",
    "annotations",
    "study",
    "exports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes must come last: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default. IMMEDIATE transactions + WAL: with Django's deferred
# transactions, concurrent writers fail with "database is locked" when one of them upgrades a
# read to a write; IMMEDIATE takes the write lock at BEGIN, so they wait their turn instead.
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # pooling replaces persistent connections
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
        DATABASES["default"]["OPTIONS"] = {
            "pool": {"min_size": 1, "max_size": env_int("READMARK_DB_POOL_SIZE", 8, minimum=1)}
        }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "readmark.sqlite3",
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                # The busy timeout: how long a writer waits for the lock. 5 s was not enough
                # on a loaded 2-core machine (tests/reliability/test_sqlite_writers.py).
                "timeout": 20,
                # WAL: readers never wait for the writer. NORMAL: a commit is durable at the
                # next checkpoint, and the database is never corrupted by a crash.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA journal_size_limit=67108864; PRAGMA foreign_keys=ON;"
                ),
            },
            # Tests use a file too, one per run: Django's default in-memory test database
            # (shared cache) answers concurrent writers with "table is locked" at once
            # instead of waiting as the real file does, so concurrency tests would test that.
            "TEST": {
                "NAME": str(Path(tempfile.gettempdir()) / f"readmark-test-{os.getpid()}.sqlite3")
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
# "default" is shared by every process: what one process changes (a version key, a rate limit,
# a session) every other one sees. Redis with REDIS_URL; otherwise files in the data folder,
# shared by the web processes of one machine. "local" is each process's memory, for entries
# whose key names the exact data they were built from (a revision, a stamp of rows, version
# keys read from "default"): such an entry is never stale, only left behind when the data moves.
if REDIS_URL:
    _SHARED_CACHE = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "readmark",
    }
else:
    _SHARED_CACHE = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
CACHES = {
    "default": _SHARED_CACHE,
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "readmark-local",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

# --- Authentication -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "library"
LOGOUT_REDIRECT_URL = "library"

AXES_FAILURE_LIMIT = env_int("READMARK_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("READMARK_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    if env_bool("READMARK_BEHIND_PROXY", False)
    else ["REMOTE_ADDR"]
)
AXES_VERBOSE = False

# --- Security headers -----------------------------------------------------------------------
# Sessions in the database, read through the cache (which is Redis when several processes share it).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("READMARK_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("READMARK_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("READMARK_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Request bodies: room for the largest article (READMARK_MAX_IMPORT_MB, set below), uploaded
# or pasted, plus the rest of the form.
DATA_UPLOAD_MAX_MEMORY_SIZE = (env_int("READMARK_MAX_IMPORT_MB", 5, minimum=1) + 1) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# --- Internationalisation and static files -------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production serves collected, hashed files; elsewhere whitenoise reads the source folders.
STATIC_ROOT = DATA_DIR / "static" if PRODUCTION else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# --- Readmark -------------------------------------------------------------------------------
READMARK_BEHIND_PROXY = env_bool("READMARK_BEHIND_PROXY", False)
READMARK_SIGNUPS_PER_HOUR = env_int("READMARK_SIGNUPS_PER_HOUR", 10, minimum=1)
READMARK_MAX_IMPORT_BYTES = env_int("READMARK_MAX_IMPORT_MB", 5, minimum=1) * 1024 * 1024
# Readers' own articles: what one reader may add, and whether the server may fetch addresses
# on private networks (only for tests and intranet deployments: see docs/configuration.md).
READMARK_ARTICLES_PER_HOUR = env_int("READMARK_ARTICLES_PER_HOUR", 30, minimum=1)
READMARK_STORED_TEXT_MB = env_int("READMARK_STORED_TEXT_MB", 200, minimum=1)
READMARK_FETCH_ALLOW_PRIVATE = env_bool("READMARK_FETCH_ALLOW_PRIVATE", False)
READMARK_WORDS_PER_MINUTE = env_int("READMARK_WORDS_PER_MINUTE", 230, minimum=50)
READMARK_FLASHCARD_GENERATOR = env_choice(
    "READMARK_FLASHCARD_GENERATOR", "", {"", "local", "openai"}
)
READMARK_LLM_BASE_URL = env_str("READMARK_LLM_BASE_URL", "")
READMARK_LLM_MODEL = env_str("READMARK_LLM_MODEL", "")
READMARK_LLM_API_KEY = env_str("READMARK_LLM_API_KEY", "")
READMARK_LLM_TIMEOUT_SECONDS = env_int("READMARK_LLM_TIMEOUT_SECONDS", 90, minimum=1)
READMARK_COOLDOWN_MIN_SECONDS = env_int("READMARK_COOLDOWN_MIN_SECONDS", 180, minimum=0)
READMARK_COOLDOWN_MAX_SECONDS = env_int("READMARK_COOLDOWN_MAX_SECONDS", 300, minimum=0)
# New flashcard generations per hour: for the whole site (a language model is a paid call, so
# its default is tighter), and per reader, failed attempts included.
_LLM_CONFIGURED = READMARK_FLASHCARD_GENERATOR == "openai" or (
    READMARK_FLASHCARD_GENERATOR == "" and bool(READMARK_LLM_BASE_URL)
)
READMARK_GENERATIONS_PER_HOUR = env_int(
    "READMARK_GENERATIONS_PER_HOUR", 120 if _LLM_CONFIGURED else 3000, minimum=1
)
READMARK_GENERATIONS_PER_READER_HOUR = env_int(
    "READMARK_GENERATIONS_PER_READER_HOUR", 20, minimum=1
)
# Who runs flashcard generations: "embedded" (in the web process) or "worker" (readmark worker).
READMARK_TASK_BACKEND = env_str("READMARK_TASK_BACKEND", "embedded").strip()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("READMARK_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
