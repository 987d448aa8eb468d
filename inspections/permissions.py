"""Who may write in inspections: the inspecting department's head and staff, and the county office.

Checklists (检查表) are the county office's (安委办) alone. Read-only roles never write (scope_for knows them).
"""

from core.choices import Role
from core.scoping import holds_role, scope_for

DEPARTMENT_ROLES = {Role.DEPT_HEAD, Role.DEPT_STAFF}


def may_edit_checklists(user):
    return scope_for(user).changes_all


def may_record_for(user, department):
    """Record an inspection (or act on one) for `department`: its own people, or the county office."""
    if department is None:
        return False
    return scope_for(user).changes_all or holds_role(user, department.pk, DEPARTMENT_ROLES)


def may_act_on(user, inspection):
    return may_record_for(user, inspection.department)


def recordable_departments(user):
    """The departments the person may record an inspection for (all of them for the county office)."""
    from core.choices import OrgUnitKind
    from core.models import OrgUnit

    departments = OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT, is_active=True).order_by("sort_order", "pk")
    scope = scope_for(user)
    if scope.changes_all:
        return departments
    own = [unit_id for unit_id, roles in scope.roles_by_unit.items() if roles & DEPARTMENT_ROLES]
    return departments.filter(pk__in=own)
