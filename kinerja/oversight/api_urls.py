"""REST API of the oversight area."""

urlpatterns: list = []
