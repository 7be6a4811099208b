"""Pages of the career area."""

app_name = "career"
urlpatterns: list = []
