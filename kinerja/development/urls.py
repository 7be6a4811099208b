"""Pages of the development area."""

app_name = "development"
urlpatterns: list = []
