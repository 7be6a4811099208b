"""Permissions of the citizen area: sources (rules predicates, declared once)."""
