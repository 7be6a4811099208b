"""REST endpoints of the citizen area: services."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
