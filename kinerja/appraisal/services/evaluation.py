"""Writes of this subject."""

from __future__ import annotations


def register_audit_actions() -> None:
    """Register this subject's audit action codes (called from AppraisalConfig.ready)."""
