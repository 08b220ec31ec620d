"""Labels: the words of declared rules, levels, fields, community models, organisations,
the values a template's key wants, a regular expression's faults and what
`danvan template show` prints."""

from __future__ import annotations

from danvan_cli.model.messages.joined import joined

# A declared rule's words (engine/rules.py): what a pair or `needs` asks (a comparison
# shows its sign: «A» ≤ «B»), a side not given, the unit whose sums broke it.
RULE_RELATIONS: dict[str, dict[str, str]] = {
    "compulsory_pair": {
        "vi": "{left_expr} và {right_expr} cùng có số liệu hoặc cùng để trống",
        "en": "{left_expr} and {right_expr} both given or both blank",
    },
    "exclusive_pair": {
        "vi": "không có số liệu ở cả {left_expr} lẫn {right_expr}",
        "en": "not both {left_expr} and {right_expr} given",
    },
    "needs": {
        "vi": "{right_expr} > 0 khi {left_expr} > 0",
        "en": "{right_expr} > 0 where {left_expr} > 0",
    },
}
RULE_WORDS: dict[str, dict[str, str]] = {
    "blank": {"vi": "trống", "en": "blank"},
    "unit": {"vi": " (tổng của {unit})", "en": " (sums of {unit})"},
}

LEVEL_LABELS: dict[str, dict[str, str]] = {
    "province": {"vi": "tỉnh", "en": "province"},
    "district": {"vi": "huyện", "en": "district"},
    "commune": {"vi": "xã", "en": "commune"},
    "village": {"vi": "thôn", "en": "village"},
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "province": {"vi": "Tỉnh", "en": "Province"},
    "district": {"vi": "Huyện", "en": "District"},
    "commune": {"vi": "Xã", "en": "Commune"},
    "village": {"vi": "Thôn", "en": "Village"},
    "organization": {"vi": "Đoàn thể", "en": "Organisation"},
    "unit": {"vi": "Đơn vị, các cấp theo STT hoặc tên", "en": "Unit, levels by STT or name"},
    "branches": {"vi": "Số chi hội", "en": "Branches"},
    "members": {"vi": "Số ĐV, HV", "en": "Members"},
    "members_attending": {"vi": "ĐV, HV sinh hoạt", "en": "Attending"},
    "households": {"vi": "Tổng số hộ", "en": "Households"},
    "households_with_members": {"vi": "Hộ có ĐV, HV", "en": "Households with members"},
    "rating_strong": {"vi": "Vững mạnh", "en": "Strong"},
    "rating_good": {"vi": "Khá", "en": "Good"},
    "rating_average": {"vi": "Trung bình", "en": "Average"},
    "rating_weak": {"vi": "Yếu", "en": "Weak"},
    "household_coverage": {"vi": "Tỷ lệ hộ có ĐV, HV", "en": "Household coverage"},
    "attendance_rate": {"vi": "Tỷ lệ sinh hoạt", "en": "Attendance rate"},
    "members_per_branch": {"vi": "ĐV, HV/chi", "en": "Members per branch"},
}

