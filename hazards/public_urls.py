"""The pages open to the public (no login), mounted at /report/ by config/urls.py."""

from django.urls import path

from hazards import views_public

urlpatterns = [
    path("", views_public.PublicReportCreateView.as_view(), name="public-report"),
    path("receipt/", views_public.PublicReportReceiptView.as_view(), name="public-report-receipt"),
    path("check/", views_public.PublicReportCheckView.as_view(), name="public-report-check"),
    path("poster/", views_public.PublicReportPosterView.as_view(), name="public-report-poster"),
]
