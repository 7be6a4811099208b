"""Public (no login) pages: survey."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
