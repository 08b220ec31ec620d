"""The narrative (đoạn văn tổng hợp): the sentences a report writer types from a roll-up,
in the published reports' words ("Toàn tỉnh hiện có 307.217 đoàn viên, hội viên sinh hoạt
tại 2.090 chi đoàn, chi hội; ...").

"Toàn tỉnh / toàn huyện / toàn thị xã / toàn xã" names the whole the roll-up covers: the
top unit by its type word when the top level has one unit ("Thị xã Hồng Lĩnh"), else the
level above the top one (several districts make a province).

Given an earlier period (`since.Since`), each figure's change follows it ("307.217 đoàn
viên, hội viên, tăng 1.234 người (0,40%) so với tháng 9/2026").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import pandas as pd

from danvan_cli.engine.rollup import Rollup
from danvan_cli.model.declaration import ReportKind
from danvan_cli.model.messages import FIELD_LABELS, label
from danvan_cli.outputs.since import Changes, Since
from danvan_cli.text.formatting import COUNT, DECIMAL, PERCENT, format_look, is_blank
from danvan_cli.text.normalize import fold_key

# A unit-type word (its matching key: `fold_key`) -> how a sentence names the whole.
_WHOLE: dict[str, tuple[str, str]] = {
    "quốc": ("quốc", "the country"),
    "tỉnh": ("tỉnh", "the province"),
    "thành phố": ("thành phố", "the city"),
    "tp": ("thành phố", "the city"),
    "tp.": ("thành phố", "the city"),
    "huyện": ("huyện", "the district"),
    "quận": ("quận", "the district"),
    "thị xã": ("thị xã", "the town"),
    "đặc khu": ("đặc khu", "the special zone"),
    "xã": ("xã", "the commune"),
    "phường": ("phường", "the ward"),
    "thị trấn": ("thị trấn", "the township"),
    "thôn": ("thôn", "the village"),
    "ấp": ("ấp", "the village"),
    "bản": ("bản", "the village"),
    "buôn": ("buôn", "the village"),
    "làng": ("làng", "the village"),
    "xóm": ("xóm", "the village"),
    "khóm": ("khóm", "the quarter"),
    "khu phố": ("khu phố", "the quarter"),
    "khu vực": ("khu vực", "the quarter"),
    "tổ dân phố": ("tổ dân phố", "the residential group"),
    "tdp": ("tổ dân phố", "the residential group"),
    "tổ": ("tổ", "the group"),
}
_TYPE_WORDS = sorted(_WHOLE, key=len, reverse=True)  # "thị xã" before "xã"
_LEVEL_WORD = {"province": "tỉnh", "district": "huyện", "commune": "xã", "village": "thôn"}
_ABOVE = {"province": "quốc", "district": "tỉnh", "commune": "huyện", "village": "xã"}
_DISTRICT_WORDS = frozenset({"huyện", "quận", "thị xã", "thành phố"})

_FIELDS = {
    "kinh_te": ("lĩnh vực kinh tế", "economy"),
    "van_hoa_xa_hoi": ("lĩnh vực văn hóa - xã hội", "culture and society"),
    "quoc_phong_an_ninh": ("lĩnh vực quốc phòng - an ninh", "defence and security"),
    "xay_dung_he_thong_chinh_tri": (
        "lĩnh vực xây dựng Đảng, chính quyền",
        "Party and government building",
    ),
    "khac": ("lĩnh vực khác", "other fields"),
}
_PROGRAMS = {
    "dan_van_kheo": ("mô hình “Dân vận khéo”", "“Dân vận khéo” models"),
    "tu_quan": ("mô hình tự quản", "self-managed models"),
}
_MODELS = ("mô hình", "models")


class RolledUp(Protocol):
    """What the narrative reads of any kind's roll-up: its levels (top first), its tables
    (a column named after each level) and its grand total."""

    levels: list[str]
    tables: dict[str, pd.DataFrame]
    total: Mapping[str, Any]


def whole(rollup: RolledUp, since: Since | None = None) -> str:
    """The type word of what the roll-up covers ("tỉnh", "thị xã"; "quốc": the country):
    the deepest unit alone on its level and every level above ("Huyện Vị Thủy" under
    "Tỉnh Hậu Giang"), by its type word; else the level above the top one. Compared with an
    earlier period, never below the level where the two are not one same unit (a district's
    two communes, one of which did not report this month: still the district)."""
    word = _ABOVE[rollup.levels[0]] if rollup.levels else "quốc"
    for level in rollup.levels:
        if since is not None and level == since.apart_from:
            break
        table = rollup.tables.get(level)
        names = table[level].dropna().unique() if table is not None else []
        if len(names) != 1:
            break
        word = _type_word(names[0]) or _LEVEL_WORD[level]
    return word


def _type_word(name: str) -> str | None:
    """The unit-type word a name starts with ("Phường 1": "phường"), as `_WHOLE` says it."""
    key = fold_key(name)
    for word in _TYPE_WORDS:
        if key.startswith(f"{word} "):
            return _WHOLE[word][0]
    return None


def _across(word: str, lang: str, capital: bool = False) -> str:
    """ "Toàn tỉnh" / "across the province"."""
    if lang == "en":
        return f"{'Across' if capital else 'across'} {_WHOLE[word][1]}"
    return f"{'Toàn' if capital else 'toàn'} {word}"


def _count(value: object, lang: str) -> str:
    return format_look(value, COUNT, lang)


def membership_narrative(rollup: RolledUp, lang: str, since: Since | None = None) -> str:
    """Members and branches, households with members of all and the share; the branches'
    ratings when given; each one's change `since` an earlier period."""
    total, word = rollup.total, whole(rollup, since)
    members_are, branches_are = _member_words(rollup)
    changes = Changes(since, total, lang)
    member_change = changes.count("members", "" if lang == "en" else "người")
    branch_change = changes.count("branches", "" if lang == "en" else branches_are)
    members, branches = total.get("members"), total.get("branches")
    with_members, households = total.get("households_with_members"), total.get("households")
    coverage = total.get("household_coverage")
    en = lang == "en"
    if not is_blank(members) and not is_blank(branches) and (member_change or branch_change):
        first = (
            f"{_across(word, lang, True)}, there are {_count(members, lang)} members"
            f"{member_change}; {_count(branches, lang)} branches{branch_change}"
            if en
            else f"{_across(word, lang, True)} hiện có {_count(members, lang)} {members_are}"
            f"{member_change}; {_count(branches, lang)} {branches_are}{branch_change}"
        )
    elif not is_blank(members) and not is_blank(branches):
        first = (
            f"{_across(word, lang, True)}, {_count(members, lang)} members take part in "
            f"{_count(branches, lang)} branches"
            if en
            else f"{_across(word, lang, True)} hiện có {_count(members, lang)} {members_are} "
            f"sinh hoạt tại {_count(branches, lang)} {branches_are}"
        )
    elif not is_blank(members):
        first = (
            f"{_across(word, lang, True)}, there are {_count(members, lang)} members"
            if en
            else f"{_across(word, lang, True)} hiện có {_count(members, lang)} {members_are}"
        ) + member_change
    elif not is_blank(branches):
        first = (
            f"{_across(word, lang, True)}, there are {_count(branches, lang)} branches"
            if en
            else f"{_across(word, lang, True)} hiện có {_count(branches, lang)} {branches_are}"
        ) + branch_change
    else:
        first = ""
    clauses = [first] if first else []
    if not is_blank(with_members) and not is_blank(households):
        share = format_look(coverage, PERCENT, lang) if not is_blank(coverage) else None
        pair = f"{_count(with_members, lang)}/{_count(households, lang)}"
        share_change = changes.ratio("household_coverage") if share else ""
        if en:
            clause = f"{pair} households have members"
            clauses.append(f"{clause} ({share}){share_change}" if share else clause)
        else:
            clause = f"tổng số hộ có {members_are} là {pair} hộ"
            clauses.append(f"{clause}, chiếm tỷ lệ {share}{share_change}" if share else clause)
    sentences = [_sentence("; ".join(clauses))] if clauses else []
    ratings = _ratings(total, lang, branches_are)
    if ratings:
        sentences.append(ratings)
    return " ".join(sentences)


