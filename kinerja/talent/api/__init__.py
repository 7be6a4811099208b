"""REST API of the talent area under /api/v1/talent/: the same selectors, services and
permissions as the pages. Objects outside reach answer 404, refusals 400/403 with the reason."""
