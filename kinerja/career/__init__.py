"""Angka kredit ledger, awards and sanction path, merit ranking for vacant positions."""
