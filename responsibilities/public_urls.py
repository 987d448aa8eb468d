"""The public boards (no login), mounted at /board/ by config/urls.py; the address carries a token, not the pk."""

from django.urls import path

from responsibilities import views_boards

urlpatterns = [
    path("<uuid:token>/", views_boards.PublicBoardView.as_view(), name="public-board"),
    path("risk/<uuid:token>/", views_boards.PublicRiskBoardView.as_view(), name="public-risk-board"),
]
