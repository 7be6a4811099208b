"""Insight permissions, declared once.

| permission | who |
|---|---|
| insight.view_compliance (the compliance monitor and the lists behind its counts) | agency admin and inspectors (the whole agency), heads (their units' subtrees) |
| insight.view_dashboard (the leaders' dashboard) | the same, over the same units |
| insight.compare_agencies (the agencies side by side; read-only) | national and provincial viewers |
"""

from __future__ import annotations

import rules

from kinerja.core.models import Role, User
from kinerja.core.permissions import (
    actor_of,
    is_agency_admin,
    is_head,
    is_inspector,
    is_national_viewer,
)

rules.add_perm("insight.view_compliance", is_agency_admin | is_inspector | is_head)
rules.add_perm("insight.view_dashboard", is_agency_admin | is_inspector | is_head)
rules.add_perm("insight.compare_agencies", is_national_viewer)


def compliance_unit_paths(user: User) -> tuple[str, ...] | None:
    """The units whose compliance `user` reads: None for the whole agency, else subtrees."""
    actor = actor_of(user)
    if actor.has_role_any((Role.AGENCY_ADMIN, Role.INSPECTOR)):
        return None
    return actor.head_unit_paths
