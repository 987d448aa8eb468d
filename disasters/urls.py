from django.urls import path, re_path

from disasters import (
    ledger_views,
    relief_views,
    shelter_excel_views,
    shelter_views,
    station_views,
    supply_views,
    views,
    views_patrols,
    views_warnings,
)
from disasters import views_readiness as readiness
from disasters import views_readiness_plans as readiness_plans
from disasters.views_map import MapFeaturesView, MapView

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
    path("stations/", station_views.StationListView.as_view(), name="station-list"),
    path("stations/<int:pk>/", station_views.StationDetailView.as_view(), name="station-detail"),
    path("map/", MapView.as_view(), name="map"),
    path("map/features.geojson", MapFeaturesView.as_view(), name="map-features"),
    path("patrols/", views_patrols.PatrolListView.as_view(), name="patrol-list"),
    path("patrols/new/", views_patrols.PatrolCreateView.as_view(), name="patrol-create"),
    path("patrols/missing/", views_patrols.MissingPatrolsView.as_view(), name="patrols-missing"),
    path("patrols/<int:pk>/", views_patrols.PatrolDetailView.as_view(), name="patrol-detail"),
    path("patrols/evidence/<int:pk>/", views_patrols.PatrolEvidenceView.as_view(), name="patrol-evidence"),
    path(
        "risk-points/<int:point_pk>/patrols/new/",
        views_patrols.PatrolCreateView.as_view(),
        name="risk-point-patrol-create",
    ),
    path("flood-seasons/", views_patrols.FloodSeasonView.as_view(), name="flood-season"),
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
    path("risk-points/export/", ledger_views.RiskPointExportView.as_view(), name="risk-point-export"),
    path("risk-points/import/", ledger_views.LedgerImportView.as_view(), name="risk-point-import"),
    path("risk-points/import/template/", ledger_views.LedgerTemplateView.as_view(), name="risk-point-import-template"),
    re_path(
        r"^risk-points/import/(?P<token>[0-9a-f]{32})/$",
        ledger_views.LedgerImportPreviewView.as_view(),
        name="risk-point-import-preview",
    ),
    path("warnings/", views_warnings.WarningListView.as_view(), name="warning-list"),
    path("warnings/new/", views_warnings.WarningCreateView.as_view(), name="warning-create"),
    path("warnings/<int:pk>/", views_warnings.WarningDetailView.as_view(), name="warning-detail"),
    path("warnings/<int:pk>/lift/", views_warnings.WarningLiftView.as_view(), name="warning-lift"),
    path("warnings/<int:pk>/acknowledge/", views_warnings.WarningAcknowledgeView.as_view(), name="warning-acknowledge"),
    path("warnings/<int:pk>/respond/", views_warnings.WarningRespondView.as_view(), name="warning-respond"),
    path("shelters/", shelter_views.ShelterListView.as_view(), name="shelter-list"),
    path("shelters/new/", shelter_views.ShelterCreateView.as_view(), name="shelter-create"),
    path("shelters/villages/", shelter_views.ShelterVillageFieldsView.as_view(), name="shelter-villages"),
    path("shelters/coverage/", shelter_views.ShelterCoverageView.as_view(), name="shelter-coverage"),
    path("shelters/<int:pk>/", shelter_views.ShelterDetailView.as_view(), name="shelter-detail"),
    path("shelters/<int:pk>/edit/", shelter_views.ShelterEditView.as_view(), name="shelter-edit"),
    path("shelters/export/", shelter_excel_views.ShelterExportView.as_view(), name="shelter-export"),
    path("shelters/import/", shelter_excel_views.ShelterImportView.as_view(), name="shelter-import"),
    path(
        "shelters/import/template/", shelter_excel_views.ShelterTemplateView.as_view(), name="shelter-import-template"
    ),
    re_path(
        r"^shelters/import/(?P<token>[0-9a-f]{32})/$",
        shelter_excel_views.ShelterImportPreviewView.as_view(),
        name="shelter-import-preview",
    ),
    path("depots/", supply_views.DepotListView.as_view(), name="depot-list"),
    path("depots/new/", supply_views.DepotCreateView.as_view(), name="depot-create"),
    path("depots/<int:pk>/", supply_views.DepotDetailView.as_view(), name="depot-detail"),
    path("depots/<int:pk>/edit/", supply_views.DepotEditView.as_view(), name="depot-edit"),
    path("depots/<int:depot_pk>/items/new/", supply_views.SupplyItemCreateView.as_view(), name="supply-item-create"),
    path("supplies/", supply_views.SupplyItemListView.as_view(), name="supply-item-list"),
    path("supplies/low-stock/", supply_views.SupplyItemListView.as_view(low_stock_only=True), name="supply-low-stock"),
    path("supplies/<int:pk>/", supply_views.SupplyItemDetailView.as_view(), name="supply-item-detail"),
    path("supplies/<int:pk>/edit/", supply_views.SupplyItemEditView.as_view(), name="supply-item-edit"),
    # relief and reconstruction (救灾救助, item 18)
    path("relief/", relief_views.ReliefEventListView.as_view(), name="relief-event-list"),
    path("relief/new/", relief_views.ReliefEventCreateView.as_view(), name="relief-event-create"),
    path("relief/<int:pk>/", relief_views.ReliefEventDetailView.as_view(), name="relief-event-detail"),
    path(
        "relief/<int:pk>/households/new/",
        relief_views.ReliefHouseholdCreateView.as_view(),
        name="relief-household-create",
    ),
    path(
        "relief/<int:pk>/dispatches/new/",
        relief_views.ReliefDispatchCreateView.as_view(),
        name="relief-dispatch-create",
    ),
    path(
        "relief/households/<int:pk>/", relief_views.ReliefHouseholdDetailView.as_view(), name="relief-household-detail"
    ),
    path(
        "relief/households/<int:pk>/entitlements/new/",
        relief_views.ReliefEntitlementCreateView.as_view(),
        name="relief-entitlement-create",
    ),
    path(
        "relief/households/<int:pk>/payments/new/",
        relief_views.ReliefPaymentCreateView.as_view(),
        name="relief-payment-create",
    ),
    path(
        "relief/households/<int:pk>/reconstruction/",
        relief_views.ReliefReconstructionView.as_view(),
        name="relief-reconstruction",
    ),
]
