"""Permissions of this subject (rules predicates + add_perm)."""
