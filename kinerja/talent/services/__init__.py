"""Writes of the talent area: cut-offs, potential scores, recomputing the 9-box, key positions."""
