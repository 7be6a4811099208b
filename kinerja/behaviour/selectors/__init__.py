"""Reads of the 360° area, one module per subject (import from the submodule): `rounds`
(lists, progress, rater lists to adjust), `answering` (the rater's questionnaires) and `reports`
(the aggregates: a person's report, the units' weakest values — the only reads of answers)."""
