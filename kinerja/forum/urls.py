"""Pages of the forum area."""

app_name = "forum"
urlpatterns: list = []
