"""REST API of the development area: the same selectors, services and permissions as the pages."""
