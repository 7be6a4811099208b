"""URL × persona rules of the development area, merged into tests/core/test_permission_matrix.py.

The objects: pegawai's development (their draft plan of the year with one internal training
taught by atasan, a record with a certificate) and the catalogue of the home agency; for the 404
check, the same in the other agency.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.development import builders
from tests.matrix import Rule, only, statuses

# Who sees pegawai's development: themself, the direct supervisor, the head of the subtree,
# the agency admin, the inspector (and the superuser). Anyone else: 404.
VIEWERS = ("pegawai", "atasan", "kepala", "admin_bkpsdm", "inspektur", "superuser")
# Who edits pegawai's plan: themself, the supervisor, the admin.
EDITORS = ("pegawai", "atasan", "admin_bkpsdm", "superuser")
# Who records completion: the supervisor, the admin.
RECORDERS = ("atasan", "admin_bkpsdm", "superuser")
# The catalogue: every member of an agency.
CATALOGUE_READERS = (
    "pegawai",
    "atasan",
    "kepala",
    "admin_bkpsdm",
    "inspektur",
    "petugas_layanan",
    "superuser",
    "admin_agensi_lain",
)
# A superuser has no agency to add a training to (403).
MANAGERS = ("admin_bkpsdm", "admin_agensi_lain")
REPORT_READERS = ("atasan", "kepala", "admin_bkpsdm", "inspektur", "superuser", "admin_agensi_lain")
SAVINGS_READERS = ("kepala", "admin_bkpsdm", "inspektur", "superuser", "admin_agensi_lain")


def _employee(*, other: bool = False) -> Any:
    return lambda w: {"pk": (w.pegawai_lain if other else w.pegawai).pk}


def _plan(world: World, *, other: bool = False) -> Any:
    person = world.pegawai_lain if other else world.pegawai
    return builders.plan(person)


def _plan_pk(*, other: bool = False) -> Any:
    return lambda w: {"pk": _plan(w, other=other).pk}


def _item_pk(*, other: bool = False) -> Any:
    def build(world: World) -> dict[str, Any]:
        agency = world.other_agency if other else world.agency
        course = builders.training(agency, of=builders.competency(agency))
        return {"pk": builders.item(_plan(world, other=other), course).pk}

    return build


def _record_pk(*, other: bool = False) -> Any:
    return lambda w: {
        "pk": builders.record(w.pegawai_lain if other else w.pegawai, 8, certificate=True).pk
    }


def _training_pk(*, other: bool = False) -> Any:
    return lambda w: {"pk": builders.training(w.other_agency if other else w.agency).pk}


def _trainer_pk(*, other: bool = False) -> Any:
    def build(world: World) -> dict[str, Any]:
        agency = world.other_agency if other else world.agency
        person = world.pegawai_lain if other else world.atasan
        return {"pk": builders.trainer(person, builders.competency(agency)).pk}

    return build


def _pair(build: Any) -> dict[str, Any]:
    return {"kwargs": build(), "other_agency_kwargs": build(other=True)}


EMPLOYEE = _pair(_employee)
PLAN = _pair(_plan_pk)
ITEM = _pair(_item_pk)
RECORD = _pair(_record_pk)
TRAINING = _pair(_training_pk)
TRAINER = _pair(_trainer_pk)
ANY_PK = {"kwargs": lambda w: {"pk": 1}}
OBJECT_OF_AGENCY = {"admin_agensi_lain": 404, "pemantau": 404}

RULES: dict[str, Rule] = {
    "development:mine": Rule(statuses(200)),
    "development:employee": Rule(only(VIEWERS, denied=404), **EMPLOYEE),
    "development:employee-refresh": Rule(statuses(405), **ANY_PK),
    "development:plan-create": Rule(statuses(405), **ANY_PK),
    "development:record-create": Rule(
        only(RECORDERS, denied=404, pegawai=403, kepala=403, inspektur=403), **EMPLOYEE
    ),
    "development:certificate": Rule(only(VIEWERS, denied=404), **RECORD),
    "development:training-list": Rule(only(CATALOGUE_READERS)),
    "development:training-create": Rule(only(MANAGERS)),
    "development:training-edit": Rule(
        only(("admin_bkpsdm", "superuser"), **OBJECT_OF_AGENCY), **TRAINING
    ),
    "development:trainer-list": Rule(only(CATALOGUE_READERS)),
    "development:trainer-create": Rule(only(MANAGERS)),
    "development:trainer-edit": Rule(
        only(("admin_bkpsdm", "superuser"), **OBJECT_OF_AGENCY), **TRAINER
    ),
    "development:recommendation-list": Rule(only(REPORT_READERS)),
    "development:recommendation-refresh": Rule(statuses(405)),
    "development:recommendation-dismiss": Rule(statuses(405), **ANY_PK),
    "development:plan-list": Rule(only(REPORT_READERS)),
    "development:plan-detail": Rule(only(VIEWERS, denied=404), **PLAN),
    "development:item-add": Rule(only(EDITORS, denied=404, kepala=403, inspektur=403), **PLAN),
    "development:plan-propose": Rule(statuses(405), **ANY_PK),
    "development:plan-agree": Rule(statuses(405), **ANY_PK),
    "development:plan-return": Rule(statuses(405), **ANY_PK),
    "development:item-remove": Rule(statuses(405), **ANY_PK),
    "development:item-complete": Rule(
        only(RECORDERS, denied=404, pegawai=403, kepala=403, inspektur=403), **ITEM
    ),
    "development:jp-list": Rule(only(REPORT_READERS)),
    "development:savings": Rule(only(SAVINGS_READERS)),
    # REST API: anonymous callers get 403; objects outside reach 404; writes are POST/PUT.
    "api-development-training-list": Rule(only(CATALOGUE_READERS, anon=403)),
    "api-development-training-detail": Rule(
        only(CATALOGUE_READERS, anon=403, **OBJECT_OF_AGENCY), **TRAINING
    ),
    "api-development-trainer-list": Rule(only(CATALOGUE_READERS, anon=403)),
    # Without its query (training, dates) the matching answers 400 with the reasons.
    "api-development-trainer-match": Rule(only(CATALOGUE_READERS, ok=400, anon=403)),
    "api-development-employee": Rule(only(VIEWERS, denied=404, anon=403), **EMPLOYEE),
    "api-development-recommendation-list": Rule(only(REPORT_READERS, anon=403)),
    "api-development-recommendation-refresh": Rule(statuses(405, anon=403)),
    "api-development-recommendation-dismiss": Rule(statuses(405, anon=403), **ANY_PK),
    "api-development-plan-list": Rule(only(REPORT_READERS, anon=403)),
    "api-development-plan-detail": Rule(only(VIEWERS, denied=404, anon=403), **PLAN),
    "api-development-plan-items": Rule(statuses(405, anon=403), **ANY_PK),
    "api-development-plan-propose": Rule(statuses(405, anon=403), **ANY_PK),
    "api-development-plan-agree": Rule(statuses(405, anon=403), **ANY_PK),
    "api-development-plan-return": Rule(statuses(405, anon=403), **ANY_PK),
    "api-development-item-complete": Rule(statuses(405, anon=403), **ANY_PK),
    "api-development-jp-shortfall": Rule(only(REPORT_READERS, anon=403)),
    "api-development-savings": Rule(only(SAVINGS_READERS, anon=403)),
}
