"""Every write to the planning data: one function per use case, permission-checked, audited.

Split by subject: `periods` (opening a period), `plans` (starting, revising, naming another
rater, the header snapshot), `contents` (results, indicators, appendix, expectations of a draft),
`workflow` (submit, return, approve) and `access` (the plan lock and who may decide). Callers use
the package: `from kinerja.planning import services; services.start_plan(...)`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from kinerja.core import audit
from kinerja.planning.services.contents import (
    INDICATOR_FIELDS,
    RESULT_FIELDS,
    add_indicator,
    add_result,
    delete_indicator,
    delete_result,
    set_expectations,
    update_appendix,
    update_indicator,
    update_result,
)
from kinerja.planning.services.periods import PERIOD_FIELDS, create_period
from kinerja.planning.services.plans import (
    APPENDIX_FIELDS,
    override_rater,
    person_snapshot,
    previous_plan,
    revise_plan,
    start_plan,
)
from kinerja.planning.services.workflow import approve_plan, return_plan, submit_plan

__all__ = [
    "APPENDIX_FIELDS",
    "INDICATOR_FIELDS",
    "PERIOD_FIELDS",
    "RESULT_FIELDS",
    "add_indicator",
    "add_result",
    "approve_plan",
    "create_period",
    "delete_indicator",
    "delete_result",
    "override_rater",
    "person_snapshot",
    "previous_plan",
    "register_audit_actions",
    "return_plan",
    "revise_plan",
    "set_expectations",
    "start_plan",
    "submit_plan",
    "update_appendix",
    "update_indicator",
    "update_result",
]


def register_audit_actions() -> None:
    audit.register_actions(
        {
            "planning.period.created": gettext_lazy("Periode penilaian dibuat"),
            "planning.plan.started": gettext_lazy("SKP dimulai"),
            "planning.plan.edited": gettext_lazy("Isi SKP diubah"),
            "planning.plan.submitted": gettext_lazy("SKP diajukan"),
            "planning.plan.returned": gettext_lazy("SKP dikembalikan untuk diperbaiki"),
            "planning.plan.approved": gettext_lazy("SKP disetujui"),
            "planning.plan.revised": gettext_lazy("SKP direvisi (versi baru dibuat)"),
            "planning.plan.rater_overridden": gettext_lazy(
                "Pejabat penilai SKP diganti oleh admin"
            ),
        }
    )
