from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(AdminSite):
    """The Django admin lists every unit's records unscoped, so only the county administrator enters it,
    whatever `is_staff` says."""

    site_header = _("垫江县安全生产与自然灾害防治工作平台")
    site_title = _("工作平台管理")
    index_title = _("后台管理")

    def has_permission(self, request):
        from core.scoping import scope_for

        return super().has_permission(request) and scope_for(request.user).changes_all


class PortalAdminConfig(AdminConfig):
    default_site = "config.admin.PortalAdminSite"
