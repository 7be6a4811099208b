"""Organisation pages, one module per subject."""
