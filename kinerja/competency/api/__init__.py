"""REST API of the competency area (/api/v1/competency/): the same selectors, services and
permissions as the pages; objects outside reach answer 404, refusals 400/403 with the reason,
a stale `version` 409."""
