"""Permissions of the citizen area: survey (rules predicates, declared once)."""
