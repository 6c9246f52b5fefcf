"""Vietnamese names for the demo: people (by ethnic group and generation) and places.

Faker's vi_VN lists are the base; they are small (10 family names, ~50 given names), so they are
widened here with common names and weighted so that a province looks like one (Nguyễn ≈ 1/3).
Everything is drawn from the caller's `random.Random`, never from global state, so a seed
reproduces the same people.
"""

from __future__ import annotations

import random
from itertools import accumulate

from faker import Faker

# fmt: off
# Kinh family names with rough national frequencies (percent).
KINH_FAMILY = {
    "Nguyễn": 31, "Trần": 11, "Lê": 9.5, "Phạm": 7, "Hoàng": 5, "Vũ": 4, "Phan": 3,
    "Đặng": 2.2, "Bùi": 2.2, "Đỗ": 2, "Ngô": 1.5, "Dương": 1.1, "Đào": 1, "Đinh": 1,
    "Mai": 0.9, "Hồ": 0.8, "Trịnh": 0.7, "Lương": 0.6, "Cao": 0.6, "Hà": 0.6, "Đoàn": 0.6,
    "Lý": 0.5, "Phùng": 0.5, "Tạ": 0.4, "Lưu": 0.4, "Vương": 0.3, "Tô": 0.3, "Chu": 0.3,
    "Nghiêm": 0.2, "Kiều": 0.2, "Triệu": 0.2, "Lục": 0.1, "Văn": 0.1, "Khúc": 0.1,
}
MALE_MIDDLE = ["Văn"] * 12 + [
    "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thế", "Tiến", "Mạnh", "Ngọc", "Trọng", "Công",
    "Thanh", "Duy", "Anh", "Đình", "Hồng", "Bá", "Việt", "Tuấn", "Trung", "Hải", "Hoàng",
]
FEMALE_MIDDLE = [
    "Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Kim", "Thúy", "Phương", "Bích", "Mai", "Diệu",
    "Khánh", "Thùy", "Hải", "Lan", "Quỳnh", "Bảo",
]
MALE_GIVEN = [
    "Hùng", "Cường", "Dũng", "Hải", "Long", "Sơn", "Thắng", "Tuấn", "Hưng", "Hòa", "Bình",
    "Khánh", "Lâm", "Hiếu", "Đạt", "Toàn", "Thịnh", "Phong", "Thái", "Tiến", "Hậu", "Lợi",
    "Chiến", "Quý", "Tài", "Nghĩa", "Đông", "Hiển", "Cảnh", "Tuyên", "Thuận", "Kiên", "Vinh",
    "Lực", "Hào", "Định", "Thanh", "Đức", "Việt", "Duy", "Hoàn", "Nhân", "Quân", "Sang",
    "Tâm", "Trường", "Tín", "Công", "Chính", "Luận", "Thủy", "Bắc", "Kiểm", "Tư", "Năm",
    "Lộc", "Hạnh", "Thao", "Giang", "Điệp", "Khải", "Tùng", "Huấn", "Thọ", "Khương",
]
FEMALE_GIVEN = [
    "Hoa", "Huệ", "Hằng", "Hà", "Thủy", "Nga", "Nhung", "Loan", "Liên", "Hạnh", "Thu", "Trang",
    "Phương", "Oanh", "Thơm", "Thanh", "Tuyết", "Dung", "Hiền", "Huyền", "Quyên", "Nhàn",
    "Lý", "Hậu", "Thúy", "Giang", "Thắm", "Vui", "Bình", "Hường", "Lụa", "Mến", "Nhi", "Ngân",
    "Nguyệt", "Quỳnh", "Tâm", "Uyên", "Hiên", "Lương", "Sen", "Cúc", "Đào", "Hạ", "Nụ",
    "Tươi", "Thoa", "Yến", "Hải", "Ly", "Trinh", "Diệp",
]

