"""Every URL × every persona: the status each must get (pretix's idea, from the URL resolver).

A URL that the table below does not classify fails `test_every_url_is_classified`, so a new
page cannot ship without deciding who may open it. Objects of another agency answer 404.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from tests.appraisal.url_rules_documents import RULES as DOCUMENT_RULES
from tests.appraisal.url_rules_evaluation import RULES as EVALUATION_RULES
from tests.appraisal.url_rules_execution import RULES as EXECUTION_RULES
from tests.behaviour.url_rules import RULES as BEHAVIOUR_RULES
from tests.career.url_rules import RULES as CAREER_RULES
from tests.citizen.url_rules_complaints import RULES as COMPLAINT_RULES
from tests.citizen.url_rules_services import RULES as SERVICE_RULES
from tests.citizen.url_rules_sources import RULES as SOURCE_RULES
from tests.citizen.url_rules_survey import RULES as SURVEY_RULES
from tests.competency.url_rules import RULES as COMPETENCY_RULES
from tests.conftest import World
from tests.core.url_rules_notifications import RULES as NOTIFICATION_RULES
from tests.development.url_rules import RULES as DEVELOPMENT_RULES
from tests.forum.url_rules import RULES as FORUM_RULES
from tests.insight.url_rules import RULES as INSIGHT_RULES
from tests.matrix import ADMINS, ALL, ANON, Rule, only, statuses
from tests.oversight.url_rules import RULES as OVERSIGHT_RULES
from tests.talent.url_rules import RULES as TALENT_RULES

EMPLOYEE = {
    "kwargs": lambda w: {"pk": w.pegawai.pk},
    "other_agency_kwargs": lambda w: {"pk": w.pegawai_lain.pk},
}
UNIT = {
    "kwargs": lambda w: {"pk": w.kecamatan.pk},
    "other_agency_kwargs": lambda w: {"pk": w.other_unit.pk},
}


def _position_kwargs(world: World) -> dict[str, Any]:
    return {"pk": world.pegawai.position_id}


def _other_position_kwargs(world: World) -> dict[str, Any]:
    from kinerja.org.models import Position

    position = Position.objects.create(
        agency=world.other_agency, unit=world.other_unit, name="Analis", kind="pelaksana"
    )
    return {"pk": position.pk}


POSITION = {"kwargs": _position_kwargs, "other_agency_kwargs": _other_position_kwargs}


def _job(agency) -> dict[str, Any]:
    from kinerja.org.models import ImportJob

    job = ImportJob.objects.create(
        agency=agency, kind="employees", status="invalid", file_name="pegawai.xlsx"
    )
    return {"pk": job.pk}


IMPORT_JOB = {
    "kwargs": lambda w: _job(w.agency),
    "other_agency_kwargs": lambda w: _job(w.other_agency),
}
# Imports: agency admins only; a superuser has no agency to import into.
IMPORTERS = ("admin_bkpsdm", "admin_agensi_lain")
# Manage-only pages of one object: admins of the agency 200; viewers 403; outsiders 404.
MANAGE_OBJECT = only(("admin_bkpsdm", "superuser"), admin_agensi_lain=404, petugas_layanan=404)


def _plan(agency, employee) -> dict[str, Any]:
    import datetime as dt

    from kinerja.planning import services as planning

    period = planning.create_period(
        agency,
        actor=None,
        year=2026,
        name="Tahun 2026",
        frequency="triwulanan",
        approach="kuantitatif",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    return {"pk": planning.start_plan(employee, actor=None, period=period).pk}


# The draft SKP of `pegawai` (rated by `atasan`); another agency's SKP for the 404 check.
PLAN = {
    "kwargs": lambda w: _plan(w.agency, w.pegawai),
    "other_agency_kwargs": lambda w: _plan(w.other_agency, w.pegawai_lain),
}


def _issued_document(world: World) -> dict[str, Any]:
    from kinerja.core.documents import issue_document
    from kinerja.core.models import IssuedDocument

    sealed = issue_document(
        world.pegawai,
        actor=None,
        kind=IssuedDocument.Kind.SKP,
        title="Sasaran Kinerja Pegawai Tahun 2026",
        subject_name=world.pegawai.name,
        subject_nip=world.pegawai.nip_display,
        approved_by_name=world.atasan.name,
        approved_at=None,
        render=lambda token: b"%PDF-1.4 " + token.encode(),
    )
    return {"token": sealed.record.token}


PLAN_VIEWERS = ("pegawai", "atasan", "kepala", "admin_bkpsdm", "inspektur", "pemantau", "superuser")
PLAN_LISTERS = ("kepala", "admin_bkpsdm", "inspektur", "pemantau", "superuser", "admin_agensi_lain")

RULES: dict[str, Rule] = {
    "insight:home": Rule(statuses(200)),
    "core:login": Rule(statuses(302, anon=200)),
    "core:logout": Rule(statuses(405, anon=405)),
    "core:password-change": Rule(statuses(200)),
    "core:audit-list": Rule(only(("admin_bkpsdm", "inspektur", "superuser", "admin_agensi_lain"))),
    "verification": Rule(statuses(200, anon=200), kwargs=_issued_document),  # public
    "set_language": Rule(statuses(302, anon=302)),  # GET only redirects back; POST sets
    "api-schema": Rule(statuses(200, anon=200)),
    "api-docs": Rule(statuses(200, anon=200)),
    "org:employee-list": Rule(
        only(
            (
                "atasan",
                "kepala",
                "admin_bkpsdm",
                "inspektur",
                "pemantau",
                "superuser",
                "admin_agensi_lain",
            )
        )
    ),
    "org:employee-create": Rule(only(ADMINS)),
    "org:employee-detail": Rule(
        only(
            ("pegawai", "atasan", "kepala", "admin_bkpsdm", "inspektur", "pemantau", "superuser"),
            denied=404,
        ),
        **EMPLOYEE,
    ),
    "org:employee-edit": Rule(
        only(("admin_bkpsdm", "superuser"), admin_agensi_lain=404, petugas_layanan=404), **EMPLOYEE
    ),
    "org:employee-transfer": Rule(
        only(("admin_bkpsdm", "superuser"), admin_agensi_lain=404, petugas_layanan=404), **EMPLOYEE
    ),
    "org:employee-deactivate": Rule(
        only(("admin_bkpsdm", "superuser"), admin_agensi_lain=404, petugas_layanan=404), **EMPLOYEE
    ),
    "org:employee-reactivate": Rule(statuses(405), **EMPLOYEE),
    "org:employee-account": Rule(statuses(405), **EMPLOYEE),
    "org:unit-list": Rule(statuses(200)),
    "org:unit-create": Rule(only(ADMINS)),
    "org:unit-detail": Rule(statuses(200, admin_agensi_lain=404), **UNIT),
    "org:unit-edit": Rule(only(("admin_bkpsdm", "superuser"), admin_agensi_lain=404), **UNIT),
    "org:position-list": Rule(only(ADMINS)),
    "org:position-create": Rule(only(ADMINS)),
    "org:position-options": Rule(only(ADMINS)),
    "org:position-edit": Rule(only(("admin_bkpsdm", "superuser"), denied=404), **POSITION),
    "org:position-acting": Rule(only(("admin_bkpsdm", "superuser"), denied=404), **POSITION),
    "org:import-start": Rule(only(IMPORTERS)),
    "org:import-template": Rule(only(IMPORTERS), kwargs=lambda w: {"kind": "employees"}),
    "org:import-detail": Rule(only(("admin_bkpsdm",), admin_agensi_lain=404), **IMPORT_JOB),
    "org:import-status": Rule(only(("admin_bkpsdm",), admin_agensi_lain=404), **IMPORT_JOB),
    "org:import-commit": Rule(statuses(405), **IMPORT_JOB),
    # REST API: the same rules; anonymous callers get 403 (session auth answers first).
    "api-token": Rule(statuses(405, anon=405)),  # POST only
    "api-me": Rule(statuses(200, anon=403)),
    "api-employee-list": Rule(statuses(200, anon=403)),  # each sees only whom they may see
    "api-employee-detail": Rule(
        only(
            ("pegawai", "atasan", "kepala", "admin_bkpsdm", "inspektur", "pemantau", "superuser"),
            denied=404,
            anon=403,
        ),
        **EMPLOYEE,
    ),
    "api-employee-transfer": Rule(statuses(405, anon=403), **EMPLOYEE),
    "api-employee-deactivate": Rule(statuses(405, anon=403), **EMPLOYEE),
    "api-employee-reactivate": Rule(statuses(405, anon=403), **EMPLOYEE),
    "api-unit-list": Rule(statuses(200, anon=403)),
    "api-unit-detail": Rule(statuses(200, anon=403, admin_agensi_lain=404), **UNIT),
    "api-unit-chart": Rule(statuses(200, anon=403, admin_agensi_lain=404), **UNIT),
    "api-position-list": Rule(only(ADMINS, anon=403)),
    "api-position-detail": Rule(
        only(("admin_bkpsdm", "superuser"), denied=404, anon=403), **POSITION
    ),
    # Planning (SKP): plans outside the viewer's reach answer 404; workflow actions are POST.
    "planning:plan-mine": Rule(statuses(200)),
    "planning:plan-start": Rule(statuses(405)),
    "planning:plan-list": Rule(only(PLAN_LISTERS)),
    "planning:plan-detail": Rule(only(PLAN_VIEWERS, denied=404), **PLAN),
    "planning:plan-pdf": Rule(only(PLAN_VIEWERS, denied=404), **PLAN),
    "planning:plan-rater": Rule(
        only(("admin_bkpsdm", "superuser"), petugas_layanan=404, admin_agensi_lain=404), **PLAN
    ),
    "planning:result-add": Rule(statuses(405), **PLAN),
    "planning:plan-appendix": Rule(statuses(405), **PLAN),
    "planning:plan-expectations": Rule(statuses(405), **PLAN),
    "planning:plan-submit": Rule(statuses(405), **PLAN),
    "planning:plan-return": Rule(statuses(405), **PLAN),
    "planning:plan-approve": Rule(statuses(405), **PLAN),
    "planning:plan-revise": Rule(statuses(405), **PLAN),
    "planning:result-delete": Rule(statuses(405), kwargs=lambda w: {"pk": 1}),
    "planning:indicator-add": Rule(statuses(405), kwargs=lambda w: {"pk": 1}),
    "planning:indicator-delete": Rule(statuses(405), kwargs=lambda w: {"pk": 1}),
    "planning:team": Rule(only(("atasan", "kepala", "superuser"))),
    "planning:period-list": Rule(
        only(("admin_bkpsdm", "inspektur", "pemantau", "superuser", "admin_agensi_lain"))
    ),
    "planning:period-create": Rule(only(ADMINS)),
    "api-plan-list": Rule(statuses(200, anon=403)),  # each sees only the plans in reach
    "api-plan-detail": Rule(only(PLAN_VIEWERS, denied=404, anon=403), **PLAN),
    "api-plan-submit": Rule(statuses(405, anon=403), **PLAN),
    "api-plan-return": Rule(statuses(405, anon=403), **PLAN),
    "api-plan-approve": Rule(statuses(405, anon=403), **PLAN),
}

for _area in (
    EXECUTION_RULES,
    EVALUATION_RULES,
    DOCUMENT_RULES,
    NOTIFICATION_RULES,
    SERVICE_RULES,
    SURVEY_RULES,
    COMPLAINT_RULES,
    SOURCE_RULES,
    BEHAVIOUR_RULES,
    COMPETENCY_RULES,
    DEVELOPMENT_RULES,
    TALENT_RULES,
    CAREER_RULES,
    OVERSIGHT_RULES,
    FORUM_RULES,
    INSIGHT_RULES,
):
    assert not set(_area) & set(RULES), set(_area) & set(RULES)
    RULES.update(_area)

# Whole namespaces classified at once, with the reason.
NAMESPACE_RULES = {
    # Django's own admin: staff only (superuser here); checked through its index page.
    "admin": "admin:index",
}


def _walk(patterns: list[Any], prefix: str = "") -> list[str]:
    names: list[str] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names += _walk(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            names.append(prefix + entry.name)
    return names


def all_url_names() -> list[str]:
    return sorted(set(_walk(get_resolver().url_patterns)))


def test_every_url_is_classified():
    unclassified = [
        name
        for name in all_url_names()
        if name not in RULES and name.split(":")[0] not in NAMESPACE_RULES
    ]
    assert unclassified == []


def test_every_named_url_has_a_name():
    unnamed = []

    def visit(patterns: list[Any], route: str = "") -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace != "admin":
                    visit(entry.url_patterns, route + str(entry.pattern))
            elif not entry.name:
                unnamed.append(route + str(entry.pattern))

    visit(get_resolver().url_patterns)
    assert unnamed == []


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_persona_gets_the_expected_status(name, world, auditing, unscoped):
    """One world per URL, every persona in turn with a fresh client (GET changes nothing).
    `inspektur` is auditing the world's whole subtree (Kecamatan Plaju) in it."""
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(world))
    got = {}
    for persona in ALL:
        client = Client()
        if persona != ANON:
            client.force_login(
                world.users[persona], backend="kinerja.core.auth.NipOrUsernameBackend"
            )
        got[persona] = getattr(client, rule.method)(url).status_code
    wrong = {p: (got[p], rule.expected[p]) for p in ALL if got[p] != rule.expected[p]}
    assert wrong == {}, f"{name} {url}: persona → (got, expected)"


