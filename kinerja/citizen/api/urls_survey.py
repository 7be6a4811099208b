"""REST endpoints of the citizen area: survey."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
