"""A migrated SQLite file with the test world in it, for tests that run real `dangvu`
processes (interrupting an import, backing up under concurrent writes)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.conftest import build_world
build_world()
"""


def dangvu_env(db: Path, var: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="dangvu.config.settings.test",
        DANGVU_DATABASE_URL=f"sqlite:///{db}",
        DANGVU_VAR_DIR=str(var),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "src"), env.get("PYTHONPATH", "")]),
    )
    return env


@pytest.fixture(scope="session")
def world_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("world-db")
    db = folder / "world.sqlite3"
    subprocess.run([sys.executable, "-c", BUILD], env=dangvu_env(db, folder), check=True, cwd=ROOT)
    return db


@pytest.fixture
def live_db(world_file, tmp_path) -> tuple[Path, dict[str, str]]:
    """A private copy of the world database and the environment of a `dangvu` using it."""
    db = tmp_path / "live.sqlite3"
    shutil.copyfile(world_file, db)
    var = tmp_path / "var"
    var.mkdir()
    return db, dangvu_env(db, var)


def dangvu(*args: str, env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dangvu", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        **kwargs,
    )
