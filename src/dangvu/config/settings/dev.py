"""Local use: `make run`. A development secret is fine here, never in production."""

from .base import *  # noqa: F403
from .base import env_bool, env_str

SECRET_KEY = env_str("SECRET_KEY", "dev-only-not-secret-dangvu")
DEBUG = env_bool("DEBUG", True)
