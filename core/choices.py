from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgUnitKind(models.TextChoices):
    COUNTY = "county", _("县")
    TOWNSHIP = "township", _("乡镇/街道")
    VILLAGE = "village", _("村/社区")
    GRID = "grid", _("网格")
    DEPARTMENT = "department", _("县级部门")


# Which kind of unit may sit under which ("三级体系、四级网络", departments beside the townships).
ALLOWED_PARENT_KINDS = {
    OrgUnitKind.COUNTY: set(),
    OrgUnitKind.TOWNSHIP: {OrgUnitKind.COUNTY},
    OrgUnitKind.DEPARTMENT: {OrgUnitKind.COUNTY},
    OrgUnitKind.VILLAGE: {OrgUnitKind.TOWNSHIP},
    OrgUnitKind.GRID: {OrgUnitKind.VILLAGE, OrgUnitKind.TOWNSHIP},
}


class Role(models.TextChoices):
    COUNTY_LEADER = "county_leader", _("县领导")
    COUNTY_ADMIN = "county_admin", _("安委办/应急局管理员")
    DEPT_HEAD = "dept_head", _("部门负责人")
    DEPT_STAFF = "dept_staff", _("部门工作人员")
    TOWNSHIP_HEAD = "township_head", _("乡镇（街道）负责人")
    TOWNSHIP_STAFF = "township_staff", _("乡镇（街道）工作人员")
    GRID_MEMBER = "grid_member", _("网格员")
    AUDITOR = "auditor", _("审计（只读）")
    API_CLIENT = "api_client", _("外部系统")


ROLE_UNIT_KINDS = {
    Role.COUNTY_LEADER: {OrgUnitKind.COUNTY},
    Role.COUNTY_ADMIN: {OrgUnitKind.COUNTY},
    Role.AUDITOR: {OrgUnitKind.COUNTY},
    # An external system reads the whole county, or one department's or township's records (core.scoping).
    Role.API_CLIENT: {OrgUnitKind.COUNTY, OrgUnitKind.DEPARTMENT, OrgUnitKind.TOWNSHIP},
    Role.DEPT_HEAD: {OrgUnitKind.DEPARTMENT},
    Role.DEPT_STAFF: {OrgUnitKind.DEPARTMENT},
    Role.TOWNSHIP_HEAD: {OrgUnitKind.TOWNSHIP},
    Role.TOWNSHIP_STAFF: {OrgUnitKind.TOWNSHIP},
    Role.GRID_MEMBER: {OrgUnitKind.GRID, OrgUnitKind.VILLAGE},
}

# Roles that see every record of the county (an API client only when it is placed at the county itself);
# of them only the administrator changes anything.
COUNTY_WIDE_ROLES = {Role.COUNTY_LEADER, Role.COUNTY_ADMIN, Role.AUDITOR, Role.API_CLIENT}
READ_ONLY_ROLES = {Role.COUNTY_LEADER, Role.AUDITOR, Role.API_CLIENT}


class Sector(models.TextChoices):
    ROAD_TRAFFIC = "road_traffic", _("道路交通")
    CONSTRUCTION = "construction", _("建设施工")
    FIRE = "fire", _("消防")
    HAZARDOUS_CHEMICALS = "hazardous_chemicals", _("危险化学品")
    GAS = "gas", _("燃气")
    DANGEROUS_WORK = "dangerous_work", _("危险作业")
    SMALL_WORKS = "small_works", _("小散工程和零星作业")
    SPECIAL_EQUIPMENT = "special_equipment", _("特种设备")
    MINING = "mining", _("矿山")
    INDUSTRY_TRADE = "industry_trade", _("工贸")
    NATURAL_DISASTER = "natural_disaster", _("自然灾害")
    OTHER = "other", _("其他")


class EnterpriseScale(models.TextChoices):
    ABOVE_DESIGNATED = "above", _("规模以上")
    BELOW_DESIGNATED = "below", _("规模以下")
    SMALL_MICRO = "small_micro", _("小微企业")
