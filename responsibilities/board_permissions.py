"""Who may change an enterprise's boards: the county administrator; the head and staff of the enterprise's
township; the head and staff of its supervising department. Read-only roles never."""

from core.choices import Role
from core.scoping import holds_role, scope_for

TOWNSHIP_ROLES = {Role.TOWNSHIP_HEAD, Role.TOWNSHIP_STAFF}
DEPARTMENT_ROLES = {Role.DEPT_HEAD, Role.DEPT_STAFF}


def may_edit_board(user, enterprise):
    if scope_for(user).changes_all:
        return True
    if holds_role(user, enterprise.township_id, TOWNSHIP_ROLES):
        return True
    department = enterprise.supervising_department_id
    return department is not None and holds_role(user, department, DEPARTMENT_ROLES)
