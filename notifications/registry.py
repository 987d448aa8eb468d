"""Deadlines the reminder engine knows about. Each app registers its own in AppConfig.ready(); this module
knows nothing of them beyond this small interface."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DeadlineSource:
    key: str  # stored on every ledger row, e.g. "measure"
    label: str  # shown to people, e.g. "具体措施"
    open_objects: Callable  # () -> QuerySet of the records whose deadline still matters
    deadline_field: str  # a DateField of those records
    units: dict = field(default_factory=dict)  # recipient group "owner" / "lead" -> unit FK path on the record
    describe: Callable = str  # record -> one line for the message
    url: Callable = lambda obj: ""  # record -> its page
    visible_to: Callable | None = None  # user -> QuerySet of the records the person may see; None: nobody
    related_keys: tuple = ()  # other ledger sources about the same records, e.g. "hazard_escalation"


SOURCES = {}


def register(source):
    SOURCES[source.key] = source
    return source


def source(key):
    return SOURCES[key]


@dataclass(frozen=True)
class WeeklySummary:
    """Counts for the weekly digest of department heads, county leaders and the county office."""

    key: str
    # (*, user, week_start, today) -> [(label, number)], counted over the records the person may see
    counts: Callable


SUMMARIES = {}


def register_summary(summary):
    SUMMARIES[summary.key] = summary
    return summary


# Ledger rows that no rule's sweep makes (notify_once, e.g. a hazard's escalation step) carry their own source
# key; registering its label lets the delivery page name and filter it.
EVENT_SOURCES = {}


def register_event_source(key, label):
    EVENT_SOURCES[key] = label


def source_choices():
    """(key, label) of every kind of ledger row, for filters."""
    return [(key, s.label) for key, s in SOURCES.items()] + list(EVENT_SOURCES.items())


def source_label(key):
    return SOURCES[key].label if key in SOURCES else EVENT_SOURCES.get(key, key)
