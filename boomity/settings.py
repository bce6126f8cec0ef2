"""Boomity's one settings file.

Everything that differs between a laptop and production is read from the
environment through the small helpers below; the README has the table. Safe
defaults make `make run` work with nothing set; a bad value stops start-up
with a message that says what to fix.
"""

import os
import sys
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_noop

BASE_DIR = Path(__file__).resolve().parent.parent
TESTING = "pytest" in sys.modules or os.environ.get("BOOMITY_TESTING") == "1"


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (got {raw!r}).")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number (got {raw!r}).") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# The demo relaxes e-mail verification so a visitor can try the app without a
# mail server; it is never on unless asked for.
DEMO = env_bool("BOOMITY_DEMO", False)

# Serving pages without a real secret key or host list is refused (boomity/wsgi.py
# and asgi.py set BOOMITY_SERVING; so does runserver). Commands that serve
# nothing — makemigrations, migrate, check — run with a placeholder key that
# `check --deploy` reports as insecure.
SERVING = os.environ.get("BOOMITY_SERVING") == "1" or sys.argv[1:2] == ["runserver"]
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
if not SECRET_KEY:
    if SERVING and not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DJANGO_DEBUG=true for local development."
        )
    SECRET_KEY = "django-insecure-local-development-key-do-not-use-in-production"  # noqa: S105
if not ALLOWED_HOSTS:
    if SERVING and not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS is not set. List the host names this site answers to, "
            "separated by commas (for example: community.example.org)."
        )
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# A failed safety check gets a kind page that gives back what was typed.
CSRF_FAILURE_VIEW = "boomity.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Full-text search on PostgreSQL (forums/search.py); harmless on SQLite.
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "taggit",
    "django_ratelimit",
    "django_tasks_db",
    # Ours, top of the dependency graph first: (bench →) boomity → moderation → forums →
    # checkins → members → core (the ground floor, which knows nothing of members or
    # posts). tests/boomity/test_layers.py holds every app to it.
    "boomity",
    "moderation",
    "forums",
    "checkins",
    "members",
    "core",
]
# `make bench`'s tooling (bench/) is no part of the site: it is installed only to develop
# (DJANGO_DEBUG, which `make bench` starts with) or to benchmark. BOOMITY_BENCH is set by
# `manage.py bench` for itself and its servers: then the root URLconf is bench's, which
# puts the bare "ceiling" page every real page is compared with in front of the site's.
BOOMITY_BENCH = env_bool("BOOMITY_BENCH", False)
if DEBUG or BOOMITY_BENCH:
    INSTALLED_APPS.insert(INSTALLED_APPS.index("boomity"), "bench")

MIDDLEWARE = [
    "boomity.middleware.UnknownHostMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # A visitor's language: the footer's choice (a cookie), else their browser's.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # A member's language, kept on their account, over the visitor's (above).
    "members.middleware.MemberLanguageMiddleware",
    "members.middleware.MemberStandingMiddleware",
    "members.middleware.AdminTwoStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "boomity.middleware.RequestTooBigMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "boomity.middleware.PageHeadersMiddleware",
    # Last, so it sees what every view raises.
    "boomity.middleware.FriendlyErrorsMiddleware",
]

ROOT_URLCONF = "bench.urls" if BOOMITY_BENCH else "boomity.urls"
WSGI_APPLICATION = "boomity.wsgi.application"

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
                "django.template.context_processors.csp",
                "boomity.context_processors.community",
                "boomity.context_processors.limits",
                # Seams: the pages of forums and moderation that the templates of the
                # apps below them link to (home; help and a post's flag page). A lower
                # app never names an upper app's page (tests/boomity/test_layers.py).
                "forums.context_processors.links",
                "moderation.context_processors.links",
                "moderation.context_processors.moderation_hours",
                "moderation.context_processors.second_look",
                "moderation.context_processors.queue_counts",
            ],
        },
    },
    # For the few templates rendered many times a page (templates/jinja2/; a list's rows,
    # forums/templatetags/thread_rows.py), where Django's template language measured four
    # times slower. Pages themselves stay Django templates.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "core.jinja2.environment"},
    },
]

