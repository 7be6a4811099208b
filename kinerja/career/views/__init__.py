"""Pages of the career area."""