# Ethnic minorities of the north-east (Quảng Ninh, Thái Nguyên, Lạng Sơn style): family names,
# male middle names, male given names, female middle names, female given names.
MINORITY_NAMES = {
    "Tày": (
        ["Hoàng", "Nông", "Ma", "Lương", "Lục", "Hà", "Vi", "Hứa", "Lâm", "Đàm", "Bế"],
        ["Văn", "Đức", "Thế"],
        ["Thịnh", "Pháp", "Khiêm", "Cương", "Sằn", "Tấn", "Páo", "Lường", "Vượng", "Thuần"],
        ["Thị"],
        ["Nhạn", "Dịu", "Mây", "Lìu", "Dín", "Thơm", "Nghiên", "Soi", "Nhài", "Xuyến"],
    ),
    "Dao": (
        ["Triệu", "Bàn", "Đặng", "Lý", "Chíu", "Tằng", "Phùn", "Dìu", "Sầm", "Lăng"],
        ["Văn", "Tài", "Quầy", "A"],
        ["Quẩy", "Sành", "Phẩu", "Tòn", "Chòi", "Kiềm", "Vần", "Nhất", "Sềnh", "Dào", "Chàn"],
        ["Thị", "Mùi"],
        ["Dảu", "Mẩy", "Nhì", "Xuân", "Sâm", "Dung", "Mùi", "Phấy", "Liều", "Mai"],
    ),
    "Sán Dìu": (
        ["Diệp", "Tạ", "Trương", "Lâm", "Lục", "Đỗ", "Ninh", "Tạ", "Dương", "Lỷ"],
        ["Văn", "Đức", "Xuân"],
        ["Thắng", "Sáng", "Lộc", "Quý", "Đông", "Kiều", "Sếnh", "Voòng", "Phúc", "Cầu"],
        ["Thị"],
        ["Liên", "Dần", "Lìn", "Vàng", "Sen", "Hiền", "Dấu", "Nhung", "Mai", "Xuân"],
    ),
    "Sán Chay": (
        ["Hoàng", "Nịnh", "Chu", "Lục", "La", "Trần", "Tằng", "Lý"],
        ["Văn", "Kim"],
        ["Sồi", "Phúc", "Kiên", "Dắng", "Thìn", "Vinh", "Chứ", "Sáng", "Thái"],
        ["Thị"],
        ["Dìn", "Vân", "Sáu", "Nhị", "Thìn", "Bé", "Lụa", "Xiêm"],
    ),
    "Nùng": (
        ["Hoàng", "Nông", "Lăng", "Vi", "Mã", "Lành", "Chu", "Triệu", "Hứa", "Lý"],
        ["Văn", "Đức"],
        ["Slay", "Sình", "Páo", "Phủng", "Kháng", "Lìn", "Dương", "Cải", "Thình", "Lầu"],
        ["Thị"],
        ["Slam", "Mìn", "Pá", "Nọi", "Liểu", "Hoa", "Mỵ", "Sàng"],
    ),
    "H'Mông": (
        ["Giàng", "Vàng", "Sùng", "Thào", "Lý", "Mùa", "Hầu", "Lầu", "Ly", "Vừ"],
        ["A", "Seo", "Mí", "Chứ", "Văn"],
        ["Páo", "Dế", "Chứ", "Súa", "Tủa", "Lử", "Pó", "Sính", "Dìn", "Say", "Dợ", "Chính"],
        ["Thị"],
        ["Mỷ", "Dua", "Sua", "Mai", "Dở", "Pà", "Chía", "Lan", "Ca", "Dính"],
    ),
    "Hoa": (
        ["Lưu", "Lý", "Trương", "Hoàng", "Tô", "Lâm", "Quách", "Mạc", "Vòng", "Tăng"],
        ["Văn", "Quốc", "Kiến"],
        ["Phát", "Cường", "Vinh", "Thành", "Hưng", "Quang", "Tài", "Hoa"],
        ["Thị", "Mỹ"],
        ["Lan", "Phương", "Hồng", "Mai", "Ngọc", "Lệ", "Anh"],
    ),
}

# Syllables for Sino-Vietnamese place names (An Bình, Tân Lập, Hồng Phong…).
PLACE_SYLLABLES = [
    "An", "Bình", "Hòa", "Tân", "Phú", "Long", "Thịnh", "Hưng", "Thanh", "Đông", "Tây", "Nam",
    "Bắc", "Trung", "Quang", "Minh", "Đức", "Phúc", "Thuận", "Lợi", "Hải", "Sơn", "Hà", "Lâm",
    "Yên", "Vĩnh", "Xuân", "Hồng", "Kim", "Ngọc", "Cẩm", "Quảng", "Thái", "Đại", "Tiên",
    "Lạc", "Hiệp", "Hợp", "Thủy", "Lương", "Mỹ", "Đồng", "Tiến", "Việt", "Dân", "Quyết",
    "Thắng", "Lập", "Phong", "Hạ", "Thượng", "Điền", "Khê", "Giang", "Châu", "Tường", "Vân",
    "Mai", "Đoàn", "Kết", "Nghĩa", "Liên", "Hoàng", "Hiển", "Cường", "Lộc", "Thọ", "Trà",
    "Cổ", "Dương", "Hoành", "Tràng", "Mông", "Dực", "Uông", "Bồ", "Tuấn", "Ninh", "Hiền",
]
# Tày–Nùng place-name heads for mountain hamlets (Nà = field, Khuổi = stream, Pác = mouth…).
HAMLET_HEADS = ["Nà", "Khuổi", "Pác", "Lũng", "Khau", "Cốc", "Phiêng", "Nặm", "Khe", "Bản"]
HAMLET_TAILS = [
    "Pá", "Luông", "Cáy", "Lạn", "Tẳng", "Mò", "Thín", "Chang", "Quân", "Hẩu", "Slam", "Lìn",
    "Vai", "Mạ", "Tiên", "Ngàn", "Bục", "Phầy", "Sại", "Nghè", "Pò", "Rịa", "Lòng", "Mằn",
]
VILLAGE_WORDS = [
    "Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Đồng Tâm", "Tân Lập", "Tân Tiến",
    "Quyết Tiến", "Thống Nhất", "Đoàn Kết", "Hòa Bình", "Chiến Thắng", "Đồng Xuân", "Cầu",
    "Chợ", "Đình", "Giữa", "Ngoài", "Trong", "Mới", "Cũ", "Đồng Sơn", "Phú Lợi", "Bình Minh",
]
# fmt: on


