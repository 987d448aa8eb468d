"""Who may issue, lift, acknowledge and respond to warnings.

The county office (安委办/应急局管理员) issues warnings in the county's name; a department's head and staff
issue them in the department's name (气象局 暴雨, 规划自然资源局 地灾, 水利局 山洪, 林业局 森林火险 …). The
issuing unit or the county office lifts them. A township's head and staff acknowledge and respond for their own
township; the county office may do it on the township's behalf (recorded as such). Read-only roles never write.
"""

from core.choices import OrgUnitKind, Role
from core.scoping import holds_role, scope_for

ISSUER_ROLES = {Role.DEPT_HEAD, Role.DEPT_STAFF}
TOWNSHIP_ROLES = {Role.TOWNSHIP_HEAD, Role.TOWNSHIP_STAFF}


def issuing_units(user):
    """The units the person may issue a warning in the name of: the county first, then their departments."""
    from core.models import OrgUnit

    scope = scope_for(user)
    dept_ids = [unit_id for unit_id, roles in scope.roles_by_unit.items() if roles & ISSUER_ROLES]
    units = list(OrgUnit.objects.filter(pk__in=dept_ids, kind=OrgUnitKind.DEPARTMENT).order_by("sort_order", "pk"))
    if scope.changes_all:
        units = list(OrgUnit.objects.filter(kind=OrgUnitKind.COUNTY).order_by("pk")[:1]) + units
    return units


def may_issue(user):
    scope = scope_for(user)
    return scope.changes_all or any(roles & ISSUER_ROLES for roles in scope.roles_by_unit.values())


def may_lift(user, warning):
    return scope_for(user).changes_all or holds_role(user, warning.issuing_unit_id, ISSUER_ROLES)


def is_township_person(user, township_id):
    return holds_role(user, township_id, TOWNSHIP_ROLES)


def may_answer_for(user, township_id):
    """Acknowledge or record the response for this township."""
    return scope_for(user).changes_all or is_township_person(user, township_id)


def answers_for_some_township(user):
    scope = scope_for(user)
    return scope.changes_all or any(roles & TOWNSHIP_ROLES for roles in scope.roles_by_unit.values())
