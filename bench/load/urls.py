"""The product's URLconf, then the benchmark's reference endpoint (never part of Readmark)."""

from django.urls import include, path

from bench.load.reference import api
from config.urls import handler500  # noqa: F401  (the product's error page, as it is served)

urlpatterns = [
    path("", include("config.urls")),
    path("bench/reference/", api.urls),
]
