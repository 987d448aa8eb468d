"""Which group robots a record's reminder goes to; the design is told in notifications.webhooks."""

from core.models import OrgUnit
from notifications.models import RobotEndpoint
from notifications.recipients import GROUP_ROLES


def _ancestor_paths(path):
    """The unit's own path first, then each unit above it: "a/b/c/" -> ["a/b/c/", "a/b/", "a/"]."""
    codes = path.strip("/").split("/") if path else []
    return ["/".join(codes[:i]) + "/" for i in range(len(codes), 0, -1)]


class RobotTargets:
    """The active endpoints of the rule's robot kinds, read once per rule: (unit path or None, kind) -> ids."""

    def __init__(self, kinds, unit_ids):
        self.kinds = list(kinds)
        self.by_unit = {}
        rows = RobotEndpoint.objects.filter(is_active=True, kind__in=self.kinds).values_list("pk", "kind", "unit__path")
        for pk, kind, path in rows:
            self.by_unit.setdefault((path, kind), []).append(pk)
        self.paths = {}
        if any(path for path, _kind in self.by_unit):
            self.paths = dict(OrgUnit.objects.filter(pk__in=unit_ids).values_list("pk", "path"))
        self._cache = {}

    def _nearest(self, unit_id, kind):
        """The endpoints of the nearest unit at or above `unit_id` that has one of this kind."""
        key = (unit_id, kind)
        if key not in self._cache:
            paths = _ancestor_paths(self.paths.get(unit_id, ""))
            self._cache[key] = next((self.by_unit[(p, kind)] for p in paths if (p, kind) in self.by_unit), [])
        return self._cache[key]

    def targets(self, groups, units):
        """(endpoint id, kind) pairs for a record whose units are `units` ({"owner": id, "lead": id})."""
        found = set()
        for group in groups:
            which = GROUP_ROLES[group][0]
            for kind in self.kinds:
                if which is None:
                    found.update((pk, kind) for pk in self.by_unit.get((None, kind), []))
                elif units.get(which):
                    found.update((pk, kind) for pk in self._nearest(units[which], kind))
        return sorted(found)
