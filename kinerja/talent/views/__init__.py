"""Pages of the talent area (9-box, potential scores, key positions and succession)."""
