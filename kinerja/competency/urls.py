"""Pages of the competency area."""

app_name = "competency"
urlpatterns: list = []
