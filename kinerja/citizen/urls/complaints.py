"""Pages of the citizen area: complaints (filled by its owner)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
