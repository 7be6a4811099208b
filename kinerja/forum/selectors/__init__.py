"""Selectors of the forum area, one module per subject."""
