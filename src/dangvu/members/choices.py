from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PROBATIONARY = "probationary", _("Probationary")
    OFFICIAL = "official", _("Official")
    STRUCK_OFF = "struck_off", _("Struck off")
    LEFT = "left", _("Allowed to leave")
    EXPELLED = "expelled", _("Expelled")
    DECEASED = "deceased", _("Deceased")
    TRANSFERRED_OUT = "transferred_out", _("Transferred out of the province")


ACTIVE_STATUSES = (Status.PROBATIONARY, Status.OFFICIAL)


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class TheoryLevel(models.TextChoices):
    NONE = "none", _("None")
    PRIMARY = "primary", _("Elementary (sơ cấp)")
    INTERMEDIATE = "intermediate", _("Intermediate (trung cấp)")
    ADVANCED = "advanced", _("Advanced (cao cấp)")
    BACHELOR = "bachelor", _("Bachelor (cử nhân)")


class ProfessionalLevel(models.TextChoices):
    NONE = "none", _("None")
    VOCATIONAL = "vocational", _("Vocational")
    COLLEGE = "college", _("College")
    UNIVERSITY = "university", _("University")
    MASTER = "master", _("Master")
    DOCTOR = "doctor", _("Doctorate")


class Occupation(models.TextChoices):
    FARMER = "farmer", _("Farmer")
    WORKER = "worker", _("Worker")
    CIVIL_SERVANT = "civil_servant", _("Cadre or civil servant")
    PUBLIC_EMPLOYEE = "public_employee", _("Public employee")
    TEACHER = "teacher", _("Teacher")
    ARMED_FORCES = "armed_forces", _("Armed forces")
    PRIVATE_ENTERPRISE = "private_enterprise", _("Private-enterprise worker")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    STUDENT = "student", _("Student")
    RETIRED = "retired", _("Retired")
    OTHER = "other", _("Other")


class Religion(models.TextChoices):
    NONE = "none", _("None")
    BUDDHISM = "buddhism", _("Buddhism")
    CATHOLIC = "catholic", _("Catholicism")
    PROTESTANT = "protestant", _("Protestantism")
    CAO_DAI = "cao_dai", _("Cao Đài")
    HOA_HAO = "hoa_hao", _("Hòa Hảo Buddhism")
    ISLAM = "islam", _("Islam")
    OTHER = "other", _("Other")


class PlacementKind(models.TextChoices):
    OFFICIAL = "official", _("Official")
    TEMPORARY = "temporary", _("Temporary")


class PostKind(models.TextChoices):
    VILLAGE_HEAD = "village_head", _("Head of village / quarter")
    FRONT_HEAD = "front_head", _("Head of the Fatherland Front work board")
    WOMEN_HEAD = "women_head", _("Head of the Women's Union branch")
    FARMERS_HEAD = "farmers_head", _("Head of the Farmers' Union branch")
    VETERANS_HEAD = "veterans_head", _("Head of the Veterans' Association branch")
    YOUTH_SECRETARY = "youth_secretary", _("Secretary of the Youth Union branch")
    OTHER = "other", _("Other post")


# The 54 ethnic groups of Vietnam (Kinh first); stored as their Vietnamese names.
ETHNICITIES = [
    "Kinh",
    "Tày",
    "Thái",
    "Mường",
    "Khmer",
    "Hoa",
    "Nùng",
    "H'Mông",
    "Dao",
    "Gia Rai",
    "Ê Đê",
    "Ba Na",
    "Sán Chay",
    "Chăm",
    "Cơ Ho",
    "Xơ Đăng",
    "Sán Dìu",
    "Hrê",
    "Ra Glai",
    "Mnông",
    "Thổ",
    "Xtiêng",
    "Khơ Mú",
    "Bru - Vân Kiều",
    "Cơ Tu",
    "Giáy",
    "Tà Ôi",
    "Mạ",
    "Giẻ Triêng",
    "Co",
    "Chơ Ro",
    "Xinh Mun",
    "Hà Nhì",
    "Chu Ru",
    "Lào",
    "La Chí",
    "Kháng",
    "Phù Lá",
    "La Hủ",
    "La Ha",
    "Pà Thẻn",
    "Lự",
    "Ngái",
    "Chứt",
    "Lô Lô",
    "Mảng",
    "Cơ Lao",
    "Bố Y",
    "Cống",
    "Si La",
    "Pu Péo",
    "Rơ Măm",
    "Brâu",
    "Ơ Đu",
]
ETHNICITY_CHOICES = [(e, e) for e in ETHNICITIES]
MAJORITY_ETHNICITY = "Kinh"

