"""`dangvu init` (issue 12, item 3): the top organization and the first administrator of an
empty installation, from flags (scripts) or from questions; refused, with nothing written and a
non-zero exit code, once organizations exist; then `dangvu import`, with no other command."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation

from dangvu.accounts.models import Role
from dangvu.organizations import first_run
from dangvu.organizations.choices import Kind
from dangvu.organizations.models import Organization, OrganizationLink
from tests.imports.helpers import MEMBER_HEADERS, member_row, write_xlsx

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "Cay-Da-Dau-Lang-2026"
ROOT = Path(__file__).resolve().parents[2]


def init(*args: str, stdin: str | None = None) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    extra = {"stdin": io.StringIO(stdin)} if stdin is not None else {}
    call_command("init", *args, stdout=out, stderr=err, **extra)
    return out.getvalue(), err.getvalue()


FLAGS = [
    "--code",
    "T01",
    "--name",
    "Đảng bộ tỉnh Thử Nghiệm",
    "--level",
    "province",
    "--admin-username",
    "admin",
    "--admin-password",
    PASSWORD,
    "--admin-email",
    "admin@example.vn",
    "--no-input",
]


def test_init_from_flags_creates_the_province_and_its_administrator():
    out, _err = init(*FLAGS)
    org = Organization.objects.get()
    assert (org.code, org.name, org.kind) == (
        "T01",
        "Đảng bộ tỉnh Thử Nghiệm",
        "province_committee",
    )
    assert OrganizationLink.objects.get(organization=org).valid_from == first_run.EARLIEST
    admin = User.objects.get()
    assert admin.username == "admin" and admin.email == "admin@example.vn"
    assert admin.role == Role.ADMIN and admin.organization == org and admin.is_superuser
    assert admin.check_password(PASSWORD)
    assert "/data/" in out and "T01" in out  # where to go next


@pytest.mark.parametrize("level", ["direct", "commune_committee"])
def test_a_commune_committee_may_be_the_top_organization(level):
    args = [a if a != "province" else level for a in FLAGS]
    init(*args, "--founded", "02/09/1990")
    org = Organization.objects.get()
    assert org.kind == Kind.COMMUNE_COMMITTEE and org.is_root()
    assert org.founded_on.isoformat() == "1990-09-02"
    assert OrganizationLink.objects.get(organization=org).valid_from.isoformat() == "1990-09-02"


def test_init_refuses_when_organizations_exist_and_writes_nothing():
    init(*FLAGS)
    before = (Organization.objects.count(), User.objects.count())
    other = list(FLAGS)
    other[other.index("T01")] = "T02"
    other[other.index("admin")] = "admin2"
    with pytest.raises(CommandError) as error:
        init(*other)
    with translation.override("vi"):
        assert str(error.value) == str(first_run.NOT_EMPTY)
    assert (Organization.objects.count(), User.objects.count()) == before
    assert not User.objects.filter(username="admin2").exists()


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        ("--code", "T 01"),
        ("--level", "branch"),
        ("--admin-password", "123"),
        ("--admin-email", "khong-phai-email"),
        ("--admin-username", "tên có dấu cách"),
        ("--founded", "31/02/2020"),
    ],
)
def test_bad_flags_stop_with_nothing_written(flag, value):
    args = list(FLAGS)
    if flag in args:
        args[args.index(flag) + 1] = value
    else:
        args += [flag, value]
    with pytest.raises(CommandError):
        init(*args)
    assert not Organization.objects.exists() and not User.objects.exists()


def test_the_questions_when_flags_are_missing():
    answers = "\n".join(
        [
            "2",  # Commune committee (second of the list)
            "X01",
            "Đảng bộ xã Độc Lập",
            "",  # founding date: optional
            "quantri",
            "Nguyễn Văn Quản",
            "",  # email: optional
            PASSWORD,
            "sai",  # the second password differs: asked again
            PASSWORD,
            PASSWORD,
            "",
        ]
    )
    out, err = init(stdin=answers)
    org = Organization.objects.get()
    assert (org.code, org.kind) == ("X01", Kind.COMMUNE_COMMITTEE)
    admin = User.objects.get()
    assert admin.first_name == "Nguyễn Văn Quản" and admin.check_password(PASSWORD)
    assert err.strip()  # the mismatch was told
    assert "/data/" in out


def test_a_bad_answer_is_asked_again():
    answers = "\n".join(
        ["1", "T 01", "Đảng bộ tỉnh", "", "admin", "", "", PASSWORD, PASSWORD, "T01", ""]
    )
    _out, err = init(stdin=answers)
    assert err.strip()
    assert Organization.objects.get().code == "T01"


def test_the_questions_stop_at_the_end_of_the_input_with_nothing_written():
    with pytest.raises(CommandError):
        init(stdin="1\nT01\n")
    assert not Organization.objects.exists() and not User.objects.exists()


# --- the real command line: init, then the import, with no other command ----------------------


def _dangvu(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dangvu", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="posix paths")
def test_dangvu_init_then_import_on_an_empty_database(tmp_path):
    db = tmp_path / "moi.sqlite3"
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="dangvu.config.settings.test",
        DANGVU_DATABASE_URL=f"sqlite:///{db}",
        DANGVU_VAR_DIR=str(tmp_path / "var"),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "src"), env.get("PYTHONPATH", "")]),
    )
    assert _dangvu("migrate", "--no-input", "-v", "0", env=env).returncode == 0
    flags = [a if a != "province" else "direct" for a in FLAGS]
    flags = [a if a != "Đảng bộ tỉnh Thử Nghiệm" else "Đảng bộ xã Độc Lập" for a in flags]
    done = _dangvu("init", *flags, env=env)
    assert done.returncode == 0, done.stderr
    assert "/data/" in done.stdout
    again = _dangvu("init", *flags, env=env)
    assert again.returncode != 0
    with translation.override("vi"):
        assert str(first_run.NOT_EMPTY) in again.stderr, again.stderr

    orgs = write_xlsx(
        tmp_path / "to-chuc.xlsx",
        ["Mã", "Tên tổ chức", "Loại", "Mã cấp trên"],
        [
            ["CS01", "Đảng bộ cơ sở thôn Một", "Đảng bộ cơ sở", "T01"],
            ["CB01", "Chi bộ xóm Trên", "Chi bộ", "CS01"],
        ],
        sheet="Tổ chức",
    )
    imported = _dangvu("import", "organizations", str(orgs), "--org", "T01", env=env)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    members = write_xlsx(
        tmp_path / "dang-vien.xlsx", MEMBER_HEADERS, [member_row(n, "CB01") for n in range(1, 4)]
    )
    imported = _dangvu("import", "members", str(members), "--org", "T01", env=env)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    out = tmp_path / "dashboard.json"
    report = _dangvu("report", "dashboard", "--format", "json", "--out", str(out), env=env)
    assert report.returncode == 0, report.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    figures = {f["key"]: f["value"] for s in data["sections"] for f in s["figures"]}
    assert data["organization"]["code"] == "T01" and figures["members.total"] == 3
