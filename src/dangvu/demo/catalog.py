"""Units of a demo province: provincial agencies, enterprises, armed-forces units, and the
branch names found inside each kind of unit. `{p}` is the province's name, `{place}` a place,
`{n}` a number."""

from __future__ import annotations

# (unit name, member profile) — profiles are the keys of `people.PROFILES`.
PARTY_AGENCIES = [
    ("Văn phòng Tỉnh ủy", "agency"),
    ("Ban Tổ chức Tỉnh ủy", "agency"),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "agency"),
    ("Ủy ban Kiểm tra Tỉnh ủy", "agency"),
    ("Ban Nội chính Tỉnh ủy", "agency"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "agency"),
    ("Báo và Phát thanh, Truyền hình {p}", "public_service"),
    ("Trường Chính trị tỉnh", "school"),
    ("Hội Nông dân tỉnh", "agency"),
    ("Tỉnh đoàn {p}", "agency"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "agency"),
    ("Hội Cựu chiến binh tỉnh", "agency"),
    ("Liên đoàn Lao động tỉnh", "agency"),
    ("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "agency"),
]
STATE_AGENCIES = [
    ("Văn phòng Ủy ban nhân dân tỉnh", "agency"),
    ("Sở Tài chính", "agency"),
    ("Sở Nội vụ", "agency"),
    ("Sở Tư pháp", "agency"),
    ("Sở Công Thương", "agency"),
    ("Sở Nông nghiệp và Môi trường", "agency"),
    ("Sở Xây dựng", "agency"),
    ("Sở Khoa học và Công nghệ", "agency"),
    ("Sở Giáo dục và Đào tạo", "agency"),
    ("Sở Y tế", "agency"),
    ("Sở Văn hóa, Thể thao và Du lịch", "agency"),
    ("Thanh tra tỉnh", "agency"),
    ("Sở Dân tộc và Tôn giáo", "agency"),
    ("Bệnh viện Đa khoa tỉnh", "health"),
    ("Bệnh viện Sản Nhi tỉnh", "health"),
    ("Bệnh viện Y dược cổ truyền tỉnh", "health"),
    ("Bệnh viện Phổi tỉnh", "health"),
    ("Trung tâm Kiểm soát bệnh tật tỉnh", "health"),
    ("Trường Đại học {p}", "school"),
    ("Trường Cao đẳng Y tế {p}", "school"),
    ("Trường THPT Chuyên {p}", "school"),
    ("Thuế tỉnh {p}", "agency"),
    ("Kho bạc Nhà nước khu vực {p}", "agency"),
    ("Bảo hiểm xã hội tỉnh", "public_service"),
    ("Ngân hàng Nhà nước khu vực {p}", "agency"),
    ("Chi cục Hải quan khu vực {p}", "agency"),
    ("Thống kê tỉnh", "agency"),
    ("Ban Quản lý Khu kinh tế {p}", "agency"),
    ("Ban Quản lý dự án đầu tư xây dựng tỉnh", "public_service"),
    ("Đài Khí tượng thủy văn tỉnh", "public_service"),
]
STATE_AGENCY_FILL = [
    ("Bệnh viện Đa khoa khu vực {place}", "health"),
    ("Trường Cao đẳng nghề {place}", "school"),
    ("Ban Quản lý dự án {place}", "public_service"),
]
ENTERPRISES = [
    ("Công ty Điện lực {p}", "state_enterprise"),
    ("Viễn thông {p}", "state_enterprise"),
    ("Bưu điện tỉnh {p}", "state_enterprise"),
    ("Công ty Cổ phần Nước sạch {p}", "state_enterprise"),
    ("Công ty TNHH MTV Môi trường đô thị {p}", "state_enterprise"),
    ("Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh {p}", "state_enterprise"),
    ("Ngân hàng TMCP Công Thương chi nhánh {p}", "state_enterprise"),
    ("Công ty Xăng dầu {p}", "state_enterprise"),
    ("Công ty Cổ phần Xi măng {place}", "private_enterprise"),
    ("Công ty Nhiệt điện {place}", "state_enterprise"),
    ("Công ty Cổ phần Cảng {place}", "private_enterprise"),
]
ENTERPRISE_FILL = [
    ("Công ty Than {place}", "state_enterprise"),
    ("Công ty Than {place}", "state_enterprise"),
    ("Công ty Cổ phần {place}", "private_enterprise"),
]
SMALL_PROVINCIAL_UNITS = [
    ("Hội Văn học Nghệ thuật tỉnh", "agency", "party"),
    ("Liên minh Hợp tác xã tỉnh", "agency", "state"),
    ("Hội Chữ thập đỏ tỉnh", "agency", "party"),
    ("Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", "agency", "party"),
    ("Hội Luật gia tỉnh", "agency", "party"),
    ("Sở Ngoại vụ", "agency", "state"),
    ("Quỹ Đầu tư phát triển tỉnh", "public_service", "state"),
    ("Trung tâm Phục vụ hành chính công tỉnh", "agency", "state"),
    ("Hội Người mù tỉnh", "agency", "party"),
    ("Thư viện tỉnh", "public_service", "state"),
    ("Bảo tàng tỉnh", "public_service", "state"),
    ("Trung tâm Lưu trữ lịch sử tỉnh", "public_service", "state"),
]
SMALL_PROVINCIAL_FILL = [
    ("Công ty Cổ phần {place}", "private_enterprise", "state"),
    ("Công ty TNHH {place}", "private_enterprise", "state"),
    ("Trung tâm Dịch vụ nông nghiệp {place}", "public_service", "state"),
]
MILITARY_UNITS = [
    "Cơ quan Bộ Chỉ huy Quân sự tỉnh",
    "Trung đoàn 244",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
    "Trường Quân sự tỉnh",
    "Tiểu đoàn Huấn luyện – Cơ động",
]
MILITARY_FILL = ["Ban Chỉ huy Phòng thủ khu vực {n}", "Đồn Biên phòng {place}"]
POLICE_UNITS = [
    "Phòng Tham mưu",
    "Phòng Tổ chức cán bộ",
    "Phòng Cảnh sát giao thông",
    "Phòng Cảnh sát hình sự",
    "Phòng Cảnh sát điều tra tội phạm về ma túy",
    "Phòng An ninh chính trị nội bộ",
    "Phòng An ninh kinh tế",
    "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "Phòng Cảnh sát cơ động",
    "Phòng Hậu cần",
    "Phòng Quản lý xuất nhập cảnh",
    "Trại tạm giam Công an tỉnh",
]
POLICE_FILL = ["Công an phường {place}", "Công an xã {place}"]

