"""The one answer to "which records may this person see / change".

A record belongs to a territorial unit (属地) and, where it has one, a supervising department (行业监管);
a model names the foreign keys that carry them in ``SCOPE_FIELDS``. People with a county-wide role see
every record; everybody else sees the records whose units lie in the subtree of a unit they belong to.
Only the county administrator changes records county-wide; 县领导, auditors and API clients only read.

An API client (外部系统) placed at the county sees every record; placed at a department or a township it sees
that unit's subtree only. Its role never gives a right to change anything: a read-write token writes with the
ordinary roles the county office also gives the account (township_staff of 沙坪镇, say), so `unit_ids` (what
the person sees) and `writable_unit_ids` (the subtrees of roles that may write) are kept apart.
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q

from core.choices import COUNTY_WIDE_ROLES, READ_ONLY_ROLES, OrgUnitKind, Role


@dataclass(frozen=True)
class Scope:
    authenticated: bool = False
    sees_all: bool = False
    changes_all: bool = False
    unit_ids: frozenset = field(default_factory=frozenset)  # subtrees of the person's own units
    writable_unit_ids: frozenset = field(default_factory=frozenset)  # those of roles that may change records
    ancestor_codes: frozenset = field(default_factory=frozenset)  # the units above them, for the tree
    roles_by_unit: dict = field(default_factory=dict)  # unit id -> the person's roles held in that unit itself
    role_paths: tuple = ()  # (unit path, role) of every membership, for "a role over this unit"

    def roles_in(self, unit_id):
        return self.roles_by_unit.get(unit_id, frozenset())

    def sees_unit(self, unit_id):
        return self.sees_all or unit_id in self.unit_ids

    def changes_unit(self, unit_id):
        return self.changes_all or unit_id in self.writable_unit_ids


ANONYMOUS = Scope()


def _county_wide(membership):
    if membership.role == Role.API_CLIENT:
        return membership.unit.kind == OrgUnitKind.COUNTY
    return membership.role in COUNTY_WIDE_ROLES


def scope_for(user):
    """The person's scope, computed once per request object (two queries)."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_portal_scope", None)
    if cached is not None:
        return cached
    from core.models import OrgUnit

    memberships = list(user.memberships.select_related("unit").filter(unit__is_active=True))
    roles = {m.role for m in memberships}
    local = [m for m in memberships if not _county_wide(m)]
    local_paths = [m.unit.path for m in local]
    writable_paths = tuple(m.unit.path for m in local if m.role not in READ_ONLY_ROLES)
    unit_ids = writable_unit_ids = frozenset()
    if local_paths:
        prefix = reduce(or_, (Q(path__startswith=p) for p in local_paths))
        rows = list(OrgUnit.objects.filter(prefix).values_list("id", "path"))
        unit_ids = frozenset(unit_id for unit_id, _path in rows)
        writable_unit_ids = frozenset(unit_id for unit_id, path in rows if path.startswith(writable_paths))
    writable_roles = roles - READ_ONLY_ROLES
    roles_by_unit = {}
    for m in memberships:
        roles_by_unit[m.unit_id] = roles_by_unit.get(m.unit_id, frozenset()) | {m.role}
    scope = Scope(
        authenticated=True,
        sees_all=user.is_superuser or any(_county_wide(m) for m in memberships),
        changes_all=user.is_superuser or Role.COUNTY_ADMIN in writable_roles,
        unit_ids=unit_ids,
        writable_unit_ids=writable_unit_ids,
        ancestor_codes=frozenset(code for p in local_paths for code in p.split("/")[:-2] if code),
        roles_by_unit=roles_by_unit,
        role_paths=tuple((m.unit.path, m.role) for m in memberships),
    )
    user._portal_scope = scope
    return scope


def _units_filter(fields, unit_ids):
    return reduce(or_, (Q(**{f"{name}__in": unit_ids}) for name in fields))


def filter_visible(queryset, user, fields):
    scope = scope_for(user)
    if scope.sees_all:
        return queryset
    if not scope.unit_ids:
        return queryset.none()
    return queryset.filter(_units_filter(fields, scope.unit_ids))


def filter_changeable(queryset, user, fields):
    scope = scope_for(user)
    if scope.changes_all:
        return queryset
    if not scope.writable_unit_ids:
        return queryset.none()
    return queryset.filter(_units_filter(fields, scope.writable_unit_ids))


def _unit_ids_of(obj, fields):
    ids = []
    for name in fields:
        target = obj
        *path, last = name.split("__")
        for step in path:
            target = getattr(target, step)
        ids.append(getattr(target, f"{last}_id"))
    return [i for i in ids if i is not None]


def can_see(user, obj):
    scope = scope_for(user)
    return scope.sees_all or any(scope.sees_unit(i) for i in _unit_ids_of(obj, obj.SCOPE_FIELDS))


def holds_role(user, unit_id, roles):
    """Whether the person holds one of `roles` in the unit itself (not above or below it)."""
    return bool(scope_for(user).roles_in(unit_id) & set(roles))


def holds_role_over(user, unit, roles):
    """Whether the person holds one of `roles` in `unit` or in a unit above it (a township over its villages)."""
    return any(role in roles and unit.path.startswith(path) for path, role in scope_for(user).role_paths)


def can_change(user, obj):
    scope = scope_for(user)
    return scope.changes_all or any(scope.changes_unit(i) for i in _unit_ids_of(obj, obj.SCOPE_FIELDS))
