"""REST API of the career area."""

urlpatterns: list = []
