"""The project's settings with the bench URLconf (bench/bare_urls.py): the product as it is,
plus a bare view to measure the server and the middleware alone. Used only by bench/load.py's
gunicorn; never by the product."""

from kinerja.settings import *  # noqa: F403  (the product's settings, unchanged)

ROOT_URLCONF = "bench.bare_urls"
