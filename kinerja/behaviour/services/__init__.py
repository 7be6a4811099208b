"""Every write of the 360° area, one module per subject (import from the submodule): `rounds`
(create, open, close, delete, remind), `raters` (the supervisor's adjustment), `answering`
(draft and send) and `tallies` (the progress counters they move)."""
