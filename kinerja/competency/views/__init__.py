"""Pages of the competency area, one module per subject."""
