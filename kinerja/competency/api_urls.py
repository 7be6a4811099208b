"""REST API of the competency area."""

urlpatterns: list = []
