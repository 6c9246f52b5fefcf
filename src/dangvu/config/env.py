"""Typed readers for DANGVU_* environment variables (in the manner of healthchecks' settings)."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"DANGVU_{name}", default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(f"DANGVU_{name}")
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(f"DANGVU_{name}")
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DANGVU_{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(f"DANGVU_{name}")
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
