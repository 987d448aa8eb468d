from django.contrib import admin

from hazards.models import (
    Checklist,
    ChecklistItem,
    EnterpriseChecklist,
    Hazard,
    HazardEvent,
    HazardEvidence,
    HazardNumber,
    ProblemList,
    PublicReport,
    PublicReportPhoto,
    SelfInspection,
    SelfInspectionFinding,
)
from tasks.admin import ReadOnlyAdmin


@admin.register(ProblemList)
class ProblemListAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]


class HazardEventInline(admin.TabularInline):
    model = HazardEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "from_status", "to_status", "step", "actor", "at", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Hazard)
class HazardAdmin(ReadOnlyAdmin):
    """Hazards change through the pages and the API (hazards.services / hazards.workflow), which keep events."""

    list_display = ["number", "title", "level", "status", "territory", "supervising_department", "deadline"]
    list_filter = ["status", "level", "source", "sector", "is_listed", "problem_list"]
    search_fields = ["number", "title", "enterprise__name"]
    inlines = [HazardEventInline]


@admin.register(HazardEvent)
class HazardEventAdmin(ReadOnlyAdmin):
    list_display = ["hazard", "kind", "from_status", "to_status", "step", "actor", "at"]
    list_filter = ["kind", "to_status", "step"]


@admin.register(HazardEvidence)
class HazardEvidenceAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "hazard", "stage", "content_type", "size", "uploaded_at"]


@admin.register(HazardNumber)
class HazardNumberAdmin(ReadOnlyAdmin):
    list_display = ["year", "last"]


class PublicReportPhotoInline(admin.TabularInline):
    model = PublicReportPhoto
    extra = 0
    can_delete = False
    readonly_fields = ["original_name", "content_type", "size", "uploaded_at"]
    fields = readonly_fields


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 1


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    list_display = ["name", "cadence", "sector", "is_active"]
    list_filter = ["cadence", "sector", "is_active"]
    search_fields = ["name"]
    inlines = [ChecklistItemInline]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["text", "checklist", "order"]
    list_filter = ["checklist"]
    search_fields = ["text"]


@admin.register(EnterpriseChecklist)
class EnterpriseChecklistAdmin(admin.ModelAdmin):
    """Who is expected to go through which checklist from which day; missed checks are reckoned from it."""

    list_display = ["enterprise", "checklist", "since"]
    list_filter = ["checklist", "enterprise__township"]
    search_fields = ["enterprise__name", "checklist__name"]
    autocomplete_fields = ["enterprise", "checklist"]
    list_select_related = ["enterprise", "checklist"]


class SelfInspectionFindingInline(admin.TabularInline):
    model = SelfInspectionFinding
    extra = 0
    can_delete = False
    readonly_fields = ["item", "description", "hazard"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PublicReport)
class PublicReportAdmin(ReadOnlyAdmin):
    """Triaged and rewarded through the pages and the API (hazards.public_reports), which record who and when."""

    list_display = ["receipt_code", "place", "township", "status", "hazard", "reward_status", "created_at"]
    list_filter = ["status", "reward_status", "township"]
    search_fields = ["receipt_code", "description", "place"]
    inlines = [PublicReportPhotoInline]


@admin.register(PublicReportPhoto)
class PublicReportPhotoAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "report", "content_type", "size", "uploaded_at"]


@admin.register(SelfInspection)
class SelfInspectionAdmin(ReadOnlyAdmin):
    """Recorded through the pages and the API (hazards.self_inspection), which open the hazards."""

    list_display = ["enterprise", "checklist", "period_start", "performed_on", "performed_by", "result"]
    list_filter = ["cadence", "result", "checklist"]
    search_fields = ["enterprise__name"]
    date_hierarchy = "performed_on"
    inlines = [SelfInspectionFindingInline]


@admin.register(SelfInspectionFinding)
class SelfInspectionFindingAdmin(ReadOnlyAdmin):
    list_display = ["description", "inspection", "item", "hazard"]
