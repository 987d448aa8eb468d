from django.urls import path

from core.views import AppIndexView
from disasters import views_readiness as readiness
from disasters import views_readiness_plans as readiness_plans

app_name = "disasters"
urlpatterns = [
    path("", AppIndexView.as_view(app_label="disasters"), name="index"),
    path("risk-points/", AppIndexView.as_view(app_label="disasters"), name="risk-point-list"),
    # readiness: rescue teams (专常群), emergency plans (预案), drills (演练)
    path("rescue-teams/", readiness.RescueTeamListView.as_view(), name="rescue-team-list"),
    path("rescue-teams/new/", readiness.RescueTeamCreateView.as_view(), name="rescue-team-create"),
    path("rescue-teams/<int:pk>/", readiness.RescueTeamDetailView.as_view(), name="rescue-team-detail"),
    path("rescue-teams/<int:pk>/edit/", readiness.RescueTeamEditView.as_view(), name="rescue-team-edit"),
    path("rescue-teams/<int:pk>/members/new/", readiness.TeamMemberAddView.as_view(), name="rescue-team-member-add"),
    path(
        "rescue-teams/members/<int:pk>/leave/", readiness.TeamMemberLeaveView.as_view(), name="rescue-team-member-leave"
    ),
    path(
        "rescue-teams/<int:pk>/equipment/new/",
        readiness.TeamEquipmentAddView.as_view(),
        name="rescue-team-equipment-add",
    ),
    path(
        "rescue-teams/equipment/<int:pk>/edit/",
        readiness.TeamEquipmentEditView.as_view(),
        name="rescue-team-equipment-edit",
    ),
    path("emergency-plans/", readiness_plans.EmergencyPlanListView.as_view(), name="emergency-plan-list"),
    path("emergency-plans/new/", readiness_plans.EmergencyPlanCreateView.as_view(), name="emergency-plan-create"),
    path("emergency-plans/<int:pk>/", readiness_plans.EmergencyPlanDetailView.as_view(), name="emergency-plan-detail"),
    path("emergency-plans/<int:pk>/edit/", readiness_plans.EmergencyPlanEditView.as_view(), name="emergency-plan-edit"),
    path("emergency-plans/<int:pk>/file/", readiness_plans.EmergencyPlanFileView.as_view(), name="emergency-plan-file"),
    path("drills/", readiness_plans.DrillListView.as_view(), name="drill-list"),
    path("drills/new/", readiness_plans.DrillCreateView.as_view(), name="drill-create"),
    path("drills/<int:pk>/", readiness_plans.DrillDetailView.as_view(), name="drill-detail"),
    path("drills/<int:pk>/edit/", readiness_plans.DrillEditView.as_view(), name="drill-edit"),
    path("drills/evidence/<int:pk>/", readiness_plans.DrillEvidenceView.as_view(), name="drill-evidence"),
]
