"""Pages of the oversight area."""

app_name = "oversight"
urlpatterns: list = []
