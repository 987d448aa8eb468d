from django.urls import path

from core.views import AppIndexView
from hazards import views_public

app_name = "hazards"
urlpatterns = [
    path("", AppIndexView.as_view(app_label="hazards"), name="index"),
    path("public-reports/", views_public.PublicReportListView.as_view(), name="public-report-list"),
    path("public-reports/<int:pk>/", views_public.PublicReportDetailView.as_view(), name="public-report-detail"),
    path(
        "public-reports/<int:pk>/accept/",
        views_public.PublicReportActionView.as_view(),
        {"action": "accept"},
        name="public-report-accept",
    ),
    path(
        "public-reports/<int:pk>/reject/",
        views_public.PublicReportActionView.as_view(),
        {"action": "reject"},
        name="public-report-reject",
    ),
    path(
        "public-reports/<int:pk>/reward/",
        views_public.PublicReportActionView.as_view(),
        {"action": "reward"},
        name="public-report-reward",
    ),
    path("public-reports/photos/<int:pk>/", views_public.PublicReportPhotoView.as_view(), name="public-report-photo"),
]
