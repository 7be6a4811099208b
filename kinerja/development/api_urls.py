"""REST API of the development area."""

urlpatterns: list = []
