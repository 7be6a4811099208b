"""Reads of the development area, scoped to what the user may see (see the modules)."""
