from django.contrib import admin

from inspections.models import ChecklistItem, ChecklistTemplate, Finding, Inspection, InspectionEvent
from tasks.admin import ReadOnlyAdmin


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0
    can_delete = False
    readonly_fields = ["order", "text", "legal_basis"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(ReadOnlyAdmin):
    """Checklists are edited on their page (inspections.services), which keeps a used version unchanged."""

    list_display = ["name", "sector", "version", "is_current"]
    list_filter = ["sector", "is_current"]
    inlines = [ChecklistItemInline]


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    can_delete = False
    readonly_fields = ["description", "legal_basis", "deadline", "hazard"]

    def has_add_permission(self, request, obj=None):
        return False


class InspectionEventInline(admin.TabularInline):
    model = InspectionEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "from_status", "to_status", "actor", "at", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    """Inspections change through the pages and the API (inspections.services / workflow), which keep events."""

    list_display = ["number", "kind", "department", "enterprise", "township", "inspected_on", "status"]
    list_filter = ["kind", "status", "department"]
    search_fields = ["number", "enterprise__name", "place"]
    inlines = [FindingInline, InspectionEventInline]
