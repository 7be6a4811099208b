"""Permissions of the citizen area: services (rules predicates, declared once)."""
