from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.admin import ImportExportModelAdmin

from core.models import Enterprise, EnterpriseAlias, EnterpriseMerge, Membership, OrgUnit, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "phone", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "phone"]
    fieldsets = DjangoUserAdmin.fieldsets + ((_("联系方式"), {"fields": ["full_name", "phone"]}),)
    inlines = [MembershipInline]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "is_demo", "is_active"]
    list_filter = ["kind", "is_demo", "is_active"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent"]
    ordering = ["path"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role", "unit__kind"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]


class EnterpriseAliasInline(admin.TabularInline):
    model = EnterpriseAlias
    extra = 0


class EnterpriseResource(resources.ModelResource):
    """Import and export by 统一社会信用代码; units are named, not numbered."""

    township = fields.Field(
        attribute="township", column_name="township", widget=widgets.ForeignKeyWidget(OrgUnit, "name")
    )
    supervising_department = fields.Field(
        attribute="supervising_department",
        column_name="supervising_department",
        widget=widgets.ForeignKeyWidget(OrgUnit, "name"),
    )

    class Meta:
        model = Enterprise
        import_id_fields = ["credit_code"]
        fields = ["name", "credit_code", "sector", "scale", "township", "supervising_department", "address"]
        clean_model_instances = True
        use_transactions = True


@admin.register(Enterprise)
class EnterpriseAdmin(ImportExportModelAdmin):
    resource_classes = [EnterpriseResource]
    list_display = ["name", "credit_code", "sector", "township", "supervising_department", "is_demo"]
    list_filter = ["sector", "scale", "is_demo", "township"]
    search_fields = ["name", "credit_code", "aliases__name"]
    autocomplete_fields = ["township", "supervising_department"]
    inlines = [EnterpriseAliasInline]


@admin.register(EnterpriseAlias)
class EnterpriseAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "enterprise"]
    search_fields = ["name", "enterprise__name"]
    autocomplete_fields = ["enterprise"]


@admin.register(EnterpriseMerge)
class EnterpriseMergeAdmin(admin.ModelAdmin):
    """一企多牌 merges, read-only: they are made on the enterprise page (or the API) through enterprise_merge."""

    list_display = ["at", "keep", "merged_names", "actor"]
    list_select_related = ["keep", "actor"]
    search_fields = ["keep__name", "note"]
    date_hierarchy = "at"
    readonly_fields = ["keep", "duplicates", "moved", "actor", "at", "note"]

    @admin.display(description=_("被合并的单位"))
    def merged_names(self, obj):
        return "、".join(obj.duplicate_names)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


from core.models_idempotency import IdempotencyKey  # noqa: E402


@admin.register(IdempotencyKey)
class IdempotencyKeyAdmin(admin.ModelAdmin):
    """Read-only: written by the create it guards (core.idempotency); a row decides that a replay creates nothing."""

    list_display = ["created_at", "user", "kind", "key", "content_type", "object_id"]
    list_filter = ["kind"]
    search_fields = ["key", "user__username"]
    date_hierarchy = "created_at"
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
