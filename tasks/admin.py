from django.contrib import admin

from tasks.models import KeyAction, KeyActionCoUnit, Plan, QuantitativeTarget, System, WorkItem, WorkItemCoUnit


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


@admin.register(QuantitativeTarget)
class QuantitativeTargetAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "value", "unit_of_measure", "plan"]
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