# Community models (kind `models`): columns, then the canonical codes of DOMAIN.md.
MODEL_LABELS: dict[str, dict[str, str]] = {
    "model_name": {"vi": "Tên mô hình", "en": "Model"},
    "program": {"vi": "Chương trình", "en": "Programme"},
    "field": {"vi": "Lĩnh vực", "en": "Field"},
    "recognition_level": {"vi": "Cấp", "en": "Level"},
    "topic": {"vi": "Loại mô hình", "en": "Kind of model"},
    "year": {"vi": "Năm", "en": "Year"},
    "status": {"vi": "Kết quả", "en": "Status"},
    "registered": {"vi": "Đăng ký", "en": "Registered"},
    "recognized": {"vi": "Công nhận", "en": "Recognised"},
    "commended": {"vi": "Biểu dương", "en": "Commended"},
    "count": {"vi": "Số mô hình", "en": "Models"},
    "count_total": {"vi": "Tổng số", "en": "Total"},
    "tu_quan": {"vi": "Mô hình tự quản", "en": "Self-managed"},
    "dan_van_kheo": {"vi": "Dân vận khéo", "en": "Dân vận khéo"},
    "kinh_te": {"vi": "Kinh tế", "en": "Economy"},
    "van_hoa_xa_hoi": {"vi": "Văn hóa - Xã hội", "en": "Culture and society"},
    "quoc_phong_an_ninh": {"vi": "Quốc phòng - An ninh", "en": "Defence and security"},
    "xay_dung_he_thong_chinh_tri": {
        "vi": "Xây dựng Đảng, chính quyền",
        "en": "Party and government building",
    },
    "tinh": {"vi": "Cấp tỉnh", "en": "Province level"},
    "huyen": {"vi": "Cấp huyện, thị xã", "en": "District level"},
    "xa": {"vi": "Cấp xã", "en": "Commune level"},
    "co_so": {"vi": "Cơ sở", "en": "Grassroots"},
    "ve_sinh_moi_truong": {"vi": "Vệ sinh môi trường", "en": "Environment"},
    "van_hoa_dan_toc": {"vi": "Bản sắc văn hóa dân tộc", "en": "Ethnic culture"},
    "cuoi_tang_van_minh": {"vi": "Việc cưới, việc tang", "en": "Weddings and funerals"},
    "lien_ket_kinh_te": {"vi": "Liên kết phát triển kinh tế", "en": "Economic links"},
    "te_nan_xa_hoi": {"vi": "Tệ nạn xã hội, cờ bạc", "en": "Social evils, gambling"},
    "toi_pham_giao_thong": {"vi": "Tội phạm, trật tự ATGT", "en": "Crime and traffic"},
    "bao_luc_gia_dinh": {"vi": "Bạo lực gia đình", "en": "Domestic violence"},
    "tao_hon": {"vi": "Tảo hôn", "en": "Child marriage"},
    "gia_dinh_hanh_phuc": {"vi": "Gia đình hạnh phúc", "en": "Happy families"},
    "khac": {"vi": "Khác", "en": "Other"},
}
# Both tables' words by code: a code in both must have the same words (ValueError if not).
FIELD_LABELS = joined(FIELD_LABELS, MODEL_LABELS, same_allowed=True)

# The organisation names danvan reads, as a problem naming one not known lists them.
ACCEPTED_ORGANIZATION_WORDS = (
    "Mặt trận Tổ quốc/MTTQ/Ban Công tác Mặt trận, Hội Nông dân/HND, Hội LHPN/HPN/Phụ nữ, "
    "Đoàn Thanh niên/Đoàn TN/ĐTN, Hội Cựu chiến binh/CCB, Công đoàn/CĐ/LĐLĐ, "
    "Hội Người cao tuổi/NCT"
)
ORGANIZATION_LABELS: dict[str, dict[str, str]] = {
    "all": {"vi": "Tất cả", "en": "All"},
    "mttq": {"vi": "Mặt trận Tổ quốc", "en": "Fatherland Front"},
    "nong_dan": {"vi": "Hội Nông dân", "en": "Farmers' Union"},
    "phu_nu": {"vi": "Hội LHPN", "en": "Women's Union"},
    "thanh_nien": {"vi": "Đoàn Thanh niên", "en": "Youth Union"},
    "cuu_chien_binh": {"vi": "Hội Cựu chiến binh", "en": "Veterans' Association"},
    "cong_doan": {"vi": "Công đoàn", "en": "Trade union"},
    "nguoi_cao_tuoi": {"vi": "Hội Người cao tuổi", "en": "Elderly Association"},
}

# The kind of value a template's key wants (template_wrong_type).
TEMPLATE_WANTED: dict[str, dict[str, str]] = {
    "text": {
        "vi": 'chữ trong ngoặc kép, vd "Số nhà"',
        "en": 'text in double quotes, e.g. "Houses"',
    },
    "bool": {"vi": "true hoặc false", "en": "true or false"},
    "number": {"vi": "một số, vd 0", "en": "a number, e.g. 0"},
    "list": {
        "vi": 'một danh sách trong [ ], vd ["Số nhà", "Nhà"]',
        "en": 'a list in [ ], e.g. ["Houses"]',
    },
    "table": {"vi": "một bảng (các dòng khóa = giá trị)", "en": "a table (key = value lines)"},
}

