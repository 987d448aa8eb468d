"""Who keeps a department's inspection plans: its head and staff, and the county office everywhere."""

from core.choices import Role
from core.scoping import holds_role, scope_for

PLAN_ROLES = {Role.DEPT_HEAD, Role.DEPT_STAFF}


def may_plan_for(user, department):
    if department is None:
        return False
    return scope_for(user).changes_all or holds_role(user, department.pk, PLAN_ROLES)


def may_make_plans(user):
    """Whether the person may make any plan at all (the "new" button)."""
    scope = scope_for(user)
    return scope.changes_all or any(roles & PLAN_ROLES for roles in scope.roles_by_unit.values())


def may_change_plan(user, plan):
    return may_plan_for(user, plan.department)
