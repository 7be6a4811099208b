"""REST API of the 360° area under /api/v1/behaviour/, one module per subject."""