# Age bands used by party statistics.
AGE_BANDS = [
    ("le30", _("30 and under"), 0, 30),
    ("31_40", _("31 to 40"), 31, 40),
    ("41_50", _("41 to 50"), 41, 50),
    ("51_60", _("51 to 60"), 51, 60),
    ("61_70", _("61 to 70"), 61, 70),
    ("gt70", _("Over 70"), 71, 200),
]


class EventKind(models.TextChoices):
    """Membership changes (biến động đảng viên); rules.md §2, §6, §9."""

    ADMITTED = "admitted", _("Admitted")
    RECOGNIZED = "recognized", _("Recognized as official member")
    NOT_RECOGNIZED = "not_recognized", _("Not recognized (probationary struck off)")
    TRANSFERRED_OUT = "transferred_out", _("Transferred out")
    TRANSFERRED_IN = "transferred_in", _("Transferred in")
    TEMPORARY_OUT = "temporary_out", _("Temporarily transferred out")
    TEMPORARY_IN = "temporary_in", _("Temporarily transferred in")
    TEMPORARY_ENDED = "temporary_ended", _("Temporary transfer ended")
    MOVED = "moved", _("Moved to another branch")
    REORGANIZED = "reorganized", _("Moved by reorganization")
    AWAY_STARTED = "away_started", _("Started working away")
    AWAY_ENDED = "away_ended", _("Stopped working away")
    EXEMPTED = "exempted", _("Exempted from party work")
    EXEMPTION_ENDED = "exemption_ended", _("Exemption ended")
    DISCIPLINED = "disciplined", _("Disciplined")
    STRUCK_OFF = "struck_off", _("Struck off")
    LEFT = "left", _("Allowed to leave")
    EXPELLED = "expelled", _("Expelled")
    DECEASED = "deceased", _("Deceased")
    READMITTED = "readmitted", _("Readmitted")
    RESTORED = "restored", _("Restored")


# --- Lifecycle records (issue 3): transfers, discipline, residence contact.

# Kinds whose event ends the member's time in the party (or in the province's roll).
EXIT_EVENT_KINDS = (
    EventKind.NOT_RECOGNIZED,
    EventKind.STRUCK_OFF,
    EventKind.LEFT,
    EventKind.EXPELLED,
    EventKind.DECEASED,
)


class TransferKind(models.TextChoices):
    """R9.1 official (the roll moves) / R9.2 temporary (the home branch keeps the member)."""

    OFFICIAL = "official", _("Official")
    TEMPORARY = "temporary", _("Temporary")


class TransferScope(models.TextChoices):
    WITHIN_PROVINCE = "within_province", _("Within the province")
    OTHER_PROVINCE = "other_province", _("To or from another province")
    ABROAD = "abroad", _("Abroad")


class TransferStatus(models.TextChoices):
    ISSUED = "issued", _("Issued, awaiting arrival")
    CONFIRMED = "confirmed", _("Arrival confirmed")
    CANCELLED = "cancelled", _("Cancelled")


class DisciplineForm(models.TextChoices):
    """R6.1 (QĐ 69-QĐ/TW Đ7; Điều lệ Đ35.2): forms of discipline of a party member."""

    REPRIMAND = "reprimand", _("Reprimand (khiển trách)")
    WARNING = "warning", _("Warning (cảnh cáo)")
    DISMISSAL = "dismissal", _("Removal from post (cách chức)")
    EXPULSION = "expulsion", _("Expulsion (khai trừ)")


# R6.1: a probationary member may only be reprimanded or warned.
PROBATIONARY_DISCIPLINE_FORMS = (DisciplineForm.REPRIMAND, DisciplineForm.WARNING)


class ResidenceCategory(models.TextChoices):
    """R5.5 (HD 33-HD/BTCTW §1): who keeps contact with the residence branch, and how."""

    NONE = "none", _("Regular contact (yearly comment)")
    EXEMPT_ACTIVITY = "1.1", _("1.1 Introduced, exempt from residence activity")
    EXEMPT_INTRODUCTION = "1.2", _("1.2 Exempt from introduction")


class StrikeOffGround(models.TextChoices):
    """R6.7 (QĐ 29 §8.1): the grounds for striking a member off the roll."""

    ABANDONED = "abandoned", _("Abandoned party activity or did not pay fees without reason")
    CARD = "card", _("Returned or destroyed the party card")
    DECLINED = "declined", _("Declining will, no progress after the branch's education")
    STANDARDS = "standards", _("Violated member standards in consecutive years")
    POLITICAL = "political", _("Does not meet the political standards")
