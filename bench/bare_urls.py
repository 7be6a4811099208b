"""The product's URLs plus `/bench/bare/`: a view that does nothing, through the same server,
middleware (sessions, authentication, CSRF, locale, security headers) and resolver — the
baseline the product's pages are compared with (bench/load.py)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from kinerja.urls import urlpatterns as product_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *product_urlpatterns]
