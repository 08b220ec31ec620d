"""Membership of the mass organisations (số lượng đoàn viên, hội viên): its declared rules.

Checked on each record by engine/rules.py; each keeps the problem code messages.py words
(`exceeds` for two of them).
"""

from __future__ import annotations

from danvan_cli.kinds.declaration import Labels, Rule

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