# Python's reasons for a regular expression it refuses, in a template's `patterns`.
REGEX_REASONS: dict[str, dict[str, str]] = {
    "unterminated character set": {"vi": ": dấu [ chưa được đóng", "en": ": a [ never closed"},
    "missing ), unterminated subpattern": {
        "vi": ": dấu ( chưa được đóng",
        "en": ": a ( never closed",
    },
    "unbalanced parenthesis": {"vi": ": thừa dấu )", "en": ": a ) never opened"},
    "nothing to repeat": {
        "vi": ": dấu * + ? không đứng sau gì để lặp",
        "en": ": a * + ? with nothing to repeat",
    },
}

# What `danvan template show` prints: headings, then the words for each declared choice.
TEMPLATE_LABELS: dict[str, dict[str, str]] = {
    "template": {"vi": "Mẫu", "en": "Template"},
    "version": {"vi": "phiên bản", "en": "version"},
    "levels": {"vi": "Các cấp", "en": "Levels"},
    "categories": {"vi": "Phân loại", "en": "Categories"},
    "figures": {"vi": "Chỉ tiêu", "en": "Figures"},
    "ratios": {"vi": "Tỷ lệ", "en": "Ratios"},
    "rules": {"vi": "Quy tắc kiểm tra", "en": "Rules"},
    "reported_as": {"vi": "báo theo mã", "en": "reported as"},
    "short_form": {"vi": "viết tắt", "en": "short form"},
    "code": {"vi": "Mã", "en": "Code"},
    "name": {"vi": "Tên", "en": "Name"},
    "headers": {"vi": "Tiêu đề cột", "en": "Headers"},
    "values": {"vi": "Giá trị", "en": "Values"},
    "unit": {"vi": "Đơn vị tính", "en": "Unit"},
    "over_units": {"vi": "Lên cấp trên", "en": "Over units"},
    "over_time": {"vi": "Qua các tháng", "en": "Over time"},
    "split_by": {"vi": "Chia theo", "en": "Split by"},
    "numerator": {"vi": "Tử số", "en": "Numerator"},
    "denominator": {"vi": "Mẫu số", "en": "Denominator"},
    "paired": {"vi": "Chỉ đơn vị có đủ hai số", "en": "Units giving both only"},
    "rule": {"vi": "Quy tắc", "en": "Rule"},
    "importance": {"vi": "Mức", "en": "Severity"},
    "missing": {"vi": "Khi thiếu số liệu", "en": "Figures not given"},
    "scope": {"vi": "Áp dụng cho", "en": "Applies to"},
    "message": {"vi": "Lời báo", "en": "Message"},
    "yes": {"vi": "có", "en": "yes"},
    "no": {"vi": "không", "en": "no"},
    "count": {"vi": "số lượng", "en": "count"},
    "dong": {"vi": "đồng", "en": "đồng"},
    "ty_dong": {"vi": "tỷ đồng", "en": "billion đồng"},
    "sum": {"vi": "cộng mọi dòng", "en": "summed"},
    "once_per_lowest_unit": {"vi": "mỗi đơn vị thấp nhất một lần", "en": "once per lowest unit"},
    "flow": {"vi": "cộng các tháng (flow)", "en": "months summed (flow)"},
    "stock": {"vi": "lấy số cuối kỳ (stock)", "en": "latest value (stock)"},
    "high": {"vi": "lỗi", "en": "error"},
    "medium": {"vi": "cảnh báo", "en": "warning"},
    "low": {"vi": "cảnh báo nhẹ", "en": "minor warning"},
    "skip_if_any": {"vi": "bỏ qua nếu thiếu một bên", "en": "skipped if either side is missing"},
    "skip_if_all": {"vi": "bỏ qua nếu thiếu cả hai bên", "en": "skipped if both are missing"},
    "never": {"vi": "luôn kiểm tra", "en": "always checked"},
    "pair_missing": {
        "vi": "cặp: xét chính việc có hay thiếu số liệu",
        "en": "a pair: whether figures are given is what it checks",
    },
    "left_out": {
        "vi": "chỉ tiêu bảng không có: bỏ ra khỏi vế",
        "en": "a figure no table gives: left out of its side",
    },
    "scope_row": {"vi": "từng dòng", "en": "each row"},
    "scope_unit": {"vi": "tổng của từng đơn vị", "en": "each unit's sum"},
    "scope_subtotal": {"vi": "dòng cộng", "en": "subtotal rows"},
    "compulsory_pair": {
        "vi": "có bên này thì phải có bên kia",
        "en": "either both given or neither",
    },
    "exclusive_pair": {"vi": "không được có cả hai", "en": "never both given"},
}