DISTRICT_UNITS = [
    ("Trung tâm Y tế {d}", "health"),
    ("Công ty Cổ phần {place}", "private_enterprise"),
    ("Công ty Than {place}", "state_enterprise"),
    ("Ban Quản lý dự án khu vực {d}", "public_service"),
]
DISTRICT_BRANCHES = [
    ("Trường THPT {place}", "school"),
    ("Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên {d}", "school"),
    ("Hạt Kiểm lâm {d}", "agency"),
    ("Phòng giao dịch Ngân hàng Chính sách xã hội {d}", "public_service"),
    ("Bưu điện {d}", "state_enterprise"),
    ("Công ty TNHH {place}", "private_enterprise"),
    ("Hợp tác xã {place}", "private_enterprise"),
    ("Đội Thuế liên xã {place}", "agency"),
    ("Điện lực {d}", "state_enterprise"),
    ("Trường THPT {place}", "school"),
]

# Branches inside a grassroots committee, by the unit's profile: fixed names first, then
# numbered ones as needed.
# fmt: off
BRANCH_NAMES = {
    "agency": (
        ["Văn phòng", "Phòng Tổ chức – Hành chính", "Phòng Kế hoạch – Tài chính", "Thanh tra",
         "Phòng Tổng hợp", "Phòng Chính sách", "Phòng Pháp chế"],
        "Phòng Nghiệp vụ {n}",
    ),
    "public_service": (
        ["Văn phòng", "Phòng Tổ chức – Hành chính", "Phòng Kế hoạch – Tài chính",
         "Phòng Kỹ thuật"],
        "Trung tâm {n}",
    ),
    "health": (
        ["Khoa Khám bệnh", "Khoa Hồi sức cấp cứu", "Khoa Nội", "Khoa Ngoại", "Khoa Sản",
         "Khoa Nhi", "Khoa Dược", "Khoa Xét nghiệm", "Khoa Chẩn đoán hình ảnh",
         "Phòng Kế hoạch tổng hợp", "Phòng Điều dưỡng", "Phòng Tổ chức cán bộ",
         "Khoa Truyền nhiễm", "Khoa Y học cổ truyền", "Khoa Ung bướu", "Khoa Gây mê hồi sức",
         "Khoa Tim mạch", "Khoa Thận – Tiết niệu"],
        "Khoa Nội {n}",
    ),
    "school": (
        ["Phòng Đào tạo", "Phòng Tổ chức – Hành chính", "Khoa Khoa học cơ bản", "Tổ Toán – Tin",
         "Tổ Ngữ văn", "Tổ Ngoại ngữ", "Khoa Lý luận chính trị", "Khoa Điều dưỡng"],
        "Khoa Chuyên môn {n}",
    ),
    "state_enterprise": (
        ["Phòng Kỹ thuật", "Phòng Kế toán – Tài chính", "Phòng Tổ chức lao động",
         "Phòng An toàn", "Phân xưởng Cơ điện", "Phân xưởng Vận tải"],
        "Phân xưởng Sản xuất {n}",
    ),
    "private_enterprise": (
        ["Khối Văn phòng", "Phòng Kỹ thuật", "Phòng Kinh doanh"],
        "Phân xưởng {n}",
    ),
    "military": (
        ["Phòng Tham mưu", "Phòng Chính trị", "Phòng Hậu cần – Kỹ thuật", "Ban Tác chiến"],
        "Đại đội {n}",
    ),
    "police": (["Đội Tổng hợp", "Đội Tham mưu"], "Đội {n}"),
}
# fmt: on
SUB_COMMITTEE_NAMES = {
    "state_enterprise": "Đảng bộ bộ phận Khối Sản xuất {n}",
    "private_enterprise": "Đảng bộ bộ phận Khối Sản xuất {n}",
    "military": "Đảng bộ bộ phận Tiểu đoàn {n}",
    "police": "Đảng bộ bộ phận Khối Nghiệp vụ {n}",
    "health": "Đảng bộ bộ phận Khối Lâm sàng {n}",
}

# Branches of a commune's own bodies: (name template, profile, workplace template, sector).
COMMUNE_BODIES = [
    ("Trường Mầm non {c}", "school", "Trường Mầm non {c}", "school"),
    ("Trường Tiểu học {c}", "school", "Trường Tiểu học {c}", "school"),
    ("Trường THCS {c}", "school", "Trường THCS {c}", "school"),
    ("Trạm Y tế {u} {c}", "health", "Trạm Y tế {u} {c}", "health"),
    ("Quân sự {u} {c}", "military", "Ban Chỉ huy Quân sự {u} {c}", "military"),
    ("Công an {u} {c}", "police", "Công an {u} {c}", "police"),
]
