from django.contrib.auth.decorators import login_required
from django.urls import path
from django.views.generic import TemplateView

from inspections import views, views_bulletin, views_credit, views_penalties, views_plans
from inspections import views_enterprise_services as views_es
from inspections import views_investigations as inv_views

app_name = "inspections"
urlpatterns = [
    path("", login_required(TemplateView.as_view(template_name="inspections/index.html")), name="index"),
    path("checks/", views.InspectionListView.as_view(), name="inspection-list"),
    path("checks/new/", views.InspectionCreateView.as_view(), name="inspection-create"),
    path("<int:pk>/", views.InspectionDetailView.as_view(), name="inspection-detail"),
    path("<int:pk>/recheck/", views.InspectionRecheckView.as_view(), name="inspection-recheck"),
    path("<int:pk>/close/", views.InspectionCloseView.as_view(), name="inspection-close"),
    path("<int:pk>/findings/", views.InspectionFindingView.as_view(), name="inspection-finding-add"),
    path("<int:pk>/print/record/", views.InspectionPrintRecordView.as_view(), name="inspection-print-record"),
    path("<int:pk>/print/order/", views.InspectionPrintOrderView.as_view(), name="inspection-print-order"),
    path("checklists/", views.ChecklistListView.as_view(), name="checklist-list"),
    path("checklists/new/", views.ChecklistEditView.as_view(), name="checklist-create"),
    path("checklists/<int:pk>/", views.ChecklistDetailView.as_view(), name="checklist-detail"),
    path("checklists/<int:pk>/edit/", views.ChecklistEditView.as_view(), name="checklist-edit"),
]

# 事故调查 (accident and disaster investigations)
urlpatterns += [
    path("investigations/", inv_views.InvestigationListView.as_view(), name="investigation-list"),
    path("investigations/new/", inv_views.InvestigationCreateView.as_view(), name="investigation-create"),
    path("investigations/<int:pk>/", inv_views.InvestigationDetailView.as_view(), name="investigation-detail"),
    path("investigations/<int:pk>/edit/", inv_views.InvestigationEditView.as_view(), name="investigation-edit"),
    path("investigations/<int:pk>/close/", inv_views.InvestigationCloseView.as_view(), name="investigation-close"),
    path(
        "investigations/<int:pk>/responsibilities/",
        inv_views.ResponsibilityAddView.as_view(),
        name="investigation-responsibility-add",
    ),
    path(
        "investigations/<int:pk>/responsibilities/<int:rid>/handled/",
        inv_views.ResponsibilityHandledView.as_view(),
        name="investigation-responsibility-handled",
    ),
    path("plans/", views_plans.PlanListView.as_view(), name="plan-list"),
    path("plans/new/", views_plans.PlanCreateView.as_view(), name="plan-create"),
    path("plans/<int:pk>/", views_plans.PlanDetailView.as_view(), name="plan-detail"),
    path("plans/<int:pk>/edit/", views_plans.PlanEditView.as_view(), name="plan-edit"),
    path("plans/<int:pk>/select/", views_plans.PlanSelectView.as_view(), name="plan-select"),
    path("penalties/", views_penalties.PenaltyListView.as_view(), name="penalty-list"),
    path("penalties/new/", views_penalties.PenaltyCreateView.as_view(), name="penalty-create"),
    path("penalties/<int:pk>/", views_penalties.PenaltyDetailView.as_view(), name="penalty-detail"),
    path("penalties/<int:pk>/refer/", views_penalties.PenaltyReferView.as_view(), name="penalty-refer"),
    path("bulletin/", views_bulletin.BulletinView.as_view(), name="bulletin"),
    path("bulletin/export.xlsx", views_bulletin.BulletinExportView.as_view(kind="xlsx"), name="bulletin-xlsx"),
    path("bulletin/export.docx", views_bulletin.BulletinExportView.as_view(kind="docx"), name="bulletin-docx"),
]

# 企业培训与保险、标杆企业、安全信用 (items 6 and 8)
urlpatterns += [
    path("trainings/", views_es.TrainingListView.as_view(), name="training-list"),
    path("trainings/new/", views_es.TrainingCreateView.as_view(), name="training-create"),
    path("trainings/<int:pk>/", views_es.TrainingDetailView.as_view(), name="training-detail"),
    path("trainings/<int:pk>/attendees/", views_es.AttendeeAddView.as_view(), name="training-attendee-add"),
    path("certificates/", views_es.CertificateListView.as_view(), name="certificate-list"),
    path("certificates/new/", views_es.CertificateCreateView.as_view(), name="certificate-create"),
    path("insurance/", views_es.InsuranceListView.as_view(), name="insurance-list"),
    path("insurance/new/", views_es.InsuranceCreateView.as_view(), name="insurance-create"),
    path("benchmarks/", views_es.BenchmarkListView.as_view(), name="benchmark-list"),
    path("benchmarks/new/", views_es.BenchmarkCreateView.as_view(), name="benchmark-create"),
    path("benchmarks/incentives/new/", views_es.IncentiveAddView.as_view(), name="benchmark-incentive-add"),
    path("credit/", views_credit.CreditListView.as_view(), name="credit-list"),
    path("credit/<int:pk>/", views_credit.CreditRecordView.as_view(), name="credit-record"),
    path("credit/<int:pk>/notices/", views_credit.CreditNoticeCreateView.as_view(), name="credit-notice-create"),
]
