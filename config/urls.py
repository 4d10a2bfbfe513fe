from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    path("", include("reader.urls")),
    path("", include("study.review.urls")),
    path("", include("annotations.exports.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
