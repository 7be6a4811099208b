"""Every write of the oversight area: one function per use case, each checking permission,
validating the business rules, bumping the version and writing the audit trail."""

from kinerja.oversight.services.audits import (
    change_audit_status,
    create_audit,
    record_visit,
    register_audit_actions,
    update_audit,
)
from kinerja.oversight.services.findings import (
    add_finding,
    add_recommendation,
    declare_not_applicable,
    review_follow_up,
    submit_follow_up,
    update_finding,
    update_recommendation,
)

__all__ = [
    "add_finding",
    "add_recommendation",
    "change_audit_status",
    "create_audit",
    "declare_not_applicable",
    "record_visit",
    "register_audit_actions",
    "review_follow_up",
    "submit_follow_up",
    "update_audit",
    "update_finding",
    "update_recommendation",
]
