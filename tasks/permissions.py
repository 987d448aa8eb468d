"""Who may do what with measures and reports, on top of the scoping rule of core.scoping.

The owner unit writes (its head and staff), the lead unit reviews (its head), and measures are set up by
the county administrator or by the lead unit's people.
"""

from core.choices import Role
from core.scoping import holds_role, scope_for

WRITER_ROLES = {Role.TOWNSHIP_HEAD, Role.TOWNSHIP_STAFF, Role.DEPT_HEAD, Role.DEPT_STAFF}
REVIEWER_ROLES = {Role.DEPT_HEAD, Role.TOWNSHIP_HEAD}
MANAGER_ROLES = {Role.DEPT_HEAD, Role.DEPT_STAFF}


def may_manage_measures(user, lead_unit_id):
    return scope_for(user).changes_all or holds_role(user, lead_unit_id, MANAGER_ROLES)


def may_copy_plans(user):
    return scope_for(user).changes_all


def may_write_reports(user, measure):
    return holds_role(user, measure.owner_unit_id, WRITER_ROLES)


def may_review(user, measure):
    return holds_role(user, measure.lead_unit_id, REVIEWER_ROLES)


def reviewer_unit_ids(user):
    scope = scope_for(user)
    return [unit_id for unit_id, roles in scope.roles_by_unit.items() if roles & REVIEWER_ROLES]


def writer_unit_ids(user):
    scope = scope_for(user)
    return [unit_id for unit_id, roles in scope.roles_by_unit.items() if roles & WRITER_ROLES]
