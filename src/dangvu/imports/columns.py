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
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from dangvu.core.text import fold
from dangvu.evaluations.choices import Rating
from dangvu.members.choices import (
    ETHNICITIES,
    DisciplineForm,
    EventKind,
    Gender,
    Occupation,
    PostKind,
    ProfessionalLevel,
    Religion,
    Status,
    TheoryLevel,
)
from dangvu.members.models import Member
from dangvu.organizations.choices import Kind, LocalityKind, SeatRole, Sector

from . import values as v

_PUNCT = re.compile(r"[^0-9a-z]+")
# How a former member left the roll (the event kind; its status has the same value).
EXIT_KINDS = [
    (k.value, k.label)
    for k in (
        EventKind.STRUCK_OFF,
        EventKind.LEFT,
        EventKind.EXPELLED,
        EventKind.DECEASED,
        EventKind.TRANSFERRED_OUT,
    )
]


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
    # The member's history (history.py): the admission, recognition and exit decisions.
    Spec(
        "admission_number",
        "Số quyết định kết nạp",
        _text(64),
        aliases=("Số QĐ kết nạp", "Quyết định kết nạp số"),
    ),
    Spec(
        "admission_body", "Cơ quan quyết định kết nạp", _text(255), aliases=("Cấp ra QĐ kết nạp",)
    ),
    Spec(
        "ceremony_on",
        "Ngày lễ kết nạp",
        v.parse_date,
        aliases=("Ngày tổ chức lễ kết nạp", "Ngày tổ chức kết nạp", "Ngày kết nạp (lễ)"),
    ),
    Spec(
        "recognition_number",
        "Số quyết định công nhận chính thức",
        _text(64),
        aliases=("Số QĐ chính thức", "Số QĐ công nhận chính thức"),
    ),
    Spec(
        "recognition_date",
        "Ngày quyết định công nhận chính thức",
        v.parse_date,
        aliases=("Ngày QĐ chính thức", "Ngày QĐ công nhận chính thức"),
    ),
    Spec(
        "recognition_body",
        "Cơ quan quyết định công nhận chính thức",
        _text(255),
        aliases=("Cấp ra QĐ chính thức",),
    ),
    Spec(
        "joined_on",
        "Ngày vào chi bộ",
        v.parse_date,
        aliases=("Ngày sinh hoạt tại chi bộ", "Sinh hoạt tại chi bộ từ ngày", "Ngày chuyển đến"),
    ),
    Spec(
        "exit_kind",
        "Hình thức ra khỏi Đảng",
        v.choice_lookup(
            EXIT_KINDS,
            **{
                "Xóa tên": "struck_off",
                "Xoá tên": "struck_off",
                "Xóa tên khỏi danh sách": "struck_off",
                "Cho ra khỏi Đảng": "left",
                "Ra khỏi Đảng": "left",
                "Khai trừ": "expelled",
                "Khai trừ ra khỏi Đảng": "expelled",
                "Từ trần": "deceased",
                "Đã mất": "deceased",
                "Chết": "deceased",
                "Chuyển đi": "transferred_out",
                "Chuyển sinh hoạt đi": "transferred_out",
                "Chuyển ra ngoài tỉnh": "transferred_out",
            },
        ),
        aliases=("Biến động", "Lý do ra khỏi Đảng", "Hình thức"),
    ),
    Spec(
        "exit_on",
        "Ngày ra khỏi Đảng",
        v.parse_date,
        aliases=("Ngày biến động", "Ngày xóa tên", "Ngày từ trần", "Ngày chuyển đi"),
    ),
    Spec(
        "exit_number",
        "Số quyết định ra khỏi Đảng",
        _text(64),
        aliases=("Số QĐ ra khỏi Đảng", "Số quyết định biến động"),
    ),
    Spec(
        "exit_date",
        "Ngày quyết định ra khỏi Đảng",
        v.parse_date,
        aliases=("Ngày QĐ ra khỏi Đảng", "Ngày quyết định biến động"),
    ),
    Spec(
        "exit_body",
        "Cơ quan quyết định ra khỏi Đảng",
        _text(255),
        aliases=("Cấp ra QĐ ra khỏi Đảng",),
    ),
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

