"""Who may record and change accident investigations: the county office (安委办/应急局管理员) everywhere, and the
head and staff of the lead department (牵头调查部门) for the cases it leads. Townships only read their own
township's cases; read-only roles never write."""

from core.choices import OrgUnitKind, Role
from core.scoping import holds_role, scope_for

LEAD_ROLES = {Role.DEPT_HEAD, Role.DEPT_STAFF}


def lead_departments(user):
    """The departments the person may open an investigation for; None means any (the county office)."""
    from core.models import OrgUnit

    scope = scope_for(user)
    if scope.changes_all:
        return None
    ids = [unit_id for unit_id, roles in scope.roles_by_unit.items() if roles & LEAD_ROLES]
    return list(OrgUnit.objects.filter(pk__in=ids, kind=OrgUnitKind.DEPARTMENT).order_by("sort_order", "pk"))


def may_open(user):
    return lead_departments(user) != []


def may_lead(user, department_id):
    return scope_for(user).changes_all or holds_role(user, department_id, LEAD_ROLES)


def may_change(user, investigation):
    return may_lead(user, investigation.lead_department_id)
