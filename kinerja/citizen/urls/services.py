"""Pages of the citizen area: services (filled by its owner)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