# --- The history sheets (history.py): who, by CCCD or card number, as in the members sheet.
_WHO = [
    Spec(
        "citizen_id",
        "Số CCCD/Số định danh",
        v.parse_citizen_id,
        aliases=("Số CCCD", "CCCD", "Số định danh", "Số căn cước công dân"),
    ),
    Spec("card_number", "Số thẻ đảng viên", v.parse_card_number, aliases=("Số thẻ Đảng", "Số thẻ")),
    Spec("full_name", "Họ và tên", _text(255), aliases=("Họ tên", "Tên đảng viên")),
]
START_KINDS = [
    (k.value, k.label)
    for k in (
        EventKind.ADMITTED,
        EventKind.READMITTED,
        EventKind.RESTORED,
        EventKind.TRANSFERRED_IN,
        EventKind.MOVED,
    )
]
END_KINDS = [(k.value, k.label) for k in (EventKind.MOVED, *[EventKind(k) for k, _l in EXIT_KINDS])]
_START_ALIASES = {
    "Kết nạp": "admitted",
    "Kết nạp lại": "readmitted",
    "Phục hồi": "restored",
    "Phục hồi đảng tịch": "restored",
    "Chuyển đến": "transferred_in",
    "Chuyển sinh hoạt đến": "transferred_in",
    "Tiếp nhận": "transferred_in",
    "Chuyển chi bộ": "moved",
    "Chuyển sinh hoạt": "moved",
    "Chuyển nội bộ": "moved",
}
PLACEMENT_SPECS: list[Spec] = [
    *_WHO,
    Spec("branch", "Mã chi bộ", _text(255), required=True, aliases=("Chi bộ", "Chi bộ sinh hoạt")),
    Spec(
        "valid_from", "Từ ngày", v.parse_date, required=True, aliases=("Ngày đến", "Ngày bắt đầu")
    ),
    Spec("valid_to", "Đến ngày", v.parse_date, aliases=("Ngày đi", "Ngày kết thúc")),
    Spec(
        "start_kind",
        "Lý do đến",
        v.choice_lookup(START_KINDS, **_START_ALIASES),
        aliases=("Lý do", "Hình thức đến"),
    ),
    Spec(
        "end_kind",
        "Lý do đi",
        v.choice_lookup(
            END_KINDS,
            **{k: v_ for k, v_ in _START_ALIASES.items() if v_ == "moved"},
            **{"Xóa tên": "struck_off", "Khai trừ": "expelled", "Từ trần": "deceased"},
            **{"Cho ra khỏi Đảng": "left", "Chuyển đi": "transferred_out"},
        ),
        aliases=("Hình thức đi",),
    ),
]
POST_SPECS: list[Spec] = [
    *_WHO,
    Spec(
        "kind",
        "Chức danh",
        v.choice_lookup(
            PostKind,
            **{
                "Trưởng thôn": "village_head",
                "Trưởng bản": "village_head",
                "Trưởng khu phố": "village_head",
                "Tổ trưởng tổ dân phố": "village_head",
                "Trưởng ban công tác Mặt trận": "front_head",
                "Trưởng ban CTMT": "front_head",
                "Chi hội trưởng phụ nữ": "women_head",
                "Chi hội trưởng nông dân": "farmers_head",
                "Chi hội trưởng cựu chiến binh": "veterans_head",
                "Bí thư chi đoàn": "youth_secretary",
                "Khác": "other",
            },
        ),
        required=True,
        aliases=("Chức danh kiêm nhiệm", "Chức vụ"),
    ),
    Spec("title", "Ghi rõ", _text(255), aliases=("Chi tiết", "Tên chức danh")),
    Spec("locality", "Thôn, tổ dân phố", _text(255), aliases=("Địa bàn", "Tên thôn", "Thôn")),
    Spec("commune", "Mã xã", _text(32), aliases=("Mã đảng bộ xã",)),
    Spec("valid_from", "Từ ngày", v.parse_date, required=True, aliases=("Ngày bắt đầu",)),
    Spec("valid_to", "Đến ngày", v.parse_date, aliases=("Ngày kết thúc",)),
]
SEAT_SPECS: list[Spec] = [
    *_WHO,
    Spec(
        "organization",
        "Mã tổ chức",
        _text(255),
        required=True,
        aliases=("Tổ chức", "Cấp ủy", "Mã chi bộ", "Mã đảng bộ"),
    ),
    Spec(
        "role",
        "Chức vụ cấp ủy",
        v.choice_lookup(
            SeatRole,
            **{
                "Bí thư": "secretary",
                "Phó bí thư": "deputy",
                "Ủy viên ban thường vụ": "standing",
                "Thường vụ": "standing",
                "Cấp ủy viên": "member",
                "Ủy viên": "member",
                "Chi ủy viên": "member",
            },
        ),
        required=True,
        aliases=("Chức vụ", "Vai trò"),
    ),
    Spec(
        "valid_from", "Từ ngày", v.parse_date, required=True, aliases=("Ngày bầu", "Ngày bắt đầu")
    ),
    Spec("valid_to", "Đến ngày", v.parse_date, aliases=("Ngày kết thúc",)),
]
DISCIPLINE_SPECS: list[Spec] = [
    *_WHO,
    Spec(
        "form",
        "Hình thức kỷ luật",
        v.choice_lookup(
            DisciplineForm,
            **{
                "Khiển trách": "reprimand",
                "Cảnh cáo": "warning",
                "Cách chức": "dismissal",
                "Khai trừ": "expulsion",
            },
        ),
        required=True,
        aliases=("Hình thức", "Kỷ luật"),
    ),
    Spec(
        "reason",
        "Nội dung vi phạm",
        _text(2000),
        required=True,
        aliases=("Vi phạm", "Lý do kỷ luật", "Lý do"),
    ),
    Spec("post", "Chức vụ bị cách", _text(255), aliases=("Chức vụ bị cách chức",)),
    Spec("decision_number", "Số quyết định", _text(64), aliases=("Số QĐ", "Số quyết định kỷ luật")),
    Spec(
        "decision_body",
        "Cơ quan quyết định",
        _text(255),
        aliases=("Cấp ra quyết định", "Cấp kỷ luật"),
    ),
    Spec(
        "signed_on",
        "Ngày quyết định",
        v.parse_date,
        required=True,
        aliases=("Ngày ký", "Ngày QĐ", "Ngày kỷ luật"),
    ),
    Spec("announced_on", "Ngày công bố", v.parse_date, aliases=("Ngày công bố quyết định",)),
]
ATTENDANCE_SPECS: list[Spec] = [
    Spec("branch", "Mã chi bộ", _text(255), required=True, aliases=("Chi bộ",)),
    Spec("year", "Năm", v.parse_int, required=True),
    Spec("month", "Tháng", v.parse_int, required=True),
    Spec(
        "meetings_held",
        "Số buổi sinh hoạt",
        v.parse_int,
        required=True,
        aliases=("Số cuộc họp", "Số buổi họp", "Buổi sinh hoạt"),
    ),
    Spec("present", "Có mặt", v.parse_int, required=True, aliases=("Số lượt có mặt", "Dự họp")),
    Spec("excused", "Vắng có lý do", v.parse_int, aliases=("Vắng có phép",)),
    Spec("absent", "Vắng không lý do", v.parse_int, aliases=("Vắng không phép",)),
]


