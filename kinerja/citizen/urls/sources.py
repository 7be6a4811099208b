"""Pages of the citizen area: sources (filled by its owner)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