# Django's widget templates through Jinja2, the admin's through Django's (core.forms).
FORM_RENDERER = "core.forms.QuickWidgets"

# --- Seams: a lower app's way to an upper app's page ---------------------------
# Imports and page names point down the layers only (tests/boomity/test_layers.py).
# Where Python code in a lower app must send someone to a page above it, it reverses
# the name set here; templates get theirs from the context processors above.
# The community's front page: where members and check-ins send a member "back to the
# community", as signing in and out do.
BOOMITY_HOME_URL = "forums:home"
# A member's public page, by display name: members gives out the address (mentions,
# links to a profile), forums serves the page, since it shows the member's posts.
BOOMITY_MEMBER_PROFILE_URL = "forums:member-profile"
# Everything about a member, for moderators, by account number: every name in the admin
# links there (members.admin.member_link); moderation serves it, since it shows their
# posts, flags, sanctions and the moderators' notes.
BOOMITY_ADMIN_MEMBER_URL = "admin:moderation_member"

# --- Database -------------------------------------------------------------
# SQLite is a real embedded default: WAL lets readers run beside a writer, and
# IMMEDIATE transactions make concurrent writers queue for the lock instead of
# failing with "database is locked" (measured: 44-47 of 50 failed without).
DATA_DIR = Path(env_str("BOOMITY_DATA_DIR", str(BASE_DIR / "var")))
DATABASE_URL = env_str("DATABASE_URL")
# PostgreSQL: a query asked this many times on a connection is prepared (see below).
PREPARE_AFTER = 5
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASE_URL:
    try:
        DATABASES = {
            "default": dj_database_url.parse(
                DATABASE_URL,
                conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
                conn_health_checks=True,
            )
        }
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL could not be read: {exc}") from None
else:
    # The embedded default: its folder is made on first use, so manage.py works
    # straight from a fresh clone.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "db.sqlite3")}
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
elif env_bool("DATABASE_PREPARED_STATEMENTS", True):
    # PostgreSQL plans a query each time it is sent with its values written in (Django's
    # default, client-side binding): on the bench, planning cost a list page more than
    # running its queries did. Sent with their values apart, queries asked five times on
    # a connection are prepared once and planned no more (psycopg keeps up to 100): the
    # bench measured half of PostgreSQL's CPU a page gone. A pooler in transaction mode
    # can't keep prepared statements: turn this off there (docs/deploy.md).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": PREPARE_AFTER}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------
# Rate limits count in the cache, so every worker must share it: the database
# cache by default, Redis when REDIS_URL is set. Never a per-process LocMem.
REDIS_URL = env_str("REDIS_URL")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "boomity_cache",
        }
    }

# Rendered posts (forums/fragments.py), in each process's own memory: a post's HTML
# is kept under a key made of everything it shows, so it is right in every process
# without being shared or invalidated, and reading it costs no network trip.
# About 4 KB a post: 5,000 posts, some 20 MB per process at most.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "boomity-fragments",
    "TIMEOUT": 24 * 60 * 60,
    "OPTIONS": {"MAX_ENTRIES": 5_000, "CULL_FREQUENCY": 4},
}

# django-ratelimit warns that the database cache's increment is not atomic: two
# truly simultaneous posts by one member may both be counted as one. For a
# limit on flooding that is an acceptable error, and it keeps the app free of
# required services; with REDIS_URL set, counting is exact.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = BOOMITY_HOME_URL
# A new member lands on "Getting started" (forums:welcome) after joining — or, where
# the address must be confirmed first, after opening the link.
ACCOUNT_SIGNUP_REDIRECT_URL = "forums:welcome"
# The board where "Getting started" invites new members to say hello, by its slug
# (staff can rename a board's slug in the admin). No such board: no invitation.
BOOMITY_INTRODUCTIONS_BOARD = env_str("BOOMITY_INTRODUCTIONS_BOARD", "introductions")
ACCOUNT_LOGOUT_REDIRECT_URL = BOOMITY_HOME_URL

ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "members.forms.SignupForm",
    "login": "members.forms.LoginForm",
    "add_email": "members.forms.AddEmailForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "optional" if DEMO else "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_RATE_LIMITS_ENABLED = True
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("BOOMITY_TRUSTED_PROXY_COUNT", 0)

