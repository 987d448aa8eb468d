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
