from django.urls import path, re_path

from tasks.views import imports, measures, plan, reports, targets

urlpatterns = [
    path("", plan.HomeView.as_view(), name="home"),
    path("plans/<int:year>/copy/", plan.PlanCopyView.as_view(), name="plan-copy"),
    path("work-items/<int:pk>/", plan.WorkItemDetailView.as_view(), name="work-item-detail"),
    path("key-actions/<int:pk>/", plan.KeyActionDetailView.as_view(), name="key-action-detail"),
    path("units/<int:pk>/", plan.OrgUnitDetailView.as_view(), name="org-unit-detail"),
    path("targets/<int:pk>/", targets.TargetDetailView.as_view(), name="target-detail"),
    path("measures/", measures.MeasureListView.as_view(), name="measure-list"),
    path("measures/new/", measures.MeasureCreateView.as_view(), name="measure-create"),
    path("measures/export/", measures.MeasureExportView.as_view(), name="measure-export"),
    path("measures/import/", imports.MeasureImportView.as_view(), name="measure-import"),
    path("measures/import/template/", imports.MeasureImportTemplateView.as_view(), name="measure-import-template"),
    re_path(
        r"^measures/import/(?P<token>[0-9a-f]{32})/$",
        imports.MeasureImportPreviewView.as_view(),
        name="measure-import-preview",
    ),
    path("measures/<int:pk>/", measures.MeasureDetailView.as_view(), name="measure-detail"),
    path("measures/<int:pk>/extend/", measures.ExtensionCreateView.as_view(), name="extension-create"),
    path("measures/<int:measure_pk>/report/", reports.ReportFormView.as_view(), name="report-create"),
    re_path(
        r"^extensions/(?P<pk>\d+)/(?P<decision>approve|refuse)/$",
        measures.ExtensionDecideView.as_view(),
        name="extension-decide",
    ),
    path("reports/<int:pk>/", reports.ReportDetailView.as_view(), name="report-detail"),
    path("reports/<int:pk>/edit/", reports.ReportFormView.as_view(), name="report-edit"),
    re_path(
        r"^reports/(?P<pk>\d+)/(?P<action>submit|approve|return)/$",
        reports.ReportActionView.as_view(),
        name="report-action",
    ),
    path("evidence/<int:pk>/", reports.EvidenceDownloadView.as_view(), name="evidence-download"),
    path("my/tasks/", reports.MyTasksView.as_view(), name="my-tasks"),
    path("my/reviews/", reports.ReviewInboxView.as_view(), name="review-inbox"),
]