# Two-step sign-in (TOTP and recovery codes). Everyone who can open the admin
# must have it: members.middleware.AdminTwoStepMiddleware sends them to set it up.
MFA_ADAPTER = "members.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_FORMS = {
    "authenticate": "members.forms.TwoStepCodeForm",
    "reauthenticate": "members.forms.TwoStepReauthenticateForm",
    "activate_totp": "members.forms.TwoStepSetupForm",
}
# One 30-second step either side, for phones whose clocks drift (RFC 6238 §5.2).
MFA_TOTP_TOLERANCE = 1
# The URL namespaces the middleware guards: the admin and the staff pages of figures.
BOOMITY_TWO_STEP_NAMESPACES = frozenset({"admin", "figures"})

SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A sign-in ends after this long without a visit (the middleware renews it at
# most every few minutes, not on every request) and at sign-out, server-side.
SESSION_COOKIE_AGE = env_int("BOOMITY_SESSION_HOURS", 12) * 3600
BOOMITY_SESSION_RENEW_SECONDS = 300
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- E-mail -----------------------------------------------------------------
# Django 6.1 configures e-mail through MAILERS. Without EMAIL_HOST the mail is
# printed to the console, which is what `make run` wants.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Boomity <community@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST_ENV = env_str("EMAIL_HOST")
if EMAIL_HOST_ENV:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST_ENV,
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": env_int("EMAIL_TIMEOUT", 20),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# --- Background tasks --------------------------------------------------------
# In-process by default (the demo, tests). In production set
# BOOMITY_TASKS=database and run `manage.py db_worker` beside the web processes,
# so a request never waits on e-mail.
BOOMITY_TASKS = env_str("BOOMITY_TASKS", "immediate")
if BOOMITY_TASKS not in {"immediate", "database"}:
    raise ImproperlyConfigured("BOOMITY_TASKS must be 'immediate' or 'database'.")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if BOOMITY_TASKS == "database"
        else "django.tasks.backends.immediate.ImmediateBackend",
    }
}

# --- Languages -----------------------------------------------------------------
# English is the source language: every page falls back to it. Staff choose the
# languages the community offers with BOOMITY_LANGUAGES (codes, comma-separated); each
# needs its catalogue in locale/ (README, "Languages"), or its pages show in English.
LANGUAGE_CODE = "en"


def env_languages(name: str, default: list[str]) -> list[tuple[str, str]]:
    """(code, the language's name in itself) for each code listed, checked against the
    languages Django knows, which also tell it which ones are written right to left."""
    from django.conf.locale import LANG_INFO

    codes = list(dict.fromkeys(c.lower().replace("_", "-") for c in env_list(name, default)))
    unknown = [c for c in codes if "name_local" not in LANG_INFO.get(c, {})]
    if unknown:
        raise ImproperlyConfigured(
            f"{name} lists {', '.join(unknown)}, which is not a language code Django knows. "
            "Use codes such as en, es, fr, pt-br or ar, separated by commas."
        )
    if LANGUAGE_CODE not in codes:
        raise ImproperlyConfigured(
            f"{name} must include {LANGUAGE_CODE}, the language every page falls back to "
            f"(got {','.join(codes) or 'nothing'})."
        )
    return [(c, LANG_INFO[c]["name_local"]) for c in codes]


