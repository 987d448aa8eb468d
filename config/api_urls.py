from django.urls import path
from rest_framework.routers import DefaultRouter

from core.api.views import EnterpriseViewSet, OrgUnitViewSet
from disasters.api.patrols import FloodSeasonViewSet, PatrolViewSet
from disasters.api.readiness import DrillViewSet, EmergencyPlanViewSet, RescueTeamViewSet
from disasters.api.shelters import ShelterViewSet
from disasters.api.stations import MonitoringStationViewSet
from disasters.api.supplies import DepotViewSet, SupplyItemViewSet
from disasters.api.views import RiskPointViewSet, RiskZoneViewSet
from disasters.api.warnings import WarningViewSet
from hazards.api.inspection_views import SelfInspectionViewSet
from hazards.api.public_views import PublicReportViewSet
from hazards.api.views import HazardViewSet
from inspections.api.investigations import InvestigationViewSet
from inspections.api.penalties import PenaltyViewSet
from inspections.api.plans import InspectionPlanViewSet
from inspections.api.stats import EnforcementStatsView
from inspections.api.views import ChecklistViewSet, InspectionViewSet
from integrations.api.views import WebhookDeliveryViewSet
from notifications.api.views import NotificationViewSet
from responsibilities.api.boards import MajorRiskViewSet, ResponsiblePersonsView
from responsibilities.api.capability import TownshipCapabilityViewSet
from responsibilities.api.duties import DutyListViewSet, DutyReportViewSet
from tasks.api.views import KeyActionViewSet, PlanViewSet, QuantitativeTargetViewSet, SystemViewSet, WorkItemViewSet
from tasks.api.work_views import ExtensionRequestViewSet, MeasureViewSet, ProgressReportViewSet

router = DefaultRouter()
router.register("org-units", OrgUnitViewSet, basename="org-unit")
router.register("enterprises", EnterpriseViewSet, basename="enterprise")
router.register("plans", PlanViewSet, basename="plan")
router.register("systems", SystemViewSet, basename="system")
router.register("work-items", WorkItemViewSet, basename="work-item")
router.register("key-actions", KeyActionViewSet, basename="key-action")
router.register("targets", QuantitativeTargetViewSet, basename="target")
router.register("measures", MeasureViewSet, basename="measure")
router.register("progress-reports", ProgressReportViewSet, basename="progress-report")
router.register("extension-requests", ExtensionRequestViewSet, basename="extension-request")
router.register("hazards", HazardViewSet, basename="hazard")
router.register("public-reports", PublicReportViewSet, basename="public-report")
router.register("self-inspections", SelfInspectionViewSet, basename="self-inspection")
router.register("risk-points", RiskPointViewSet, basename="risk-point")
router.register("risk-zones", RiskZoneViewSet, basename="risk-zone")
router.register("monitoring-stations", MonitoringStationViewSet, basename="monitoring-station")
router.register("patrols", PatrolViewSet, basename="patrol")
router.register("flood-seasons", FloodSeasonViewSet, basename="flood-season")
router.register("rescue-teams", RescueTeamViewSet, basename="rescue-team")
router.register("emergency-plans", EmergencyPlanViewSet, basename="emergency-plan")
router.register("drills", DrillViewSet, basename="drill")
router.register("warnings", WarningViewSet, basename="warning")
router.register("shelters", ShelterViewSet, basename="shelter")
router.register("depots", DepotViewSet, basename="depot")
router.register("supplies", SupplyItemViewSet, basename="supply-item")
router.register("investigations", InvestigationViewSet, basename="investigation")
router.register("inspections", InspectionViewSet, basename="inspection")
router.register("checklists", ChecklistViewSet, basename="checklist")
router.register("inspection-plans", InspectionPlanViewSet, basename="inspection-plan")

router.register("notifications", NotificationViewSet, basename="notification")
router.register("penalties", PenaltyViewSet, basename="penalty")
router.register("major-risks", MajorRiskViewSet, basename="major-risk")
router.register("duty-lists", DutyListViewSet, basename="duty-list")
router.register("duty-reports", DutyReportViewSet, basename="duty-report")
router.register("township-capabilities", TownshipCapabilityViewSet, basename="township-capability")
router.register("webhook-deliveries", WebhookDeliveryViewSet, basename="webhook-delivery")

from inspections.api.credit import CreditRecordViewSet, InsurancePolicyViewSet, TrainingViewSet  # noqa: E402

router.register("trainings", TrainingViewSet, basename="training")
router.register("insurance-policies", InsurancePolicyViewSet, basename="insurance-policy")
router.register("credit-records", CreditRecordViewSet, basename="credit-record")

from tasks.api.campaigns import CampaignViewSet  # noqa: E402
from tasks.api.practice import PracticeCaseViewSet  # noqa: E402

router.register("campaigns", CampaignViewSet, basename="campaign")
router.register("practice-cases", PracticeCaseViewSet, basename="practice-case")

from disasters.api.relief import (  # noqa: E402
    DisasterEventViewSet,
    HouseReconstructionViewSet,
    ReliefHouseholdViewSet,
    ReliefPaymentViewSet,
)

router.register("disaster-events", DisasterEventViewSet, basename="disaster-event")
router.register("relief-households", ReliefHouseholdViewSet, basename="relief-household")
router.register("relief-payments", ReliefPaymentViewSet, basename="relief-payment")
router.register("house-reconstructions", HouseReconstructionViewSet, basename="house-reconstruction")

urlpatterns = router.urls
urlpatterns.append(path("stats/enforcement/", EnforcementStatsView.as_view(), name="stats-enforcement"))
urlpatterns.append(
    path("enterprises/<int:pk>/responsible-persons/", ResponsiblePersonsView.as_view(), name="responsible-persons")
)

from dashboards.api.summary import SummaryView, TrendView  # noqa: E402

urlpatterns.append(path("dashboard/summary/", SummaryView.as_view(), name="dashboard-summary"))
urlpatterns.append(path("dashboard/trend/", TrendView.as_view(), name="dashboard-trend"))

from dashboards.api.ranking import RankingView as DashboardRankingView  # noqa: E402

urlpatterns.append(path("dashboard/ranking/", DashboardRankingView.as_view(), name="dashboard-ranking"))
