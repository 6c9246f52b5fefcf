"""Production (`make run`, gunicorn): DEBUG off, a real secret, static files by WhiteNoise.

The secret comes from DANGVU_SECRET_KEY or, failing that, from `var/secret_key`, generated on
the first start (never committed: `var/` is ignored). Behind a TLS reverse proxy (the
deployment guide) keep DANGVU_HTTPS=1, the default: secure cookies, HSTS, the proxy's
X-Forwarded-Proto header trusted and HTTP redirected. `make run` serves plain HTTP on the
loopback for one machine and sets DANGVU_HTTPS=0.
"""

import os
import secrets

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, VAR_DIR, env_bool, env_int

DEBUG = False


def _secret_from_file() -> str:
    path = VAR_DIR / "secret_key"
    if not path.exists():
        # O_EXCL: two processes starting at once keep the same key (the loser reads it).
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    key = path.read_text().strip()
    if len(key) < 50:
        raise ImproperlyConfigured(f"{path} holds no usable secret key: delete it to renew it")
    return key


SECRET_KEY = SECRET_KEY or _secret_from_file()

HTTPS = env_bool("HTTPS", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", HTTPS)
if HTTPS:
    # Only behind the reverse proxy of the deployment guide, which sets this header itself.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
