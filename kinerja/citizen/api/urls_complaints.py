"""REST endpoints of the citizen area: complaints."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
