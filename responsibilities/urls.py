from django.urls import path

from responsibilities import views_boards, views_overview

app_name = "responsibilities"
urlpatterns = [
    path("", views_overview.ResponsibilitiesIndexView.as_view(), name="index"),
    path("units/<int:pk>/", views_overview.UnitOverviewView.as_view(), name="unit-overview"),
    path("leaders/<int:pk>/overview/", views_overview.LeaderOverviewView.as_view(), name="leader-overview"),
]
urlpatterns += [
    path("enterprises/<int:pk>/board/", views_boards.BoardSectionView.as_view(), name="board-section"),
    path("enterprises/<int:pk>/board/edit/", views_boards.BoardEditView.as_view(), name="board-edit"),
    path("enterprises/<int:pk>/board/history/", views_boards.BoardHistoryView.as_view(), name="board-history"),
    path("enterprises/<int:pk>/board/print/", views_boards.BoardPrintView.as_view(), name="board-print"),
    path("enterprises/<int:pk>/risks/new/", views_boards.RiskFormView.as_view(), name="risk-create"),
    path("risks/", views_boards.RiskListView.as_view(), name="risk-list"),
    path("risks/<int:risk_pk>/edit/", views_boards.RiskFormView.as_view(), name="risk-edit"),
    path("risks/<int:pk>/print/", views_boards.RiskPrintView.as_view(), name="risk-print"),
]

# Duty lists and the sector map (views_duties)
from responsibilities import views_duties  # noqa: E402

urlpatterns += [
    path("leaders/", views_duties.LeaderListView.as_view(), name="leader-list"),
    path("leaders/<int:pk>/", views_duties.LeaderDetailView.as_view(), name="leader-detail"),
    path("duty-lists/new/", views_duties.DutyListCreateView.as_view(), name="duty-list-create"),
    path("duty-lists/<int:pk>/edit/", views_duties.DutyListEditView.as_view(), name="duty-list-edit"),
    path("duty-lists/<int:pk>/duties/new/", views_duties.DutyAddView.as_view(), name="duty-add"),
    path("duties/<int:pk>/edit/", views_duties.DutyEditView.as_view(), name="duty-edit"),
    path("sectors/", views_duties.SectorMapView.as_view(), name="sector-map"),
    path("sectors/set/", views_duties.SectorSupervisionSetView.as_view(), name="sector-supervision-set"),
    path("leaders/new/", views_duties.LeaderCreateView.as_view(), name="leader-create"),
    path("leaders/<int:pk>/edit/", views_duties.LeaderEditView.as_view(), name="leader-edit"),
]

# Half-year duty reports (views_duty_reports)
from responsibilities import views_duty_reports  # noqa: E402

urlpatterns += [
    path(
        "leaders/<int:pk>/reports/<int:year>/<int:half>/",
        views_duty_reports.DutyReportWriteView.as_view(),
        name="duty-report-write",
    ),
    path("duty-reports/<int:pk>/", views_duty_reports.DutyReportDetailView.as_view(), name="duty-report-detail"),
]

# Excel: the duty-list import and export, the four-person roster import and export
from django.urls import re_path  # noqa: E402

from responsibilities import duty_excel_views, roster_excel_views  # noqa: E402

urlpatterns += [
    path("leaders/export/", duty_excel_views.DutyExportView.as_view(), name="duty-export"),
    path("leaders/import/", duty_excel_views.DutyImportView.as_view(), name="duty-import"),
    path("leaders/import/template/", duty_excel_views.DutyTemplateView.as_view(), name="duty-import-template"),
    re_path(
        r"^leaders/import/(?P<token>[0-9a-f]{32})/$",
        duty_excel_views.DutyImportPreviewView.as_view(),
        name="duty-import-preview",
    ),
    path("roster/export/", roster_excel_views.RosterExportView.as_view(), name="roster-export"),
    path("roster/import/", roster_excel_views.RosterImportView.as_view(), name="roster-import"),
    path("roster/import/template/", roster_excel_views.RosterTemplateView.as_view(), name="roster-import-template"),
    re_path(
        r"^roster/import/(?P<token>[0-9a-f]{32})/$",
        roster_excel_views.RosterImportPreviewView.as_view(),
        name="roster-import-preview",
    ),
]

# 基层应急能力 (五有, 网格化): views_capability
from responsibilities import views_capability  # noqa: E402

urlpatterns += [
    path("capability/", views_capability.CapabilityCountyView.as_view(), name="capability-county"),
    path("capability/new/", views_capability.CapabilityCreateView.as_view(), name="capability-create"),
    path("capability/<int:pk>/", views_capability.CapabilityDetailView.as_view(), name="capability-detail"),
    path("capability/<int:pk>/edit/", views_capability.CapabilityEditView.as_view(), name="capability-edit"),
]