@pytest.mark.parametrize("name", sorted(n for n, r in RULES.items() if r.other_agency_kwargs))
def test_objects_of_another_agency_answer_404(name, world, client, unscoped):
    rule = RULES[name]
    assert rule.other_agency_kwargs is not None
    url = reverse(name, kwargs=rule.other_agency_kwargs(world))
    client.force_login(
        world.users["admin_bkpsdm"], backend="kinerja.core.auth.NipOrUsernameBackend"
    )
    expected = 405 if rule.expected["admin_bkpsdm"] == 405 else 404
    assert getattr(client, rule.method)(url).status_code == expected


@pytest.mark.parametrize("persona", ALL)
def test_django_admin_is_for_superusers_only(persona, world, client):
    if persona != ANON:
        client.force_login(world.users[persona], backend="kinerja.core.auth.NipOrUsernameBackend")
    status = client.get(reverse("admin:index")).status_code
    assert status == (200 if persona == "superuser" else 302)


# Object pages the auditing inspector opens that stay open without an audit: not a unit's data.
NOT_UNIT_DATA: set[str] = {
    "verification",  # the public verification page of a sealed document
    "competency:dictionary-detail",  # the agency's competency dictionary
    "api-competency-dictionary-detail",
    "api-development-training-detail",  # the course catalogue
    "forum:thread-detail",  # socialisation: every employee reads the forum
    "api-forum-thread-detail",
    "insight:compliance-list",  # a list: its rows are scoped (tests/insight/test_compliance.py)
    "talent:box",  # the list of one 9-box box: rows scoped (tests/talent/test_inspector_scope.py)
    "org:unit-detail",  # the org chart: every member of the agency reads it (org.view_unit)
    "api-unit-detail",
    "api-unit-chart",
}
# Public pages, and the inspector's own audits (their team reads them: tests/oversight).
NOT_UNIT_DATA_PREFIXES = ("public:", "api-public-", "oversight:", "api-oversight-")


def _takes_an_object(name: str) -> bool:
    try:
        reverse(name)
    except NoReverseMatch:
        return True
    return False


INSPECTOR_OBJECT_PAGES = sorted(
    name
    for name, rule in RULES.items()
    if rule.method == "get"
    and rule.expected["inspektur"] == 200
    and name not in NOT_UNIT_DATA
    and not name.startswith(NOT_UNIT_DATA_PREFIXES)
    and _takes_an_object(name)
)


@pytest.mark.parametrize("name", INSPECTOR_OBJECT_PAGES)
def test_without_an_audit_the_inspector_opens_no_units_object(name, world, unscoped):
    """Issue 7: inspectors read the data of the units under audit, and nothing else. Every
    object page the matrix lets the auditing inspector open is closed to them without the
    audit (list pages, whose rows are scoped, are checked in each area's tests)."""
    client = Client()
    client.force_login(world.users["inspektur"], backend="kinerja.core.auth.NipOrUsernameBackend")
    status = client.get(reverse(name, kwargs=RULES[name].kwargs(world))).status_code
    assert status in (403, 404), f"{name}: {status}"
