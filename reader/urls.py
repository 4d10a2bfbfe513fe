from django.urls import path

from reader import views

urlpatterns = [
    path("", views.library, name="library"),
    path("articles/new/", views.article_new, name="article-new"),
    path("articles/import/", views.article_upload, name="article-upload"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("articles/<slug:slug>/delete/", views.article_remove, name="article-delete"),
    path("healthz", views.healthz, name="healthz"),
]
