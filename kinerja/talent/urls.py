"""Pages of the talent area."""

app_name = "talent"
urlpatterns: list = []
