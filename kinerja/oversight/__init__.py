"""Internal supervision: audits of units by inspectors, findings, recommendations and follow-ups."""
