"""Who does what in relief (item 18).

The county office (安委办/应急局管理员) and the relief office (救灾科: holders of the permission
``disasters.view_relief_identity`` who also hold a role that writes) register disaster events and may write every
relief record. A township's head and staff register the households of their own villages, their entitlements,
payments and house reconstruction, and dispatches to their villages (the depot's keeper must also be them, as
supply_move checks). Read-only roles write nothing. Only the relief office sees full ID and bank card numbers.
"""

from core.scoping import holds_role_over, scope_for
from disasters.permissions import TOWNSHIP_ROLES

IDENTITY_PERMISSION = "disasters.view_relief_identity"


def is_relief_office(user):
    return bool(user and user.is_authenticated and user.has_perm(IDENTITY_PERMISSION))


def may_manage_events(user):
    scope = scope_for(user)
    return scope.changes_all or (is_relief_office(user) and bool(scope.writable_unit_ids))


def may_write_for_village(user, village):
    if may_manage_events(user):
        return True
    return village is not None and holds_role_over(user, village, TOWNSHIP_ROLES)


def writes_some_village(user):
    scope = scope_for(user)
    return may_manage_events(user) or any(role in TOWNSHIP_ROLES for _path, role in scope.role_paths)
