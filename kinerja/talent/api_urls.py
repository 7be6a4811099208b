"""REST API of the talent area."""

urlpatterns: list = []
