"""Permissions of the citizen area: complaints (rules predicates, declared once)."""