LANGUAGES = env_languages("BOOMITY_LANGUAGES", ["en", "es"])
LOCALE_PATHS = [BASE_DIR / "locale"]
# One style of dates and times per language, in pages and the admin alike.
FORMAT_MODULE_PATH = ["boomity.formats"]
# The footer's language switch keeps a visitor's choice in this cookie (a member's is
# kept on their account too).
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env_str("BOOMITY_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # The manifest storage needs collectstatic, which tests and runserver skip.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

# --- Security ---------------------------------------------------------------
# How much of a submitted form Django reads (its default is 2.5 MB). A post holds
# 20,000 characters, but someone may paste far more: up to this size they get
# the form back with a kind message and every word kept. Beyond it, the request
# is refused unread (boomity.middleware.RequestTooBigMiddleware, a kind 413
# page), and the page's script warns before sending so the words stay put.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = not DEBUG and not TESTING
CSRF_COOKIE_SECURE = not DEBUG and not TESTING
LANGUAGE_COOKIE_SECURE = not DEBUG and not TESTING
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Everything is served by us: no inline script or style, no eval, nothing
# fetched from elsewhere. A script we write may carry the per-response nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# Nothing here needs a camera, a microphone or where someone is.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "browsing-topics=(), interest-cohort=()"
)

# --- Community ----------------------------------------------------------------
# The first name and tagline only: after that, staff change them (and the
# welcome text, guidelines and who may join) in the admin's Community settings.
BOOMITY_COMMUNITY_NAME = env_str("BOOMITY_COMMUNITY_NAME", "Boomity")
BOOMITY_TAGLINE = env_str(
    "BOOMITY_TAGLINE",
    gettext_noop(
        "A peer-support community for people living with mental-health difficulties, "
        "and the people who care about them."
    ),
)
# Each app process keeps the admin's community settings this long before reading
# them again (every page shows the name; this keeps it off the database). The
# process that saves a change sees it at once.
BOOMITY_COMMUNITY_CACHE_SECONDS = env_int("BOOMITY_COMMUNITY_CACHE_SECONDS", 30)
# Where e-mails' links point (no trailing slash).
BOOMITY_SITE_URL = env_str("BOOMITY_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# forums runs these on every new or edited post (see forums/screening.py).
BOOMITY_POST_SCREENERS = ["moderation.screening.ModerationScreener"]
# forums tells these of every moderator's change to a thread: lock, pin, move… (see
# forums/thread_changes.py); moderation's writes the audit row.
BOOMITY_THREAD_CHANGE_RECORDERS = ["moderation.actions.ThreadChangeAudit"]
# The teams that can be one side of a private conversation (members/conversations.py):
# members see the team's name, never who wrote for it; its people hold the permission.
BOOMITY_CONVERSATION_TEAMS = {
    # The name is shown in the reader's language (members.conversations.teams).
    "moderators": {
        "name": gettext_noop("The moderation team"),
        "permission": "moderation.work_queue",
    },
}
# members runs these on every message a member writes (members/conversations.py).
BOOMITY_MESSAGE_SCREENERS = ["moderation.screening.MessageScreener"]
# The words and phrases a member muted (forums' mutes), so that members folds them in
# notifications and leaves them out of notification e-mails (members/muted.py).
BOOMITY_MUTED_WORDS = "forums.models.muted_words"
BOOMITY_THREADS_PER_PAGE = 25
# Per-member limits on writing, counted in the shared cache. Members in their
# first week get the stricter one. Format: "count/period" (s, m, h, d).
BOOMITY_RATE_LIMITS = {
    "thread": {
        "new": env_str("BOOMITY_LIMIT_THREAD_NEW", "4/h"),
        "member": env_str("BOOMITY_LIMIT_THREAD", "12/h"),
    },
    "reply": {
        "new": env_str("BOOMITY_LIMIT_REPLY_NEW", "15/h"),
        "member": env_str("BOOMITY_LIMIT_REPLY", "60/h"),
    },
    "react": {
        "new": env_str("BOOMITY_LIMIT_REACT_NEW", "60/h"),
        "member": env_str("BOOMITY_LIMIT_REACT", "240/h"),
    },
    # Saving a draft (the page's script saves at most every few seconds while typing):
    # a ceiling on writes, not on writing.
    "draft": {
        "new": env_str("BOOMITY_LIMIT_DRAFT", "20/m"),
        "member": env_str("BOOMITY_LIMIT_DRAFT", "20/m"),
    },
}
BOOMITY_NEW_MEMBER_DAYS = 7
BOOMITY_POSTS_PER_PAGE = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Locally and in tests, whitenoise serves straight from the app folders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
