"""The disasters records in the county administrator's admin: read-only, because every change goes through
disasters' services (the county box, the dates the targets count, stock that never goes negative, the 叫应
ledger), which the admin would bypass."""

from django.contrib import admin

from disasters.models import (
    Depot,
    DisasterEvent,
    Drill,
    DrillEvidence,
    EmergencyPlan,
    FloodSeason,
    HouseReconstruction,
    MonitoringStation,
    Patrol,
    PatrolEvidence,
    ReconstructionStep,
    ReliefDispatch,
    ReliefEntitlement,
    ReliefHousehold,
    ReliefPayment,
    RescueTeam,
    RiskPoint,
    RiskZone,
    Shelter,
    ShelterCoverage,
    StationReading,
    StockMovement,
    SupplyItem,
    TeamEquipment,
    TeamMember,
    Warning,
    WarningAcknowledgement,
    WarningNumber,
    WarningResponse,
)
from tasks.admin import ReadOnlyAdmin


@admin.register(RiskPoint)
class RiskPointAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "township", "state", "has_monitoring", "monitoring_installed_on"]
    list_filter = ["kind", "state", "has_monitoring", "township"]
    search_fields = ["code", "name"]


@admin.register(RiskZone)
class RiskZoneAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "township", "level"]
    list_filter = ["level", "township"]
    search_fields = ["code", "name"]


@admin.register(MonitoringStation)
class MonitoringStationAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "township", "state", "last_reading_at", "is_active"]
    list_filter = ["kind", "state", "is_active", "township"]
    search_fields = ["code", "name", "external_id"]


@admin.register(StationReading)
class StationReadingAdmin(ReadOnlyAdmin):
    list_display = ["station", "measured_at", "value", "unit", "state", "received_at"]
    list_select_related = ["station"]
    search_fields = ["station__code"]


@admin.register(FloodSeason)
class FloodSeasonAdmin(ReadOnlyAdmin):
    list_display = ["year", "starts_on", "ends_on"]


@admin.register(Patrol)
class PatrolAdmin(ReadOnlyAdmin):
    list_display = ["risk_point", "kind", "patrolled_at", "situation", "hazard"]
    list_filter = ["kind", "situation"]
    list_select_related = ["risk_point", "hazard"]


class AcknowledgementInline(admin.TabularInline):
    model = WarningAcknowledgement
    extra = 0
    can_delete = False
    fields = ["township", "due_at", "acknowledged_at", "acknowledged_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Warning)
class WarningAdmin(ReadOnlyAdmin):
    list_display = ["number", "type", "level", "issued_at", "lifted_at"]
    list_filter = ["type", "level"]
    search_fields = ["number", "text"]
    inlines = [AcknowledgementInline]


@admin.register(WarningResponse)
class WarningResponseAdmin(ReadOnlyAdmin):
    list_display = ["warning", "township", "village", "people_moved"]


@admin.register(Shelter)
class ShelterAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "township", "capacity", "is_active"]
    list_filter = ["is_active", "township"]
    search_fields = ["code", "name"]


@admin.register(Depot)
class DepotAdmin(ReadOnlyAdmin):
    list_display = ["name", "owner_unit"]


@admin.register(SupplyItem)
class SupplyItemAdmin(ReadOnlyAdmin):
    list_display = ["name", "depot", "quantity", "low_stock_line"]
    list_filter = ["depot"]


@admin.register(StockMovement)
class StockMovementAdmin(ReadOnlyAdmin):
    list_display = ["item", "kind", "quantity", "balance", "at"]


@admin.register(RescueTeam)
class RescueTeamAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "owner_unit", "is_active"]
    list_filter = ["kind", "is_active"]


@admin.register(EmergencyPlan)
class EmergencyPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "level", "owner_unit", "next_revision_due", "is_current"]


@admin.register(Drill)
class DrillAdmin(ReadOnlyAdmin):
    list_display = ["title", "held_on", "kind", "organiser"]


@admin.register(WarningAcknowledgement)
class WarningAcknowledgementAdmin(ReadOnlyAdmin):
    list_display = ["warning", "township", "due_at", "acknowledged_at", "acknowledged_by"]


@admin.register(WarningNumber)
class WarningNumberAdmin(ReadOnlyAdmin):
    list_display = ["year", "last"]


@admin.register(ShelterCoverage)
class ShelterCoverageAdmin(ReadOnlyAdmin):
    list_display = ["shelter", "village"]


@admin.register(TeamMember)
class TeamMemberAdmin(ReadOnlyAdmin):
    list_display = ["name", "team", "post", "joined_on", "left_on"]


@admin.register(TeamEquipment)
class TeamEquipmentAdmin(ReadOnlyAdmin):
    list_display = ["name", "team", "quantity"]


@admin.register(PatrolEvidence)
@admin.register(DrillEvidence)
class EvidenceAdmin(ReadOnlyAdmin):
    """Files are served by the record's page to those who may see it; here only their names are listed."""

    list_display = ["original_name", "content_type", "size", "uploaded_at"]


# 救灾救助 (item 18). The household's ciphertexts are not listed; the admin shows the masked numbers only.
@admin.register(DisasterEvent)
class DisasterEventAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "started_on", "ended_on"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(ReliefHousehold)
class ReliefHouseholdAdmin(ReadOnlyAdmin):
    list_display = ["head_name", "event", "village", "member_count", "id_number_masked", "bank_card_masked"]
    list_select_related = ["event", "village"]
    exclude = ["id_number_encrypted", "bank_card_encrypted", "id_number_digest"]
    search_fields = ["head_name"]


@admin.register(ReliefEntitlement)
class ReliefEntitlementAdmin(ReadOnlyAdmin):
    list_display = ["household", "kind", "period", "amount"]
    list_filter = ["kind"]


@admin.register(ReliefPayment)
class ReliefPaymentAdmin(ReadOnlyAdmin):
    list_display = ["household", "kind", "period", "amount", "paid_on", "transfer_reference", "reason"]
    list_filter = ["kind"]
    search_fields = ["transfer_reference"]


@admin.register(HouseReconstruction)
class HouseReconstructionAdmin(ReadOnlyAdmin):
    list_display = ["household", "damage", "plan", "stage", "started_on", "completed_on"]
    list_filter = ["damage", "plan", "stage"]


@admin.register(ReconstructionStep)
class ReconstructionStepAdmin(ReadOnlyAdmin):
    list_display = ["reconstruction", "from_stage", "to_stage", "on", "actor", "at"]


@admin.register(ReliefDispatch)
class ReliefDispatchAdmin(ReadOnlyAdmin):
    list_display = ["event", "village", "item", "quantity", "dispatched_on", "actor"]
    list_select_related = ["event", "village", "item"]