def _weighted(items: dict[str, float]) -> tuple[list[str], list[float]]:
    names = list(items)
    return names, list(accumulate(items[n] for n in names))


class NameMaker:
    """Draws full names; Faker's vi_VN lists are read once, then sampled with our Random."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        self.rng = rng
        fake = Faker("vi_VN")
        fake.seed_instance(seed)
        person = fake.provider("faker.providers.person")
        family = dict(KINH_FAMILY)
        for name in person.last_names:
            family.setdefault(name, 0.5)
        self.family, self.family_cum = _weighted(family)
        self.male_middle = MALE_MIDDLE + [
            m for m in person.middle_names if m not in {"Thị", "Mai", "Mai Bảo"}
        ]
        self.female_middle = FEMALE_MIDDLE + ["Mai", "Xuân", "Bảo"]
        self.male_given = sorted(set(MALE_GIVEN) | set(person.first_names_male))
        self.female_given = sorted(set(FEMALE_GIVEN) | set(person.first_names_female))
        self.unisex_given = sorted(set(person.first_names_unisex))
        address = fake.provider("faker.providers.address")
        self.streets = list(address.streets)

    def full_name(self, female: bool, birth_year: int, ethnicity: str = "Kinh") -> str:
        rng = self.rng
        if ethnicity in MINORITY_NAMES:
            families, male_mid, male_given, female_mid, female_given = MINORITY_NAMES[ethnicity]
            family = rng.choice(families)
            if female:
                return f"{family} {rng.choice(female_mid)} {rng.choice(female_given)}"
            return f"{family} {rng.choice(male_mid)} {rng.choice(male_given)}"
        family = rng.choices(self.family, cum_weights=self.family_cum)[0]
        young = birth_year >= 1985
        if female:
            # "Thị" is near universal for older women, about half for younger ones.
            thi = rng.random() < (0.5 if young else 0.85)
            middle = "Thị" if thi else rng.choice(self.female_middle)
            pool = self.female_given if rng.random() < 0.9 else self.unisex_given
        else:
            van = rng.random() < (0.3 if young else 0.5)
            middle = "Văn" if van else rng.choice(self.male_middle)
            pool = self.male_given if rng.random() < 0.92 else self.unisex_given
        given = rng.choice(pool)
        if young and rng.random() < 0.15:
            # Younger people often have two-part middle names (Nguyễn Ngọc Bảo Anh).
            middle = f"{middle} {rng.choice(self.female_middle if female else self.male_middle)}"
        return f"{family} {middle} {given}"


class PlaceNames:
    """Unique place names for one province (districts, communes, villages, hamlets)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def place(self) -> str:
        rng = self.rng
        for _ in range(1000):
            first, second = rng.sample(PLACE_SYLLABLES, 2)
            name = f"{first} {second}"
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("ran out of place names")

    def hamlet(self, taken: set[str]) -> str:
        for _ in range(200):
            name = f"{self.rng.choice(HAMLET_HEADS)} {self.rng.choice(HAMLET_TAILS)}"
            if name not in taken:
                taken.add(name)
                return name
        return self.village(taken)

    def village(self, taken: set[str]) -> str:
        rng = self.rng
        for _ in range(200):
            name = rng.choice(VILLAGE_WORDS) if rng.random() < 0.6 else self.place_word()
            if name not in taken:
                taken.add(name)
                return name
        number = len(taken) + 1
        taken.add(str(number))
        return str(number)

    def place_word(self) -> str:
        first, second = self.rng.sample(PLACE_SYLLABLES, 2)
        return f"{first} {second}"


# Birth registration codes (first three CCCD digits) of the provinces people come from.
PROVINCE_CODES = {
    "Thái Bình": "034",
    "Hưng Yên": "033",
    "Hải Phòng": "031",
    "Ninh Bình": "037",
    "Bắc Ninh": "027",
    "Hà Nội": "001",
    "Thái Nguyên": "019",
    "Lạng Sơn": "020",
    "Phú Thọ": "025",
    "Thanh Hóa": "038",
    "Nghệ An": "040",
    "Tuyên Quang": "008",
}
