"""Writes of the career area: the credit ledger, award decisions, vacancy requirements."""
