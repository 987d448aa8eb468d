"""Who receives a reminder: the people holding the group's roles in the record's units, or the county office."""

from core.choices import Role
from core.models import Membership
from notifications.choices import RecipientGroup

# group -> (which unit of the record: "owner", "lead" or None for the county office, the roles there)
GROUP_ROLES = {
    RecipientGroup.OWNER_STAFF: ("owner", {Role.TOWNSHIP_STAFF, Role.DEPT_STAFF}),
    RecipientGroup.OWNER_HEAD: ("owner", {Role.TOWNSHIP_HEAD, Role.DEPT_HEAD}),
    RecipientGroup.LEAD_UNIT: ("lead", {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.TOWNSHIP_HEAD, Role.TOWNSHIP_STAFF}),
    RecipientGroup.COUNTY_OFFICE: (None, {Role.COUNTY_ADMIN}),
}


class RecipientIndex:
    """All the memberships a sweep needs, read in one query: (unit id, role) -> user ids."""

    def __init__(self, unit_ids):
        roles = set().union(*(roles for _unit, roles in GROUP_ROLES.values()))
        self.by_unit_role = {}
        self.county = set()
        rows = Membership.objects.filter(user__is_active=True, role__in=roles).filter(
            unit_id__in=unit_ids
        ) | Membership.objects.filter(user__is_active=True, role=Role.COUNTY_ADMIN)
        for user_id, unit_id, role in rows.values_list("user_id", "unit_id", "role"):
            if role == Role.COUNTY_ADMIN:
                self.county.add(user_id)
            self.by_unit_role.setdefault((unit_id, role), set()).add(user_id)

    def users(self, group, units):
        """The user ids of `group` for a record whose units are `units` ({"owner": id, "lead": id})."""
        which, roles = GROUP_ROLES[group]
        if which is None:
            return set(self.county)
        unit_id = units.get(which)
        if unit_id is None:
            return set()
        return set().union(*(self.by_unit_role.get((unit_id, role), set()) for role in roles))
