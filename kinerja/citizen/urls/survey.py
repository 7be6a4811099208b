"""Pages of the citizen area: survey (filled by its owner)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
