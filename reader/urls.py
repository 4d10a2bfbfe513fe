from django.urls import path

from reader import views

urlpatterns = [
    path("", views.library, name="library"),
    path("articles/import/", views.article_upload, name="article-upload"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("healthz", views.healthz, name="healthz"),
]
