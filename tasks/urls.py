from django.urls import path, re_path

from tasks.views import campaigns, imports, measures, plan, practice, reports, targets

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
    # 安全宣传与活动 (key action 六, item 10)
    path("campaigns/", campaigns.CampaignListView.as_view(), name="campaign-list"),
    path("campaigns/new/", campaigns.CampaignCreateView.as_view(), name="campaign-create"),
    path("campaigns/<int:pk>/", campaigns.CampaignDetailView.as_view(), name="campaign-detail"),
    path("campaigns/<int:pk>/edit/", campaigns.CampaignEditView.as_view(), name="campaign-edit"),
    path("campaigns/<int:pk>/activities/new/", campaigns.ActivityFormView.as_view(), name="activity-create"),
    path("activities/<int:activity_pk>/edit/", campaigns.ActivityFormView.as_view(), name="activity-edit"),
    path("activities/evidence/<int:pk>/", campaigns.ActivityEvidenceView.as_view(), name="activity-evidence"),
    # 最佳实践案例、改革创新奖 (key action 二)
    path("practice/", practice.PracticeCallListView.as_view(), name="practice-call-list"),
    path("practice/new/", practice.PracticeCallFormView.as_view(), name="practice-call-create"),
    path("practice/<int:pk>/", practice.PracticeCallDetailView.as_view(), name="practice-call-detail"),
    path("practice/<int:pk>/edit/", practice.PracticeCallFormView.as_view(), name="practice-call-edit"),
    path("practice/<int:pk>/review/", practice.PracticeCallReviewView.as_view(), name="practice-call-review"),
    path("practice/<int:pk>/publish/", practice.PracticeCallPublishView.as_view(), name="practice-call-publish"),
    path("practice/<int:call_pk>/cases/new/", practice.PracticeCaseFormView.as_view(), name="practice-case-create"),
    path("practice/cases/<int:pk>/", practice.PracticeCaseDetailView.as_view(), name="practice-case-detail"),
    path("practice/cases/<int:pk>/edit/", practice.PracticeCaseFormView.as_view(), name="practice-case-edit"),
    re_path(
        r"^practice/cases/(?P<pk>\d+)/(?P<action>submit|return|score)/$",
        practice.PracticeCaseActionView.as_view(),
        name="practice-case-action",
    ),
    path("practice/files/<int:pk>/", practice.CaseAttachmentView.as_view(), name="practice-case-file"),
]
