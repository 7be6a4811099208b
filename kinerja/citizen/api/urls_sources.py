"""REST endpoints of the citizen area: sources."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
