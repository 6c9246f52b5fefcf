"""`make run` serves with the production settings: DEBUG off, a generated secret kept under
var/, and Django's deployment check clean of security warnings."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest


def _run(args: list[str], var_dir: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dangvu.config.settings.production",
        "DANGVU_VAR_DIR": str(var_dir),
        **env,
    }
    environment.pop("DANGVU_SECRET_KEY", None)
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    return subprocess.run(
        [sys.executable, "-m", "dangvu", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRINT = (
    "from django.conf import settings as s; print(s.DEBUG, s.SECRET_KEY, s.SESSION_COOKIE_SECURE,"
    " s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
)


def test_production_settings_generate_and_keep_a_secret(tmp_path):
    first = _run(["shell", "-c", PRINT], tmp_path, DANGVU_HTTPS="0")
    assert first.returncode == 0, first.stderr
    debug, key, secure, redirect, hsts = first.stdout.splitlines()[-1].split()
    assert debug == "False" and len(key) >= 50
    assert (secure, redirect, hsts) == ("False", "False", "0")
    secret = tmp_path / "secret_key"
    assert secret.read_text().strip() == key
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    again = _run(["shell", "-c", PRINT], tmp_path)
    debug, key_again, secure, redirect, hsts = again.stdout.splitlines()[-1].split()
    assert key_again == key  # the same key on every start
    assert (secure, redirect) == ("True", "True") and int(hsts) >= 31536000


def test_a_broken_secret_file_stops_the_server(tmp_path):
    (tmp_path / "secret_key").write_text("short")
    result = _run(["check"], tmp_path)
    assert result.returncode != 0 and "secret_key" in result.stderr


@pytest.mark.parametrize("https", ["1"])
def test_the_deployment_check_has_no_security_warning(tmp_path, https):
    result = _run(["check", "--deploy"], tmp_path, DANGVU_HTTPS=https)
    assert result.returncode == 0, result.stderr
    assert "security." not in result.stdout + result.stderr


def test_the_error_pages_are_in_vietnamese(client, db, rf):
    from django.test import Client

    from dangvu.core.views import csrf_failure

    assert "Không tìm thấy trang" in client.get("/khong-co-trang-nay/").content.decode()
    csrf = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x"})
    assert csrf.status_code == 403
    page = csrf_failure(rf.post("/")).content.decode()
    assert "Biểu mẫu đã hết hạn" in page and "nothing was saved" not in page