def _points(raw: Any) -> Decimal:
    """Points out of 100 with at most one decimal (QĐ 366), written 85, 85.5 or 85,5."""
    text = str(raw).strip().replace(",", ".")
    try:
        points = Decimal(text).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise v.CellError(_("Write the points as a number from 0 to 100.")) from None
    if not Decimal(0) <= points <= Decimal(100):
        raise v.CellError(_("Write the points as a number from 0 to 100."))
    return points


EVALUATION_SPECS: list[Spec] = [
    Spec("year", "Năm", v.parse_int, required=True, aliases=("Năm đánh giá",)),
    *_WHO,
    Spec(
        "organization",
        "Mã tổ chức",
        _text(255),
        aliases=("Mã chi bộ", "Mã tổ chức được đánh giá"),
    ),
    Spec(
        "rating",
        "Mức xếp loại",
        v.choice_lookup(
            Rating,
            **{
                "HTXSNV": "excellent",
                "Hoàn thành xuất sắc nhiệm vụ": "excellent",
                "HTTNV": "good",
                "Hoàn thành tốt nhiệm vụ": "good",
                "HTNV": "completed",
                "Hoàn thành nhiệm vụ": "completed",
                "KHTNV": "not_completed",
                "Không hoàn thành nhiệm vụ": "not_completed",
            },
        ),
        required=True,
        aliases=("Xếp loại", "Kết quả xếp loại", "Mức chất lượng"),
    ),
    Spec("points", "Điểm", _points, aliases=("Tổng điểm", "Điểm đánh giá")),
    Spec("decision_number", "Số quyết định", _text(64), aliases=("Số QĐ",)),
    Spec("decided_on", "Ngày quyết định", v.parse_date, aliases=("Ngày QĐ",)),
]
HISTORY_SPECS = {
    "placements": PLACEMENT_SPECS,
    "posts": POST_SPECS,
    "seats": SEAT_SPECS,
    "disciplines": DISCIPLINE_SPECS,
    "attendance": ATTENDANCE_SPECS,
    "evaluations": EVALUATION_SPECS,
}

# Columns that carry no data to import (row numbers).
IGNORED_HEADERS = {"stt", "tt", "so tt", "so thu tu", "no"}


def specs_for(kind: str) -> list[Spec]:
    return {
        "members": MEMBER_SPECS,
        "organizations": ORGANIZATION_SPECS,
        "localities": LOCALITY_SPECS,
        **HISTORY_SPECS,
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