_RATINGS = ("rating_strong", "rating_good", "rating_average", "rating_weak")
# What one organisation's members and branches are called ("hội viên", "chi hội" of an
# association); of several organisations, or of rows naming none, both words.
_MEMBER_WORDS = {
    "mttq": ("thành viên", "ban công tác Mặt trận"),
    "nong_dan": ("hội viên", "chi hội"),
    "phu_nu": ("hội viên", "chi hội"),
    "thanh_nien": ("đoàn viên", "chi đoàn"),
    "cuu_chien_binh": ("hội viên", "chi hội"),
    "cong_doan": ("đoàn viên", "công đoàn cơ sở"),
    "nguoi_cao_tuoi": ("hội viên", "chi hội"),
}
_EVERY_ORGANIZATION = ("đoàn viên, hội viên", "chi đoàn, chi hội")


def _member_words(rollup: RolledUp) -> tuple[str, str]:
    """The members' and branches' words of the one organisation the roll-up's rows name
    (a Hội LHPN's report: "hội viên", "chi hội"), else `_EVERY_ORGANIZATION`."""
    by_organization = getattr(rollup, "total_by_organization", None)  # None: not named
    if by_organization is None or len(by_organization) != 1:
        return _EVERY_ORGANIZATION
    return _MEMBER_WORDS.get(by_organization["organization"].iat[0], _EVERY_ORGANIZATION)


