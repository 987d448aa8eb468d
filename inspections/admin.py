from django.contrib import admin

from inspections.models import (
    ChecklistItem,
    ChecklistTemplate,
    Finding,
    Inspection,
    InspectionAnswer,
    InspectionEvent,
    InspectionNumber,
    InspectionPlan,
    Investigation,
    InvestigationNumber,
    InvestigationResponsibility,
    Penalty,
    PlannedVisit,
)
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


# The rest, listed read-only: every change goes through the services, which check the rules and keep events.
@admin.register(ChecklistItem)
class ChecklistItemAdmin(ReadOnlyAdmin):
    list_display = ["template", "order", "text"]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ["inspection", "description", "deadline", "hazard"]


@admin.register(InspectionAnswer)
class InspectionAnswerAdmin(ReadOnlyAdmin):
    list_display = ["inspection", "order", "text", "value"]


@admin.register(InspectionEvent)
class InspectionEventAdmin(ReadOnlyAdmin):
    list_display = ["inspection", "kind", "actor", "at"]


@admin.register(InspectionNumber, InvestigationNumber)
class NumberAdmin(ReadOnlyAdmin):
    list_display = ["year", "last"]


@admin.register(Penalty)
class PenaltyAdmin(ReadOnlyAdmin):
    list_display = ["decision_number", "party_kind", "enterprise", "person_name", "amount", "decided_on", "department"]
    list_filter = ["party_kind", "referred_to_justice", "department"]
    search_fields = ["decision_number", "case_number"]


@admin.register(InspectionPlan)
class InspectionPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "department", "planned_count"]


@admin.register(PlannedVisit)
class PlannedVisitAdmin(ReadOnlyAdmin):
    list_display = ["plan", "enterprise", "planned_on"]


@admin.register(Investigation)
class InvestigationAdmin(ReadOnlyAdmin):
    list_display = ["number", "case_name", "level", "status"]


@admin.register(InvestigationResponsibility)
class InvestigationResponsibilityAdmin(ReadOnlyAdmin):
    list_display = ["investigation", "name", "handled"]


# Enterprise services and safety credit: written on their pages through the services, read here.
from inspections.models import (  # noqa: E402
    BenchmarkEnterprise,
    CreditNotice,
    Incentive,
    InsurancePolicy,
    SafetyCertificate,
    Training,
    TrainingAttendee,
)


@admin.register(Training)
class TrainingAdmin(ReadOnlyAdmin):
    list_display = ["title", "organizer", "starts_on", "ends_on"]


@admin.register(TrainingAttendee)
class TrainingAttendeeAdmin(ReadOnlyAdmin):
    list_display = ["person_name", "role", "enterprise", "training", "passed"]


@admin.register(SafetyCertificate)
class SafetyCertificateAdmin(ReadOnlyAdmin):
    list_display = ["number", "holder_name", "enterprise", "expires_on"]


@admin.register(InsurancePolicy)
class InsurancePolicyAdmin(ReadOnlyAdmin):
    list_display = ["policy_number", "enterprise", "insurer", "ends_on"]


@admin.register(BenchmarkEnterprise)
class BenchmarkEnterpriseAdmin(ReadOnlyAdmin):
    list_display = ["year", "enterprise"]


@admin.register(Incentive)
class IncentiveAdmin(ReadOnlyAdmin):
    list_display = ["benchmark", "kind", "amount", "granted_on"]


@admin.register(CreditNotice)
class CreditNoticeAdmin(ReadOnlyAdmin):
    list_display = ["enterprise", "kind", "issued_on", "issued_by"]
