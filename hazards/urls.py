from django.urls import path, re_path

from core.views import AppIndexView
from hazards import ledger_views

app_name = "hazards"
urlpatterns = [
    path("", AppIndexView.as_view(app_label="hazards"), name="index"),
    path("export/", ledger_views.HazardExportView.as_view(), name="export"),
    path("import/", ledger_views.LedgerImportView.as_view(), name="import"),
    path("import/template/", ledger_views.LedgerTemplateView.as_view(), name="import-template"),
    re_path(
        r"^import/(?P<token>[0-9a-f]{32})/$", ledger_views.LedgerImportPreviewView.as_view(), name="import-preview"
    ),
]
