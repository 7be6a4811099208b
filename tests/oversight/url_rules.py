"""URL × persona rules of the oversight area, merged into tests/core/test_permission_matrix.py.

The objects (`tests/oversight/builders.py`): an audit of Kecamatan Plaju (kepala's subtree) in
fieldwork, led by `inspektur`, with a finding on Kelurahan Plaju Ulu and its recommendation
owned by `atasan`; for the 404 check, the same in the other agency. Heads read the audit and
its findings; the owner reads the recommendation; the team writes; other agencies' objects
answer 404 (the national viewer has no agency: 404 too); a superuser reads everything but has
no agency to plan an audit in.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import Rule, only, statuses
from tests.oversight.builders import make_audit, make_follow_up, make_setup

LISTERS = ("inspektur", "admin_bkpsdm", "kepala", "superuser", "admin_agensi_lain")
EMPLOYEES = (
    "pegawai",
    "atasan",
    "kepala",
    "admin_bkpsdm",
    "inspektur",
    "petugas_layanan",
    "admin_agensi_lain",
)
OUTSIDERS = {"pemantau": 404, "admin_agensi_lain": 404}


def _audit(*, other: bool = False) -> Any:
    return lambda world: {"pk": make_audit(world, other=other).pk}


def _finding(*, other: bool = False) -> Any:
    return lambda world: {"pk": make_setup(world, other=other).finding.pk}


def _recommendation(*, other: bool = False) -> Any:
    return lambda world: {"pk": make_setup(world, other=other).recommendation.pk}


def _follow_up(*, other: bool = False) -> Any:
    def build(world: World) -> dict[str, Any]:
        return {"pk": make_follow_up(world, make_setup(world, other=other)).pk}

    return build


AUDIT = {"kwargs": _audit(), "other_agency_kwargs": _audit(other=True)}
FINDING = {"kwargs": _finding(), "other_agency_kwargs": _finding(other=True)}
RECOMMENDATION = {"kwargs": _recommendation(), "other_agency_kwargs": _recommendation(other=True)}
FOLLOW_UP = {"kwargs": _follow_up(), "other_agency_kwargs": _follow_up(other=True)}

AUDIT_READERS = ("inspektur", "kepala", "admin_bkpsdm", "superuser")
TEAM = ("inspektur", "superuser")
RECOMMENDATION_READERS = ("inspektur", "kepala", "admin_bkpsdm", "atasan", "superuser")

RULES: dict[str, Rule] = {
    "oversight:audit-list": Rule(only(LISTERS)),
    # A superuser passes the permission but has no agency to plan in.
    "oversight:audit-create": Rule(only(("inspektur",))),
    "oversight:audit-detail": Rule(only(AUDIT_READERS, **OUTSIDERS), **AUDIT),
    "oversight:audit-pdf": Rule(only(AUDIT_READERS, **OUTSIDERS), **AUDIT),
    "oversight:audit-edit": Rule(only(TEAM, **OUTSIDERS), **AUDIT),
    "oversight:audit-status": Rule(statuses(405), **AUDIT),
    "oversight:visit-create": Rule(only(TEAM, **OUTSIDERS), **AUDIT),
    "oversight:finding-create": Rule(only(TEAM, **OUTSIDERS), **AUDIT),
    "oversight:recommendation-create": Rule(only(TEAM, **OUTSIDERS), **FINDING),
    "oversight:finding-edit": Rule(only(TEAM, **OUTSIDERS), **FINDING),
    "oversight:recommendation-detail": Rule(
        only(RECOMMENDATION_READERS, **OUTSIDERS), **RECOMMENDATION
    ),
    "oversight:recommendation-edit": Rule(only(TEAM, **OUTSIDERS), **RECOMMENDATION),
    "oversight:recommendation-not-applicable": Rule(statuses(405), **RECOMMENDATION),
    "oversight:follow-up-submit": Rule(statuses(405), **RECOMMENDATION),
    "oversight:follow-up-review": Rule(statuses(405), **FOLLOW_UP),
    "oversight:follow-up-file": Rule(only(RECOMMENDATION_READERS, **OUTSIDERS), **FOLLOW_UP),
    "oversight:my-recommendations": Rule(only((*EMPLOYEES, "superuser"))),
    "oversight:overdue-list": Rule(only(LISTERS)),
    # REST API: the same rules; anonymous callers get 403.
    "api-oversight-audit-list": Rule(only(LISTERS, anon=403)),
    "api-oversight-audit-detail": Rule(only(AUDIT_READERS, anon=403, **OUTSIDERS), **AUDIT),
    "api-oversight-audit-status": Rule(statuses(405, anon=403), **AUDIT),
    "api-oversight-finding-list": Rule(only(AUDIT_READERS, anon=403, **OUTSIDERS), **AUDIT),
    "api-oversight-finding-recommendations": Rule(statuses(405, anon=403), **FINDING),
    "api-oversight-recommendation-list": Rule(only((*EMPLOYEES, "superuser"), anon=403)),
    "api-oversight-recommendation-detail": Rule(
        only(RECOMMENDATION_READERS, anon=403, **OUTSIDERS), **RECOMMENDATION
    ),
    "api-oversight-follow-up-list": Rule(
        only(RECOMMENDATION_READERS, anon=403, **OUTSIDERS), **RECOMMENDATION
    ),
    "api-oversight-follow-up-review": Rule(statuses(405, anon=403), **FOLLOW_UP),
}
