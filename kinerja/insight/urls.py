from django.urls import path

from kinerja.insight import views

app_name = "insight"
urlpatterns = [
    path("", views.home, name="home"),
]
