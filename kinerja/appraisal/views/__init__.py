"""Appraisal pages, one module per subject."""
