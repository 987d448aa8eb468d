from django.urls import path

from core.views import AppIndexView
from hazards import views_inspection

app_name = "hazards"
urlpatterns = [
    path("", AppIndexView.as_view(app_label="hazards"), name="index"),
    path("self-inspections/", views_inspection.SelfInspectionStatusView.as_view(), name="self-inspection-list"),
    path(
        "self-inspections/<int:pk>/",
        views_inspection.SelfInspectionDetailView.as_view(),
        name="self-inspection-detail",
    ),
    path(
        "self-inspections/enterprise/<int:pk>/",
        views_inspection.EnterpriseSelfInspectionView.as_view(),
        name="self-inspection-enterprise",
    ),
    path(
        "self-inspections/record/<int:enterprise_pk>/",
        views_inspection.ChecklistChoiceView.as_view(),
        name="self-inspection-choose",
    ),
    path(
        "self-inspections/record/<int:enterprise_pk>/<int:checklist_pk>/",
        views_inspection.SelfInspectionRecordView.as_view(),
        name="self-inspection-record",
    ),
]
