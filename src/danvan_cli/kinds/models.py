"""Community models (mô hình tự quản, "Dân vận khéo"): their declared rules.

Statuses in order: a model commended (biểu dương) must be recognised (công nhận), and
recognised models registered (đăng ký); on each model of a list (`model_status_order`)
and on the sums of each unit and category (`status_exceeds`). Checked by
community/validate.py through engine/rules.py.
"""

from __future__ import annotations

from danvan_cli.kinds.declaration import Labels, Rule

_RECOGNIZED = Labels(vi="Mô hình công nhận phải đã đăng ký", en="Recognised models registered")
_COMMENDED = Labels(vi="Mô hình biểu dương phải đã công nhận", en="Commended models recognised")

RULES: tuple[Rule, ...] = (
    Rule(
        code="recognized_registered",
        left="recognized",
        op="<=",
        right="registered",
        problem="model_status_order",
        message=_RECOGNIZED,
    ),
    Rule(
        code="commended_recognized",
        left="commended",
        op="<=",
        right="recognized",
        problem="model_status_order",
        message=_COMMENDED,
    ),
    Rule(
        code="recognized_registered_sums",
        left="recognized",
        op="<=",
        right="registered",
        scope="unit",
        problem="status_exceeds",
        message=_RECOGNIZED,
    ),
    Rule(
        code="commended_recognized_sums",
        left="commended",
        op="<=",
        right="recognized",
        scope="unit",
        problem="status_exceeds",
        message=_COMMENDED,
    ),
)
