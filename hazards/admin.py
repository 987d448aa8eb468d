from django.contrib import admin

from hazards.models import (
    Hazard,
    HazardEvent,
    HazardEvidence,
    HazardNumber,
    ProblemList,
    PublicReport,
    PublicReportPhoto,
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
