from django.urls import path, re_path

from disasters import ledger_views, views

app_name = "disasters"
urlpatterns = [
    path("", views.DisastersIndexView.as_view(), name="index"),
    path("risk-points/", views.RiskPointListView.as_view(), name="risk-point-list"),
    path("risk-points/new/", views.RiskPointCreateView.as_view(), name="risk-point-create"),
    path("risk-points/<int:pk>/", views.RiskPointDetailView.as_view(), name="risk-point-detail"),
    path("risk-points/<int:pk>/edit/", views.RiskPointEditView.as_view(), name="risk-point-edit"),
    path("risk-zones/", views.RiskZoneListView.as_view(), name="risk-zone-list"),
    path("risk-zones/new/", views.RiskZoneCreateView.as_view(), name="risk-zone-create"),
    path("risk-zones/<int:pk>/", views.RiskZoneDetailView.as_view(), name="risk-zone-detail"),
    path("risk-zones/<int:pk>/edit/", views.RiskZoneEditView.as_view(), name="risk-zone-edit"),
    path("risk-points/export/", ledger_views.RiskPointExportView.as_view(), name="risk-point-export"),
    path("risk-points/import/", ledger_views.LedgerImportView.as_view(), name="risk-point-import"),
    path("risk-points/import/template/", ledger_views.LedgerTemplateView.as_view(), name="risk-point-import-template"),
    re_path(
        r"^risk-points/import/(?P<token>[0-9a-f]{32})/$",
        ledger_views.LedgerImportPreviewView.as_view(),
        name="risk-point-import-preview",
    ),
]
