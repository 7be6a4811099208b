"""Public (no login) pages: complaints."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
