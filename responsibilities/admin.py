"""The responsibility records in the county administrator's admin: read-only, because every change goes through
the services (history of the four persons, the year rule of duties, the report workflow)."""

from django.contrib import admin

from responsibilities.capability_choices import FIVE
from responsibilities.models import (
    CapabilityAsset,
    Duty,
    DutyList,
    DutyReport,
    EnterpriseBoard,
    Leader,
    MajorRisk,
    ResponsiblePerson,
    SectorSupervision,
    TownshipCapability,
    VillageGrid,
)
from tasks.admin import ReadOnlyAdmin


@admin.register(Leader)
class LeaderAdmin(ReadOnlyAdmin):
    list_display = ["name", "post", "unit", "is_active"]


@admin.register(DutyList)
class DutyListAdmin(ReadOnlyAdmin):
    list_display = ["leader", "year", "kind"]
    list_filter = ["year", "kind"]


@admin.register(Duty)
class DutyAdmin(ReadOnlyAdmin):
    list_display = ["duty_list", "order", "text"]


@admin.register(SectorSupervision)
class SectorSupervisionAdmin(ReadOnlyAdmin):
    list_display = ["sector", "department"]


@admin.register(DutyReport)
class DutyReportAdmin(ReadOnlyAdmin):
    list_display = ["leader", "year", "half", "status"]
    list_filter = ["year", "half", "status"]


@admin.register(ResponsiblePerson)
class ResponsiblePersonAdmin(ReadOnlyAdmin):
    list_display = ["enterprise", "role", "name", "post", "since", "until"]
    list_filter = ["role"]
    search_fields = ["name", "enterprise__name"]


@admin.register(MajorRisk)
class MajorRiskAdmin(ReadOnlyAdmin):
    list_display = ["enterprise", "site", "level", "is_public"]
    list_filter = ["level", "is_public"]


@admin.register(EnterpriseBoard)
class EnterpriseBoardAdmin(ReadOnlyAdmin):
    list_display = ["enterprise"]


@admin.register(TownshipCapability)
class TownshipCapabilityAdmin(ReadOnlyAdmin):
    list_display = ["township", "year", *[f"{prefix}_level" for prefix, _label in FIVE]]
    list_filter = ["year"]


@admin.register(CapabilityAsset)
class CapabilityAssetAdmin(ReadOnlyAdmin):
    list_display = ["capability", "kind", "name", "quantity", "condition"]


@admin.register(VillageGrid)
class VillageGridAdmin(ReadOnlyAdmin):
    list_display = ["capability", "village", "grid_count", "worker_count"]
