"""Settings shared by every environment; everything site-specific comes from DANGVU_*."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from dangvu.config.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/dangvu
BASE_DIR = PACKAGE_DIR.parents[1]  # the checkout
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "csp",
    "treebeard",
    "auditlog",
    "axes",
    "django_htmx",
    "health_check",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "dangvu.core",
    "dangvu.accounts",
    "dangvu.organizations",
    "dangvu.members",
    "dangvu.meetings",
    "dangvu.admissions",
    "dangvu.evaluations",
    "dangvu.imports",
    "dangvu.reports",
    "dangvu.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, so static files keep their cache headers; everything else is no-store.
    "dangvu.core.middleware.SecurityHeadersMiddleware",
    # Content-Security-Policy: only this server's scripts, styles, images and fonts; the few
    # inline scripts and chart styles carry the request's nonce (`request.csp_nonce`).
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor authentication (django-otp): staff roles give a code after the password.
    "django_otp.middleware.OTPMiddleware",
    "dangvu.accounts.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    "dangvu.core.middleware.UrlIdMiddleware",
]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "dangvu.config.urls"
WSGI_APPLICATION = "dangvu.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]

# --- Database: SQLite under var/ by default, PostgreSQL through DANGVU_DATABASE_URL.
_sqlite_options = {
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at BEGIN
    # so two concurrent writers queue instead of failing with "database is locked" mid-way.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
        "PRAGMA cache_size=-65536;PRAGMA temp_store=MEMORY;PRAGMA mmap_size=268435456;"
    ),
}
_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"].setdefault("OPTIONS", {}).update(_sqlite_options)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "dangvu.sqlite3",
            "OPTIONS": _sqlite_options,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions end after a working day of inactivity and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_AGE", 8 * 3600)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
# Locked is one account from one client address: someone guessing a password from one place
# cannot lock its owner out everywhere else, and, as party offices often share one NAT
# address, a colleague's typos in the office do not lock the rest of the office out either.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Reverse proxies in front of the application that append the client's address to
# X-Forwarded-For (1 behind the deployment guide's nginx); 0: the client is REMOTE_ADDR.
PROXY_COUNT = env_int("PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "dangvu.core.middleware.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# The CSRF refusal in Vietnamese under every settings module (dev and tests too, not only
# production): Django's own page is English and technical.
CSRF_FAILURE_VIEW = "dangvu.core.views.csrf_failure"

# Filter selects start with "Tất cả" rather than a row of dashes (django-filter's defaults;
# core.filters.FilterSet labels the model choices and yes/no selects the same way).
FILTERS_EMPTY_CHOICE_LABEL = _("All")

# Two-factor authentication (issue 15): a TOTP app for the roles that see a commune's or a
# province's personal data; members and branch secretaries may turn it on, not must.
DANGVU_REQUIRE_2FA = env_bool("REQUIRE_2FA", True)
DANGVU_2FA_ROLES = env_list(
    "2FA_ROLES", ["grassroots_staff", "direct_board", "provincial_board", "inspection", "admin"]
)
OTP_TOTP_ISSUER = env_str("OTP_ISSUER", "dangvu")

# API tokens (`POST /api/token/`) expire after this many days; a client may ask for fewer.
API_TOKEN_DAYS = env_int("TOKEN_DAYS", 90)

# --- Language and formats: Vietnamese by default, 1.561 and 99,74%, dd/mm/yyyy.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
FORMAT_MODULE_PATH = ["dangvu.config.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    PACKAGE_DIR / "static",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"

# Background work (django-tasks): tasks are rows in the project database, run by
# `dangvu db_worker` (started beside gunicorn by `make run`; a systemd unit in docs/deployment.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "dangvu.accounts.tokens.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "dangvu API",
    "DESCRIPTION": "Tổ chức đảng và đảng viên; mọi kết quả giới hạn trong phạm vi của người dùng.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One schema name per choice set (fields named "kind" or "level" use several).
    "ENUM_NAME_OVERRIDES": {
        "RatingEnum": "dangvu.evaluations.choices.Rating",
        "MeetingKindEnum": "dangvu.meetings.choices.MeetingKind",
        "MeetingQualityEnum": "dangvu.meetings.choices.QualityRating",
        "VisitLevelEnum": "dangvu.meetings.choices.VisitLevel",
        "EventKindEnum": "dangvu.members.choices.EventKind",
        "TransferKindEnum": "dangvu.members.choices.TransferKind",
        "PostKindEnum": "dangvu.members.choices.PostKind",
        "OrganizationLevelEnum": "dangvu.organizations.choices.Level",
        "OrganizationKindEnum": "dangvu.organizations.choices.Kind",
        "LocalityKindEnum": "dangvu.organizations.choices.LocalityKind",
        "ReorganizationKindEnum": "dangvu.organizations.choices.ReorganizationKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "dangvu.core.api.allow_empty_query_values",
    ],
}

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
