"""Appraisal forms, one module per subject."""
