"""Every write of the appraisal area, one module per subject (import from the submodule):
`execution` (realisation, evidence, feedback, dialogues) and `evaluation` (ratings, unit
predicate, calibration, finalisation, objections)."""
