"""The membership kind (chi hội, đoàn viên, hội viên), declared: DOMAIN.md's organisations,
their branches and members, the village's households, the ratios taken from them, and
its rules (checked on each record by engine/rules.py; each keeps the problem code
model.messages words, `exceeds` for two of them). Names are model.messages' words.

Header wordings are regular expressions on the header as `headers.match_text` writes it
(lower case, with its marks); `HEADER_ORDER` is the order they are tried in, narrower
wordings first ("Số hộ có hội viên" names households with members, not members).
"""

from __future__ import annotations

from danvan_cli.model.declaration import (
    Category,
    CategoryValue,
    Figure,
    Labels,
    Outputs,
    Ratio,
    ReportKind,
    Rule,
)
from danvan_cli.model.messages import FIELD_LABELS, ORGANIZATION_LABELS


def _labels(words: dict[str, dict[str, str]], code: str) -> Labels:
    """A name as model.messages words it."""
    return Labels(**words[code])


def _organization(
    code: str, pattern: str, abbreviation: str, names: tuple[str, ...]
) -> CategoryValue:
    return CategoryValue(
        code=code,
        labels=_labels(ORGANIZATION_LABELS, code),
        headers=names,
        patterns=(pattern,),
        abbreviations=(abbreviation,),
    )


# Values in DOMAIN.md's order; `headers` are the names a group header is compared with to
# say which organisation it is closest to.
ORGANIZATION = Category(
    code="organization",
    labels=_labels(FIELD_LABELS, "organization"),
    patterns=(r"^(tên )?(đoàn thể|tổ chức|hội|organi[sz]ations?)$",),
    values=(
        _organization(
            "mttq",
            r"mặt trận|fatherland",
            r"\b(ub|uỷ ban )?mttq\b|\bb?ctmt\b",
            ("Mặt trận Tổ quốc", "MTTQ", "UBMTTQ", "Ban Công tác Mặt trận", "BCTMT"),
        ),
        _organization(
            "nong_dan",
            r"nông dân|farmer",
            r"\bhnd\b|\bhội nd\b",
            ("Hội Nông dân", "Hội ND", "HND"),
        ),
        _organization(
            "phu_nu",
            r"phụ nữ|women",
            r"\b(h|hội )?(lh)?pn\b",
            ("Hội Liên hiệp Phụ nữ", "Hội LHPN", "LHPN", "HPN", "Phụ nữ"),
        ),
        _organization(
            "thanh_nien",
            r"thanh niên|chi đoàn|youth",
            r"\b([đd]|đoàn )tn(cs)?\b|\btn(cs)?\b",
            ("Đoàn Thanh niên", "Đoàn TNCS Hồ Chí Minh", "Đoàn TN", "ĐTN", "Chi đoàn"),
        ),
        _organization(
            "cuu_chien_binh",
            r"cựu chiến binh|veteran",
            r"\bh?ccb\b",
            ("Hội Cựu chiến binh", "Hội CCB", "HCCB", "CCB"),
        ),
        _organization(
            "cong_doan",
            r"công đoàn|trade union",
            r"\bl[đd]l[đd]\b|\bc[đd](cs)?\b",
            ("Công đoàn", "Công đoàn cơ sở", "CĐ", "CĐCS", "LĐLĐ"),
        ),
        _organization(
            "nguoi_cao_tuoi",
            r"người cao tuổi|elderly",
            r"\bh?nct\b",
            ("Hội Người cao tuổi", "Hội NCT", "NCT"),
        ),
    ),
)
# The order organisation names are tried in (full names first, then abbreviations): a
# "Chi đoàn" is the youth union's, "Công đoàn" the trade union's.
ORGANIZATION_ORDER: tuple[str, ...] = (
    "mttq",
    "nong_dan",
    "phu_nu",
    "cuu_chien_binh",
    "nguoi_cao_tuoi",
    "cong_doan",
    "thanh_nien",
)


def _branch_figure(code: str, pattern: str) -> Figure:
    """A figure of an organisation's branches: given per organisation, a stock."""
    return Figure(
        code=code,
        labels=_labels(FIELD_LABELS, code),
        patterns=(pattern,),
        split_by=("organization",),
        over_time="stock",
    )


