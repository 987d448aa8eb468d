"""Who may move a hazard: the territorial unit rectifies; the supervising department or the county office
assigns, verifies and closes."""

from core.choices import Role
from core.scoping import holds_role, holds_role_over, scope_for

TERRITORY_ROLES = {Role.TOWNSHIP_HEAD, Role.TOWNSHIP_STAFF, Role.GRID_MEMBER}
SUPERVISOR_ROLES = {Role.DEPT_HEAD, Role.DEPT_STAFF}


def is_territory(user, hazard):
    return holds_role_over(user, hazard.territory, TERRITORY_ROLES)


def is_supervisor(user, hazard):
    if scope_for(user).changes_all:
        return True
    return bool(hazard.supervising_department_id) and holds_role(
        user, hazard.supervising_department_id, SUPERVISOR_ROLES
    )


def may_register(user, territory, supervising_department):
    """Register a hazard: its territorial unit, its supervising department, or the county office."""
    if scope_for(user).changes_all or holds_role_over(user, territory, TERRITORY_ROLES):
        return True
    return supervising_department is not None and holds_role(user, supervising_department.pk, SUPERVISOR_ROLES)


def may_edit(user, hazard):
    return is_territory(user, hazard) or is_supervisor(user, hazard)


TRIAGE_ROLES = {Role.TOWNSHIP_HEAD, Role.TOWNSHIP_STAFF}


def may_triage_public_report(user, report):
    """群众举报 are accepted or turned down by the chosen township's head or staff, or by the county office."""
    if scope_for(user).changes_all:
        return True
    return report.township_id is not None and holds_role(user, report.township_id, TRIAGE_ROLES)


def may_set_reward(user):
    """举报奖励 is decided by the county office."""
    return scope_for(user).changes_all


def may_record_self_inspection(user, enterprise):
    """Enterprises have no accounts yet: the people who may register its hazards record its checks for it."""
    return may_register(user, enterprise.township, enterprise.supervising_department)


def may_list_for_supervision(user):
    """挂牌督办 is the county office's act (安委办)."""
    return scope_for(user).changes_all
