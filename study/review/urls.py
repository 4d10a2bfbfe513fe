from django.urls import path

from study.review import views

urlpatterns = [
    path("review/", views.review_page, name="review"),
    path("accounts/profile/progress/", views.progress_page, name="study-progress"),
]
