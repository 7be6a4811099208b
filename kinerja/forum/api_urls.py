"""REST API of the forum area."""

urlpatterns: list = []
