from django.urls import path

from core.views import AppIndexView
from hazards import views_problems

app_name = "hazards"
urlpatterns = [
    path("", AppIndexView.as_view(app_label="hazards"), name="index"),
    path("problems/", views_problems.ProblemListView.as_view(), name="problems"),
    path("scores/", views_problems.UnitScoreView.as_view(), name="scores"),
    path("major/", views_problems.MajorHazardView.as_view(), name="major"),
    path("major/<int:pk>/list/", views_problems.HazardListingView.as_view(), name="major-listing"),
]
