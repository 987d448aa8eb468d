from django.urls import path, re_path

from hazards import ledger_views, views, views_inspection, views_problems, views_public

app_name = "hazards"
urlpatterns = [
    path("", views.HazardListView.as_view(), name="index"),
    path("new/", views.HazardCreateView.as_view(), name="create"),
    path("<int:pk>/", views.HazardDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.HazardEditView.as_view(), name="edit"),
    path("<int:pk>/transition/", views.HazardTransitionView.as_view(), name="transition"),
    path("evidence/<int:pk>/", views.HazardEvidenceView.as_view(), name="evidence"),
    path("export/", ledger_views.HazardExportView.as_view(), name="export"),
    path("import/", ledger_views.LedgerImportView.as_view(), name="import"),
    path("import/template/", ledger_views.LedgerTemplateView.as_view(), name="import-template"),
    re_path(
        r"^import/(?P<token>[0-9a-f]{32})/$", ledger_views.LedgerImportPreviewView.as_view(), name="import-preview"
    ),
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
    path("problems/", views_problems.ProblemListView.as_view(), name="problems"),
    path("scores/", views_problems.UnitScoreView.as_view(), name="scores"),
    path("major/", views_problems.MajorHazardView.as_view(), name="major"),
    path("major/<int:pk>/list/", views_problems.HazardListingView.as_view(), name="major-listing"),
]
