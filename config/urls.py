from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    # First: the API's requests are the most frequent, and Django tries patterns in order.
    path("api/v1/", api.urls),
    path("", include("reader.urls")),
    path("", include("study.review.urls")),
    path("", include("exports.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]

# Storage failures (a full disk, a database locked past its timeout) get their own pages.
handler500 = "readmark.errors.server_error"
