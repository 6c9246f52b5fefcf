"""Members import: a clean file creates members exactly as the member form does; importing it
again changes nothing; updates are matched by CCCD then card number and audited."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry

from dangvu.core.text import fold, sort_key
from dangvu.imports.models import RunStatus
from dangvu.members.models import Member, MemberEvent, Placement

from .helpers import MEMBER_HEADERS, member_row, run_import, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def test_a_clean_file_creates_members_with_placements_and_audit(world, tmp_path):
    rows = [member_row(n, world.branch_a1.code) for n in range(1, 6)]
    rows.append(member_row(6, "Chi bộ thôn Tây", female=True))  # by name, not code
    path = write_xlsx(tmp_path / "ds.xlsx", MEMBER_HEADERS, rows)
    before = Member.objects.count()
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    assert (run.created, run.updated, run.unchanged, run.invalid) == (6, 0, 0, 0)
    assert Member.objects.count() == before + 6
    member = Member.objects.get(full_name="Nguyễn Văn Nhập 6")
    assert member.organization == world.branch_a2
    assert member.org_path == world.branch_a2.path
    assert member.name_key == fold("Nguyễn Văn Nhập 6")
    assert member.sort_key == sort_key("Nguyễn Văn Nhập 6")
    assert member.gender == "female"
    assert member.status == "official" and member.status_since == member.recognized_on
    assert member.professional_level == "university" and member.theory_level == "intermediate"
    placement = Placement.objects.get(member=member)
    assert placement.organization == world.branch_a2 and placement.valid_to is None
    assert placement.valid_from == member.admitted_on
    entry = LogEntry.objects.get_for_object(member).get()
    assert entry.additional_data == {"import": run.pk}
    assert entry.actor == world.users.officer_a


def test_reimporting_the_same_file_changes_nothing(world, tmp_path):
    rows = [member_row(n, world.branch_a1.code) for n in range(1, 4)]
    path = write_csv(tmp_path / "ds.csv", MEMBER_HEADERS, rows)
    first = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert first.status == RunStatus.DONE and first.created == 3
    snapshot = list(Member.objects.order_by("pk").values())
    logs = LogEntry.objects.count()
    second = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert second.status == RunStatus.DONE, second.problems
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    assert list(Member.objects.order_by("pk").values()) == snapshot
    assert LogEntry.objects.count() == logs


def test_updates_are_matched_by_cccd_then_card_and_audited(world, tmp_path):
    duc = world.duc
    row = member_row(1, world.branch_a1.code)
    base = dict(zip(MEMBER_HEADERS, row, strict=True))
    base.update(
        {
            "Họ và tên": duc.full_name,
            "Ngày sinh": duc.birth_date,
            "Ngày vào Đảng": duc.admitted_on,
            "Ngày chính thức": duc.recognized_on,
            "Số thẻ đảng viên": duc.card_number,
            "Số CCCD": duc.citizen_id,
            "Điện thoại": "0987654321",
        }
    )
    hoa = world.hoa
    by_card = dict(base)
    by_card.update(
        {
            "Họ và tên": hoa.full_name,
            "Ngày sinh": hoa.birth_date,
            "Giới tính": "Nữ",
            "Dân tộc": "Tày",
            "Ngày vào Đảng": dt.date(2015, 3, 2),  # the registry's 2005 is before she was 18
            "Ngày chính thức": dt.date(2016, 3, 2),
            "Số thẻ đảng viên": hoa.card_number,
            "Số CCCD": None,
            "Chi bộ": world.branch_a2.code,  # moved to thôn Tây
        }
    )
    path = write_xlsx(
        tmp_path / "sua.xlsx",
        MEMBER_HEADERS,
        [[base[h] for h in MEMBER_HEADERS], [by_card[h] for h in MEMBER_HEADERS]],
    )
    version = Member.objects.get(pk=duc.pk).version
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    assert (run.created, run.updated) == (0, 2)
    duc.refresh_from_db()
    assert duc.phone == "0987654321" and duc.version == version + 1
    entry = LogEntry.objects.get_for_object(duc).latest("timestamp")
    assert entry.additional_data == {"import": run.pk}
    assert entry.changes["phone"][1] == "0987654321"
    hoa.refresh_from_db()
    assert hoa.organization == world.branch_a2 and hoa.org_path == world.branch_a2.path
    assert hoa.citizen_id  # a blank CCCD cell does not erase the number on record
    open_placement = Placement.objects.get(member=hoa, valid_to__isnull=True)
    assert open_placement.organization == world.branch_a2
    moved = MemberEvent.objects.get(member=hoa, kind="moved")
    assert moved.details == {"import": run.pk}


def test_dry_run_counts_and_writes_nothing(world, tmp_path):
    rows = [member_row(n, world.branch_a1.code) for n in range(1, 4)]
    path = write_xlsx(tmp_path / "ds.xlsx", MEMBER_HEADERS, rows)
    before = Member.objects.count()
    run = run_import(path, org=world.commune_a, user=world.users.officer_a, dry_run=True)
    assert run.status == RunStatus.VALIDATED
    assert run.created == 3
    assert Member.objects.count() == before


def test_dates_in_every_usual_form_and_nfd_headers(world, tmp_path):
    import unicodedata

    headers = [unicodedata.normalize("NFD", f"  {h.upper()} ") for h in MEMBER_HEADERS]
    forms = ["16/6/1980", "16-6-1980", "1980-06-16", 29388, dt.datetime(1980, 6, 16)]
    rows = []
    for n, birth in enumerate(forms, 1):
        row = member_row(n, world.branch_a1.code)
        row[2] = birth
        row[6] = "2/3/2005"
        row[7] = "02-03-2006"
        row[9] = f"00108{0}{n:07d}"[:12]
        row[9] = "0010800" + f"{n:05d}"
        rows.append(row)
    path = write_xlsx(tmp_path / "ngay.xlsx", headers, rows)
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    births = set(
        Member.objects.filter(full_name__startswith="Nguyễn Văn Nhập").values_list(
            "birth_date", flat=True
        )
    )
    assert births == {dt.date(1980, 6, 16)}
    assert Member.objects.filter(citizen_id="001080000001").exists()
