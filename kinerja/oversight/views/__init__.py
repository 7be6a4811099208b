"""Pages of the oversight area."""
