"""Who keeps the readiness registers: the county office everywhere; a department's head and staff for the
department's teams, plans and drills; a township's head and staff for the township's."""

from core.choices import Role
from core.scoping import holds_role, scope_for

UNIT_ROLES = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.TOWNSHIP_HEAD, Role.TOWNSHIP_STAFF}


def may_change_unit(user, unit):
    if unit is None:
        return False
    return scope_for(user).changes_all or holds_role(user, unit.pk, UNIT_ROLES)


def may_register(user):
    """Whether the person may file anything here at all (the "new" buttons)."""
    scope = scope_for(user)
    return scope.changes_all or any(roles & UNIT_ROLES for roles in scope.roles_by_unit.values())


def may_change_team(user, team):
    return may_change_unit(user, team.owner_unit)


def may_change_plan(user, plan):
    return may_change_unit(user, plan.owner_unit)


def may_change_drill(user, drill):
    return may_change_unit(user, drill.organiser)
