from django.urls import path

from core.views import AppIndexView
from disasters import views_patrols

app_name = "disasters"
urlpatterns = [
    path("", AppIndexView.as_view(app_label="disasters"), name="index"),
    path("risk-points/", AppIndexView.as_view(app_label="disasters"), name="risk-point-list"),
    path("patrols/", views_patrols.PatrolListView.as_view(), name="patrol-list"),
    path("patrols/new/", views_patrols.PatrolCreateView.as_view(), name="patrol-create"),
    path("patrols/missing/", views_patrols.MissingPatrolsView.as_view(), name="patrols-missing"),
    path("patrols/<int:pk>/", views_patrols.PatrolDetailView.as_view(), name="patrol-detail"),
    path("patrols/evidence/<int:pk>/", views_patrols.PatrolEvidenceView.as_view(), name="patrol-evidence"),
    path(
        "risk-points/<int:point_pk>/patrols/new/",
        views_patrols.PatrolCreateView.as_view(),
        name="risk-point-patrol-create",
    ),
    path("flood-seasons/", views_patrols.FloodSeasonView.as_view(), name="flood-season"),
]
