"""Who may register and change the records of natural-disaster risk: the township the record lies in, the
department that supervises it, or the county office. Read-only roles hold none of these roles."""

from core.choices import Role
from core.scoping import holds_role, holds_role_over, scope_for

TOWNSHIP_ROLES = {Role.TOWNSHIP_HEAD, Role.TOWNSHIP_STAFF}
FIELD_ROLES = {*TOWNSHIP_ROLES, Role.GRID_MEMBER}
DEPARTMENT_ROLES = {Role.DEPT_HEAD, Role.DEPT_STAFF}


def may_keep_point(user, township, supervising_department=None):
    """Register or change a risk point (or zone) of `township`."""
    if scope_for(user).changes_all:
        return True
    if township is not None and holds_role_over(user, township, TOWNSHIP_ROLES):
        return True
    return supervising_department is not None and holds_role(user, supervising_department.pk, DEPARTMENT_ROLES)


def may_write_off(user):
    """核销 a risk point (it no longer threatens anyone) is decided by the county office."""
    return scope_for(user).changes_all
