"""Targets whose actual comes from another app's records rather than from progress reports: e.g. the 64-point
技防 target of item 11 counts the risk points of `disasters/` with monitoring installed in the plan year.
The other app registers a source in its AppConfig.ready(); a target names it in `data_source`."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TargetSource:
    key: str  # stored on the target, e.g. "disasters.monitored_points"
    label: str  # shown beside the figure, e.g. "隐患点台账：当年建成技防的地灾隐患点"
    actual: Callable  # (target) -> Decimal, counted for target.plan.year
    per_unit: Callable | None = None  # (target) -> {unit_id: Decimal}, for the allocations table; None: by reports
    url: Callable = lambda target: ""  # (target) -> the list behind the figure


SOURCES = {}


def register_target_source(source):
    SOURCES[source.key] = source
    return source


def source_for(target):
    return SOURCES.get(target.data_source) if target.data_source else None


def source_choices():
    return [("", "—")] + [(key, str(s.label)) for key, s in SOURCES.items()]
