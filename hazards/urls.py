from django.urls import path, re_path

from hazards import ledger_views, views

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
]
