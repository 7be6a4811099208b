"""REST API of the career area."""
