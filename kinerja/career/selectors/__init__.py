"""Reads of the career area: the credit ledger, awards and sanctions, vacancies and ranking."""
