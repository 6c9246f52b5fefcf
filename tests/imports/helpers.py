"""Building import files in tests: real xlsx (openpyxl) and csv files on disk."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from dangvu.imports.services import create_run, execute

MEMBER_HEADERS = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Tôn giáo",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Số thẻ đảng viên",
    "Số CCCD",
    "Chi bộ",
    "Quê quán",
    "Nơi ở hiện nay",
    "Trình độ học vấn",
    "Trình độ chuyên môn",
    "Lý luận chính trị",
    "Nghề nghiệp",
    "Điện thoại",
]


def cccd(birth: dt.date, female: bool, serial: int) -> str:
    century_digit = (birth.year // 100 - 19) * 2 + (1 if female else 0)
    return f"001{century_digit}{birth.year % 100:02d}{serial:06d}"


def member_row(n: int, branch: str, *, female: bool = False, **override) -> list:
    birth = dt.date(1970 + n % 30, 1 + n % 12, 1 + n % 28)
    row = {
        "STT": n,
        "Họ và tên": f"Nguyễn Văn Nhập {n}",
        "Ngày sinh": birth,
        "Giới tính": "Nữ" if female else "Nam",
        "Dân tộc": "Kinh",
        "Tôn giáo": "Không",
        "Ngày vào Đảng": dt.date(birth.year + 25, 3, 2),
        "Ngày chính thức": dt.date(birth.year + 26, 3, 2),
        "Số thẻ đảng viên": f"{50000000 + n}",
        "Số CCCD": cccd(birth, female, 500000 + n),
        "Chi bộ": branch,
        "Quê quán": "Xã An Bình",
        "Nơi ở hiện nay": "Thôn Đông",
        "Trình độ học vấn": "12/12",
        "Trình độ chuyên môn": "Đại học",
        "Lý luận chính trị": "Trung cấp",
        "Nghề nghiệp": "Nông dân",
        "Điện thoại": "0912345678",
    }
    row.update(override)
    return [row[h] for h in MEMBER_HEADERS]


def write_xlsx(path: Path, headers: list, rows: list[list], sheet: str = "Đảng viên") -> Path:
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet
    ws.append(headers)
    for row in rows:
        ws.append(row)
    # CCCD and card numbers as text, like a careful office does.
    workbook.save(path)
    return path


def write_csv(path: Path, headers: list, rows: list[list], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v for v in row])
    return path


def run_import(path, *, kind="members", org, user=None, write=True, **options):
    run = create_run(
        user=user, kind=kind, organization=org, source=path, file_name=Path(path).name, **options
    )
    if run.status != "uploaded":
        return run
    run, _importer = execute(run, user=user, write=write)
    return run