def _household_figure(code: str, pattern: str) -> Figure:
    """A figure of the village: on each of its rows, taken once; a stock."""
    return Figure(
        code=code,
        labels=_labels(FIELD_LABELS, code),
        patterns=(pattern,),
        over_units="once_per_lowest_unit",
        over_time="stock",
    )


RULES: tuple[Rule, ...] = (
    Rule(
        code="attending_within_members",
        left="members_attending",
        op="<=",
        right="members",
        problem="exceeds",
        message=Labels(
            vi="Số đoàn viên, hội viên tham gia sinh hoạt không quá số đoàn viên, hội viên",
            en="Members attending at most the members",
        ),
    ),
    Rule(
        code="households_with_members_within_households",
        left="households_with_members",
        op="<=",
        right="households",
        problem="exceeds",
        message=Labels(
            vi="Số hộ có đoàn viên, hội viên không quá tổng số hộ",
            en="Households with members at most the households",
        ),
    ),
    Rule(
        code="ratings_exceed_branches",
        left="rating_strong + rating_good + rating_average + rating_weak",
        op="<=",
        right="branches",
        absent="left_out",  # a form without a "Yếu" column rates no branch weak
        problem="ratings_exceed_branches",
        message=Labels(
            vi="Số chi được xếp loại không quá số chi hội",
            en="Rated branches at most the branches",
        ),
    ),
    Rule(
        code="members_without_branch",
        left="members",
        op="needs",
        right="branches",
        importance="medium",
        problem="members_without_branch",
        message=Labels(vi="Có hội viên thì có chi hội", en="Members need a branch"),
    ),
)

MEMBERSHIP = ReportKind(
    name="membership",
    labels=Labels(vi="Chi hội, đoàn viên, hội viên", en="Membership"),
    categories=(ORGANIZATION,),
    figures=(
        _branch_figure(
            "branches",
            r"\bchi (hội|đoàn)|\bsố chi\b|\btổ hội\b|phân hội|công đoàn cơ sở|branch|"
            r"^số ban( ctmt| công tác mặt trận)?$",
        ),
        _branch_figure(
            "members",
            r"hội viên|đoàn viên|\b[đd]v\b|\bhv\b|member|^(tổng )?số thành viên$",
        ),
        _branch_figure(
            "members_attending",
            r"sinh hoạt|\btham gia$|\battend",
        ),
        _branch_figure("rating_strong", r"vững mạnh|\bstrong\b|xuất sắc"),
        _branch_figure("rating_good", r"^(xếp loại )?khá$|\bgood\b"),
        _branch_figure("rating_average", r"trung bình|\baverage\b"),
        _branch_figure("rating_weak", r"\byếu\b|\bkém\b|\bweak\b"),
        _household_figure(
            "households",
            r"^(tổng )?(số )?hộ( dân| gia đình)?$|^households?$|^tổng số hộ\b",
        ),
        _household_figure(
            "households_with_members",
            r"\bhộ\b.*\bcó\b|households? with",
        ),
    ),
    rules=RULES,
    ratios=(
        Ratio(
            code="household_coverage",
            labels=_labels(FIELD_LABELS, "household_coverage"),
            numerator="households_with_members",
            denominator="households",
        ),
        Ratio(
            code="attendance_rate",
            labels=_labels(FIELD_LABELS, "attendance_rate"),
            numerator="members_attending",
            denominator="members",
        ),
        Ratio(
            code="members_per_branch",
            labels=_labels(FIELD_LABELS, "members_per_branch"),
            numerator="members",
            denominator="branches",
            percent=False,
        ),
    ),
    # The terminal's tables, narrow, leave out the branches' ratings.
    outputs=Outputs(
        traced=False,
        terminal_hidden=("rating_strong", "rating_good", "rating_average", "rating_weak"),
    ),
    reading="membership",
)

HEADER_ORDER: tuple[str, ...] = (
    "households_with_members",
    "households",
    "members_attending",
    "rating_strong",
    "rating_good",
    "rating_average",
    "rating_weak",
    "branches",
    "members",
    "organization",
)
