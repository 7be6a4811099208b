"""360° pages, one module per subject: `rounds` (the admin's rounds, progress, units' view),
`raters` (the supervisor's adjustment), `answering` (the rater) and `reports` (a person's
report, XLSX and PDF)."""
