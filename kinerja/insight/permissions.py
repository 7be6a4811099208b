"""Insight permissions, declared once.

| permission | who |
|---|---|
| insight.view_compliance (the compliance monitor and the lists behind its counts) | agency admin (the whole agency), inspectors (counts of the whole agency; the lists only of the units under audit), heads (their units' subtrees) |
| insight.view_dashboard (the leaders' dashboard: aggregates only; its drill-down lists are scoped by each area) | agency admin and inspectors (the whole agency), heads (their units' subtrees) |
| insight.compare_agencies (the agencies side by side; read-only) | national and provincial viewers |
| insight.list_reports (the agency performance reports page; rows scoped by `reports.selectors`) | agency admin, heads, inspectors |
| insight.request_report, insight.view_report (on a report: ask for it; its page and files) | agency admin (the whole agency or any unit), heads (a unit of their subtree), inspector (units under audit) |

The inspectorate plans its audits from the agency-wide counts (issue 7: compliance monitoring
"for the inspectorate and BKPSDM", per unit), but reads records — the people and documents
behind a count — only of the units it is auditing now ("inspectors read the performance,
citizen and audit data of the units under audit, and nothing else").
"""

from __future__ import annotations

from typing import Any

import rules

from kinerja.core.models import Role, User
from kinerja.core.permissions import (
    actor_of,
    in_own_agency,
    inspects,
    is_agency_admin,
    is_head,
    is_inspector,
    is_national_viewer,
    path_in_subtree,
)

rules.add_perm("insight.view_compliance", is_agency_admin | is_inspector | is_head)
rules.add_perm("insight.view_dashboard", is_agency_admin | is_inspector | is_head)
rules.add_perm("insight.compare_agencies", is_national_viewer)


def compliance_unit_paths(user: User) -> tuple[str, ...] | None:
    """The units whose compliance counts `user` reads: None for the whole agency, else
    subtrees."""
    actor = actor_of(user)
    if actor.has_role_any((Role.AGENCY_ADMIN, Role.INSPECTOR)):
        return None
    return actor.head_unit_paths


def compliance_row_paths(user: User) -> tuple[str, ...] | None:
    """The units whose rows behind a count `user` reads: None for the whole agency (admins),
    else the headed subtrees and the subtrees under audit."""
    actor = actor_of(user)
    if actor.has_role(Role.AGENCY_ADMIN):
        return None
    return actor.reading_unit_paths


# --- Agency performance reports (reports/) ------------------------------------------------


@rules.predicate
def leads_report_unit(user: User, report: Any) -> bool:
    """A head whose subtree holds the report's unit (a whole-agency report has none)."""
    if report is None or report.unit_id is None:
        return False
    return path_in_subtree(report.unit.path, actor_of(user).head_unit_paths)


inspects_report_unit = inspects(
    lambda report: report.unit.path if report.unit_id else None, "inspects_report_unit"
)
reads_report = in_own_agency & (is_agency_admin | leads_report_unit | inspects_report_unit)

rules.add_perm("insight.list_reports", is_agency_admin | is_head | is_inspector)
rules.add_perm("insight.request_report", reads_report)
rules.add_perm("insight.view_report", reads_report)