def _ratings(total: Mapping[str, Any], lang: str, branches_are: str) -> str:
    """ "Xếp loại chi đoàn, chi hội: 1.203 vững mạnh, 675 khá, ..."; "" when none given."""
    parts = [
        f"{_count(total[r], lang)} {label(FIELD_LABELS, r, lang).lower()}"
        for r in _RATINGS
        if not is_blank(total.get(r))
    ]
    if not parts:
        return ""
    lead = "Branches rated" if lang == "en" else f"Xếp loại {branches_are}"
    return _sentence(f"{lead}: {', '.join(parts)}")


def models_narrative(rollup: Rollup, lang: str, since: Since | None = None) -> str:
    """Seed 004's sentences: models registered (by programme when one) and by level, by
    field, then those recognised and those commended; the kinds of models when counted;
    the changes of those registered, recognised and commended `since` an earlier period."""
    from danvan_cli.engine.models_rollup import registered_by  # loaded only for models

    total, word = rollup.total, whole(rollup, since)
    en = lang == "en"
    registered = total.get("registered")
    if is_blank(registered):
        return ""
    programs = [p for p, n in registered_by(rollup, "program").items() if n]
    models = _models_words(programs, lang)
    unit = "" if en else "mô hình"
    if en:
        verb = "set up" if programs == ["tu_quan"] else "registered"
        first = f"{_across(word, lang, True)}, {_were(registered, models)} {verb}"
    else:
        verb = "đã thành lập được" if programs == ["tu_quan"] else "đã đăng ký"
        first = f"{_across(word, lang, True)} {verb} {_count(registered, lang)} {models}"
    first += Changes(since, total, lang).count("registered", unit)
    levels = _by(
        registered_by(rollup, "recognition_level"),
        lambda code: _level_words(code, word, lang),
        lang,
    )
    sentences = [_sentence(f"{first}, {_of_which(lang)} {levels}" if levels else first)]
    fields = [
        (_FIELDS.get(code, (code, code))[en], n)
        for code, n in registered_by(rollup, "field").items()
        if not is_blank(n)
    ]
    if fields:
        sentences.append(_fields_sentence(fields, lang))
    topics = _by(
        registered_by(rollup, "topic"), lambda c: _lower(label(FIELD_LABELS, c, lang)), lang, "; "
    )
    if topics:
        lead = "By kind" if en else "Theo loại mô hình"
        sentences.append(_sentence(f"{lead}: {topics}"))
    recognized, commended = total.get("recognized"), total.get("commended")
    if not is_blank(recognized):
        text = (
            f"{_were(recognized, 'models')} recognised"
            if en
            else f"Có {_count(recognized, lang)} mô hình được công nhận"
        )
        sentences.append(_sentence(text + Changes(since, total, lang).count("recognized", unit)))
    if not is_blank(commended):
        text = (
            f"{_were(commended, 'exemplary models')} commended"
            if en
            else f"Biểu dương {_count(commended, lang)} mô hình tiêu biểu"
        )
        sentences.append(_sentence(text + Changes(since, total, lang).count("commended", unit)))
    return " ".join(sentences)


def _were(count: object, models: str) -> str:
    """English "112 models were", "1 model was" (`models`: the plural, "... models")."""
    if count == 1:
        return f"1 {models.removesuffix('s')} was"
    return f"{_count(count, 'en')} {models} were"


def _models_words(programs: Sequence[str], lang: str) -> str:
    """ "mô hình “Dân vận khéo”", "mô hình tự quản" for a single programme; "mô hình"."""
    en = lang == "en"
    if len(programs) != 1:
        return _MODELS[en]
    code = programs[0]
    if code in _PROGRAMS:
        return _PROGRAMS[code][en]
    return _lower(label(FIELD_LABELS, code, lang))


