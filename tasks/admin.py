from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from tasks.models import (
    ExtensionRequest,
    KeyAction,
    KeyActionCoUnit,
    Measure,
    Milestone,
    Plan,
    ProgressReport,
    QuantitativeTarget,
    ReportEvidence,
    ReportTransition,
    System,
    TargetAllocation,
    WorkItem,
    WorkItemCoUnit,
)
from tasks.target_sources import source_choices


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "document_number", "issued_on"]


@admin.register(System)
class SystemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "order"]
    list_filter = ["plan"]


class WorkItemCoUnitInline(admin.TabularInline):
    model = WorkItemCoUnit
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(WorkItem)
class WorkItemAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "system", "lead_unit", "plan"]
    list_display_links = ["number", "title"]
    list_filter = ["plan", "system"]
    search_fields = ["title", "text"]
    autocomplete_fields = ["lead_unit"]
    inlines = [WorkItemCoUnitInline]


class KeyActionCoUnitInline(admin.TabularInline):
    model = KeyActionCoUnit
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(KeyAction)
class KeyActionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "lead_unit", "plan"]
    list_display_links = ["number", "title"]
    list_filter = ["plan"]
    search_fields = ["title", "text"]
    autocomplete_fields = ["lead_unit"]
    inlines = [KeyActionCoUnitInline]


class QuantitativeTargetForm(forms.ModelForm):
    data_source = forms.ChoiceField(label=_("数据来源"), required=False, choices=source_choices)

    class Meta:
        model = QuantitativeTarget
        fields = ["plan", "work_item", "number", "name", "value", "unit_of_measure", "source_text", "data_source"]


@admin.register(QuantitativeTarget)
class QuantitativeTargetAdmin(admin.ModelAdmin):
    form = QuantitativeTargetForm
    list_display = ["number", "name", "value", "unit_of_measure", "data_source", "plan"]
    list_filter = ["plan"]


@admin.register(WorkItemCoUnit)
class WorkItemCoUnitAdmin(admin.ModelAdmin):
    list_display = ["work_item", "unit"]
    list_filter = ["work_item__plan"]
    autocomplete_fields = ["unit"]


@admin.register(KeyActionCoUnit)
class KeyActionCoUnitAdmin(admin.ModelAdmin):
    list_display = ["key_action", "unit"]
    list_filter = ["key_action__plan"]
    autocomplete_fields = ["unit"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records whose changes must go through the workflow services (and their history): viewed here only."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["title", "owner_unit", "lead_unit", "start_date", "deadline", "plan"]
    list_filter = ["plan", "frequency", "owner_unit__kind"]
    search_fields = ["title", "owner_unit__name", "lead_unit__name"]
    autocomplete_fields = ["owner_unit", "lead_unit", "work_item", "key_action"]
    readonly_fields = ["deadline", "original_deadline", "created_by"]  # a deadline changes only by extension
    inlines = [MilestoneInline]

    def has_add_permission(self, request):
        return False  # measures are created through the page or the API (measure_create checks the rules)


@admin.register(TargetAllocation)
class TargetAllocationAdmin(ReadOnlyAdmin):
    list_display = ["target", "unit", "quantity"]
    list_filter = ["target"]


class ReportTransitionInline(admin.TabularInline):
    model = ReportTransition
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "at", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ["measure", "unit", "period_start", "status", "submitted_at", "reviewed_by"]
    list_filter = ["status", "unit__kind"]
    search_fields = ["measure__title", "unit__name"]
    inlines = [ReportTransitionInline]


@admin.register(ReportEvidence)
class ReportEvidenceAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "report", "content_type", "size", "uploaded_by", "uploaded_at"]


@admin.register(ReportTransition)
class ReportTransitionAdmin(ReadOnlyAdmin):
    list_display = ["report", "from_status", "to_status", "actor", "at"]
    list_filter = ["to_status"]


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(ReadOnlyAdmin):
    list_display = ["measure", "previous_deadline", "requested_deadline", "status", "requested_by", "decided_by"]
    list_filter = ["status"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["measure", "title", "due_date"]


# Campaigns and best-practice calls: written through tasks.campaign_services and tasks.practice_workflow.
from tasks.models import (  # noqa: E402
    ActivityEvidence,
    Campaign,
    CampaignActivity,
    CaseAttachment,
    CaseTransition,
    PracticeCall,
    PracticeCase,
    PracticeScore,
)


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "year", "organizer", "start_date", "end_date"]
    list_filter = ["kind", "year"]


@admin.register(CampaignActivity)
class CampaignActivityAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "unit", "held_on", "place", "participant_count"]


@admin.register(ActivityEvidence)
class ActivityEvidenceAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "activity", "content_type", "size", "uploaded_by", "uploaded_at"]


@admin.register(PracticeCall)
class PracticeCallAdmin(ReadOnlyAdmin):
    list_display = ["title", "year", "kind", "deadline", "status"]
    list_filter = ["status", "kind"]


@admin.register(PracticeCase)
class PracticeCaseAdmin(ReadOnlyAdmin):
    list_display = ["title", "call", "unit", "status", "award"]
    list_filter = ["status", "award"]


@admin.register(CaseAttachment)
class CaseAttachmentAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "case", "content_type", "size", "uploaded_by", "uploaded_at"]


@admin.register(PracticeScore)
class PracticeScoreAdmin(ReadOnlyAdmin):
    list_display = ["case", "reviewer", "score"]


@admin.register(CaseTransition)
class CaseTransitionAdmin(ReadOnlyAdmin):
    list_display = ["case", "from_status", "to_status", "actor", "at"]
    list_filter = ["to_status"]
