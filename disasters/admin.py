from django.contrib import admin

from disasters.models import RiskPoint, RiskZone
from tasks.admin import ReadOnlyAdmin


@admin.register(RiskPoint)
class RiskPointAdmin(ReadOnlyAdmin):
    """Risk points change through the pages, the API and the ledger import (disasters.services), which keep the
    dates the targets count and check the county's box."""

    list_display = ["code", "name", "kind", "township", "state", "has_monitoring", "monitoring_installed_on"]
    list_filter = ["kind", "state", "has_monitoring", "township"]
    search_fields = ["code", "name"]


@admin.register(RiskZone)
class RiskZoneAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "township", "level"]
    list_filter = ["level", "township"]
    search_fields = ["code", "name"]