def _level_words(code: str, word: str, lang: str) -> str:
    """ "cấp tỉnh", "cấp thị xã" (a district-level whole's own word), "cấp xã"."""
    if lang == "en":
        return f"at {label(FIELD_LABELS, code, lang).lower()}"
    if code == "huyen":
        return f"cấp {word if word in _DISTRICT_WORDS else 'huyện'}"
    return "cấp cơ sở" if code == "co_so" else _lower(label(FIELD_LABELS, code, lang))


def _by(counts: Mapping[str, Any], name: Any, lang: str, separator: str = ", ") -> str:
    """ "27 mô hình cấp tỉnh, 85 mô hình cấp thị xã" (English: "27 at province level, ...")."""
    models = _MODELS[lang == "en"]
    given = [(c, n) for c, n in counts.items() if not is_blank(n)]
    if lang == "en":
        return separator.join(f"{_count(n, lang)} {name(c)}" for c, n in given)
    return separator.join(f"{_count(n, lang)} {models} {name(c)}" for c, n in given)


def _of_which(lang: str) -> str:
    return "of which" if lang == "en" else "trong đó"


def _fields_sentence(fields: list[tuple[str, Any]], lang: str) -> str:
    """ "Trên lĩnh vực kinh tế có 19 mô hình, lĩnh vực văn hóa - xã hội 67 mô hình, ..."."""
    if lang == "en":
        parts = [f"{name} {_count(n, lang)}" for name, n in fields]
        return _sentence(f"By field: {', '.join(parts)}")
    (name, n), rest = fields[0], fields[1:]
    parts = [f"Trên {name} có {_count(n, lang)} mô hình"]
    parts += [f"{other} {_count(m, lang)} mô hình" for other, m in rest]
    return _sentence(", ".join(parts))


def declared_narrative(
    kind: ReportKind, rollup: RolledUp, lang: str, since: Since | None = None
) -> str:
    """One sentence per figure, then per ratio, of a declared kind: its label, the whole
    and its total with its unit ("Trị giá nhà toàn tỉnh: 89.126.450.000 đồng (hơn 89 tỷ
    đồng)."); a figure no unit gave says so; each one's change `since` an earlier period."""
    total, word = rollup.total, whole(rollup, since)
    sentences = []
    for figure in kind.figures:
        value = total.get(figure.code)
        text = _amount(value, figure.unit, figure.integral, lang)
        look = COUNT if figure.integral else DECIMAL
        unit = _UNITS.get(figure.unit, ("", ""))[lang == "en"]
        text += Changes(since, total, lang).count(figure.code, unit, look)
        sentences.append(_sentence(f"{figure.labels(lang)} {_across(word, lang)}: {text}"))
    for ratio in kind.ratios:
        value = total.get(ratio.code)
        if not is_blank(value):
            look = PERCENT if ratio.percent else DECIMAL
            text = format_look(value, look, lang) + Changes(since, total, lang).ratio(
                ratio.code, look
            )
            sentences.append(_sentence(f"{ratio.labels(lang)} {_across(word, lang)}: {text}"))
    return " ".join(sentences)


# a change's unit after its amount (Vietnamese, English)
_UNITS = {"dong": ("đồng", "đồng"), "ty_dong": ("tỷ đồng", "billion đồng")}


def _amount(value: object, unit: str, integral: bool, lang: str) -> str:
    """A figure's total with its unit: "4.413"; "89.126.450.000 đồng (hơn 89 tỷ đồng)";
    "12,5 tỷ đồng"; "chưa có số liệu" when no unit gave it."""
    if is_blank(value):
        return "not given" if lang == "en" else "chưa có số liệu"
    number = format_look(value, COUNT if integral or float(value).is_integer() else DECIMAL, lang)
    if unit == "ty_dong":
        return f"{number} {'billion đồng' if lang == 'en' else 'tỷ đồng'}"
    if unit != "dong":
        return number
    billions = float(value) / 1e9
    if billions < 1:
        return f"{number} đồng"
    rounded = round(billions)
    if lang == "en":
        about = "over " if billions > rounded else "nearly " if billions < rounded else ""
        return f"{number} đồng ({about}{rounded:,d} billion đồng)"
    about = "hơn " if billions > rounded else "gần " if billions < rounded else ""
    return f"{number} đồng ({about}{_count(rounded, lang)} tỷ đồng)"


def _lower(text: str) -> str:
    """The first letter in lower case, but for an abbreviation ("ATGT") or a name."""
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _sentence(text: str) -> str:
    return f"{text}."
