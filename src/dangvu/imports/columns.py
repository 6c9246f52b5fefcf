"""The columns each kind of import understands, and how a file's headers are recognized.

A header matches after `header_key` (fold(): diacritics, đ, NFC/NFD, case; then punctuation and
stray spaces dropped), against the aliases below and the fields' own Vietnamese and English
labels, so that the app's own exports read back and "Số CCCD/Số định danh" == "so cccd so dinh
danh". The subtree export writes `label` of each spec (see exports.py), the first alias.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from dangvu.core.text import fold
from dangvu.members.choices import (
    ETHNICITIES,
    Gender,
    Occupation,
    ProfessionalLevel,
    Religion,
    Status,
    TheoryLevel,
)
from dangvu.members.models import Member
from dangvu.organizations.choices import Kind, LocalityKind, Sector

from . import values as v

_PUNCT = re.compile(r"[^0-9a-z]+")


def header_key(text: Any) -> str:
    """ "  Số CCCD / Số định danh (*)" → "so cccd so dinh danh"."""
    folded = fold(str(text or ""))
    folded = folded.replace("(*)", " ").replace("*", " ")
    return _PUNCT.sub(" ", folded).strip()


@dataclass(frozen=True)
class Spec:
    key: str
    label: str  # the header the export writes (Vietnamese, as offices write it)
    parse: Callable[[Any], Any]
    required: bool = False
    aliases: tuple[str, ...] = ()
    model_field: str | None = None  # whose verbose names also match
    help: Any = field(default="", compare=False)


def _text(max_length: int) -> Callable[[Any], str]:
    return lambda raw: v.parse_text(raw, max_length)


_ethnicity = v.choice_lookup(
    [(e, e) for e in ETHNICITIES],
    **{"Mông": "H'Mông", "Hmong": "H'Mông", "Ede": "Ê Đê", "Bru Van Kieu": "Bru - Vân Kiều"},
)

# Headers are Vietnamese by nature (the offices' spreadsheets); they are data, not UI text.
MEMBER_SPECS: list[Spec] = [
    Spec(
        "full_name",
        "Họ và tên",
        _text(255),
        required=True,
        aliases=("Họ tên", "Họ và tên khai sinh", "Tên đảng viên", "Họ tên đảng viên"),
        model_field="full_name",
    ),
    Spec(
        "birth_date",
        "Ngày sinh",
        v.parse_date,
        required=True,
        aliases=("Ngày tháng năm sinh", "Sinh ngày", "Ngày, tháng, năm sinh"),
        model_field="birth_date",
    ),
    Spec(
        "gender",
        "Giới tính",
        v.choice_lookup(Gender, nam="male", nu="female", m="male", f="female"),
        required=True,
        aliases=("Giới",),
        model_field="gender",
    ),
    Spec("ethnicity", "Dân tộc", _ethnicity, model_field="ethnicity"),
    Spec(
        "religion",
        "Tôn giáo",
        v.choice_lookup(
            Religion,
            **{
                "Thiên Chúa giáo": "catholic",
                "Công giáo": "catholic",
                "Tin lành": "protestant",
                "Đạo Phật": "buddhism",
                "Phật": "buddhism",
                "Hồi": "islam",
                "": "none",
            },
        ),
        model_field="religion",
    ),
    Spec(
        "admitted_on",
        "Ngày vào Đảng",
        v.parse_date,
        required=True,
        aliases=("Ngày kết nạp", "Ngày kết nạp Đảng", "Ngày vào Đảng dự bị"),
        model_field="admitted_on",
    ),
    Spec(
        "recognized_on",
        "Ngày chính thức",
        v.parse_date,
        aliases=("Ngày công nhận chính thức", "Ngày vào Đảng chính thức", "Ngày được công nhận"),
        model_field="recognized_on",
    ),
    Spec(
        "card_number",
        "Số thẻ đảng viên",
        v.parse_card_number,
        aliases=("Số thẻ Đảng", "Số thẻ", "Số thẻ ĐV"),
        model_field="card_number",
    ),
    Spec(
        "citizen_id",
        "Số CCCD/Số định danh",
        v.parse_citizen_id,
        aliases=(
            "Số CCCD",
            "CCCD",
            "Số căn cước",
            "Số căn cước công dân",
            "Căn cước công dân",
            "Số định danh",
            "Số định danh cá nhân",
            "CCCD/Số định danh",
        ),
        model_field="citizen_id",
    ),
    Spec(
        "branch",
        "Chi bộ",
        _text(255),
        aliases=("Mã chi bộ", "Tên chi bộ", "Chi bộ sinh hoạt", "Chi bộ đang sinh hoạt"),
        model_field="organization",
    ),
    Spec(
        "hometown",
        "Quê quán",
        _text(255),
        aliases=("Nguyên quán",),
        model_field="hometown",
    ),
    Spec(
        "residence",
        "Nơi ở hiện nay",
        _text(255),
        aliases=("Nơi ở", "Chỗ ở hiện nay", "Địa chỉ", "Nơi cư trú"),
        model_field="residence",
    ),
    Spec(
        "general_education",
        "Trình độ học vấn",
        _text(8),
        aliases=(
            "Học vấn",
            "Trình độ văn hóa",
            "Giáo dục phổ thông",
            "Trình độ giáo dục phổ thông",
        ),
        model_field="general_education",
    ),
    Spec(
        "professional_level",
        "Trình độ chuyên môn",
        v.choice_lookup(
            ProfessionalLevel,
            **{
                "Trung cấp": "vocational",
                "Sơ cấp": "vocational",
                "Cử nhân": "university",
                "Kỹ sư": "university",
                "Bác sĩ": "university",
                "Thạc sỹ": "master",
                "Tiến sỹ": "doctor",
                "": "none",
            },
        ),
        aliases=("Chuyên môn", "Trình độ chuyên môn nghiệp vụ", "Chuyên môn nghiệp vụ"),
        model_field="professional_level",
    ),
    Spec(
        "theory_level",
        "Trình độ lý luận chính trị",
        v.choice_lookup(TheoryLevel, **{"Cao cấp lý luận": "advanced", "": "none"}),
        aliases=("Lý luận chính trị", "LLCT", "Trình độ LLCT"),
        model_field="theory_level",
    ),
    Spec(
        "occupation",
        "Nghề nghiệp",
        v.choice_lookup(
            Occupation,
            **{
                "Cán bộ": "civil_servant",
                "Công chức": "civil_servant",
                "Hưu trí": "retired",
                "Học sinh": "student",
                "Sinh viên": "student",
                "Quân đội": "armed_forces",
                "Công an": "armed_forces",
            },
        ),
        model_field="occupation",
    ),
    Spec(
        "workplace",
        "Nơi làm việc",
        _text(255),
        aliases=("Cơ quan công tác", "Đơn vị công tác", "Nơi công tác"),
        model_field="workplace",
    ),
    Spec(
        "phone",
        "Điện thoại",
        v.parse_phone,
        aliases=("Số điện thoại", "SĐT", "ĐT", "Di động"),
        model_field="phone",
    ),
    Spec(
        "status",
        "Trạng thái",
        v.choice_lookup(Status),
        aliases=("Tình trạng", "Loại đảng viên"),
        model_field="status",
    ),
    Spec("status_since", "Trạng thái từ ngày", v.parse_date, model_field="status_since"),
]

ORGANIZATION_SPECS: list[Spec] = [
    Spec("code", "Mã", _text(32), required=True, aliases=("Mã tổ chức", "Mã đơn vị")),
    Spec("name", "Tên tổ chức", _text(255), required=True, aliases=("Tên", "Tên đơn vị")),
    Spec(
        "kind", "Loại", v.choice_lookup(Kind), required=True, aliases=("Loại tổ chức", "Loại hình")
    ),
    Spec("parent", "Mã cấp trên", _text(32), aliases=("Mã tổ chức cấp trên", "Cấp trên")),
    Spec("sector", "Lĩnh vực", v.choice_lookup(Sector), aliases=("Loại hình chi bộ",)),
    Spec("may_admit", "Được ủy quyền kết nạp", v.parse_bool, aliases=("Ủy quyền kết nạp",)),
    Spec("founded_on", "Ngày thành lập", v.parse_date),
    Spec("dissolved_on", "Ngày giải thể", v.parse_date),
    Spec("position", "Thứ tự", v.parse_int, aliases=("Thứ tự hiển thị",)),
]

LOCALITY_SPECS: list[Spec] = [
    Spec(
        "name", "Tên địa bàn", _text(255), required=True, aliases=("Tên thôn", "Thôn, tổ dân phố")
    ),
    Spec("kind", "Loại địa bàn", v.choice_lookup(LocalityKind), required=True, aliases=("Loại",)),
    Spec("commune", "Mã xã", _text(32), required=True, aliases=("Mã đảng bộ xã", "Xã, phường")),
    Spec("branch", "Mã chi bộ phụ trách", _text(32), aliases=("Chi bộ phụ trách",)),
    Spec("head_name", "Trưởng thôn", _text(255), aliases=("Trưởng thôn, tổ trưởng", "Trưởng")),
    Spec("households", "Số hộ", v.parse_int, aliases=("Số hộ gia đình",)),
]

# Columns that carry no data to import (row numbers).
IGNORED_HEADERS = {"stt", "tt", "so tt", "so thu tu", "no"}


def specs_for(kind: str) -> list[Spec]:
    return {
        "members": MEMBER_SPECS,
        "organizations": ORGANIZATION_SPECS,
        "localities": LOCALITY_SPECS,
    }[kind]


def _model_labels(spec: Spec) -> list[str]:
    if spec.model_field is None:
        return []

    model_field = Member._meta.get_field(spec.model_field)
    labels = []
    for language in ("vi", "en"):
        with translation.override(language):
            labels.append(str(model_field.verbose_name))
    return labels


def alias_table(kind: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for spec in specs_for(kind):
        for text in (spec.label, *spec.aliases, *_model_labels(spec), spec.key):
            table.setdefault(header_key(text), spec.key)
    return table


def auto_mapping(kind: str, headers: list[Any]) -> dict[int, str]:
    """Column index → field key for the headers that are recognized (first column wins)."""
    table = alias_table(kind)
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        key = table.get(header_key(header))
        if key and key not in taken:
            mapping[index] = key
            taken.add(key)
    return mapping


def field_choices(kind: str) -> list[tuple[str, str]]:
    """(key, label) for the manual mapping select."""
    return [(s.key, s.label) for s in specs_for(kind)]


IGNORE_LABEL = _("(ignore this column)")
