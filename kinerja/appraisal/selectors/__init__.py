"""Scoped reads of the appraisal area, one module per subject (import from the submodule)."""
