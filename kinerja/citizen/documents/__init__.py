"""PDF and XLSX documents of the citizen area, one module per document."""
