"""Planning pages: my SKP, the SKP document and its workflow, my team, periods, all plans."""
