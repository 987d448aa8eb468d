"""The shapes every figure of the cockpit, the dashboard API and the bulletins is made of."""

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse


@dataclass
class Figure:
    key: str  # stable, for the API and the tests: "open", "major_open", "red" …
    label: str
    value: int | Decimal
    url: str = ""  # the list of exactly these rows; empty where no list can show them (a past date)


@dataclass
class BreakdownRow:
    key: str
    label: str
    total: int
    done: int
    overdue: int
    url: str = ""

    @property
    def percent(self):
        return round(self.done * 100 / self.total, 1) if self.total else 0.0


@dataclass
class TargetRow:
    number: int
    name: str
    unit_of_measure: str
    value: Decimal
    actual: Decimal
    url: str = ""

    @property
    def percent(self):
        return round(float(self.actual) * 100 / float(self.value), 1) if self.value else 0.0


class Links:
    """Drill-through URLs, given only when the lists can show the state asked for: they show today."""

    def __init__(self, *, live, unit=None):
        self.live = live
        self.unit = unit

    def unit_query(self, param="unit"):
        """The list filter that narrows a list to the unit, under the name that list gives it."""
        return {param: self.unit.pk} if self.unit is not None else {}

    def to(self, name, *args, **params):
        if not self.live:
            return ""
        query = urlencode({k: v for k, v in params.items() if v is not None})
        return reverse(name, args=args) + (f"?{query}" if query else "")
