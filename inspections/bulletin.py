"""The "三个强度" bulletin (执法检查强度、发现问题强度、行政处罚强度): per department per month, the inspections it
made, the problems they found and the penalties it decided, beside the month before (环比) and the same month a
year earlier (同比), with a county total. Three queries whatever the number of departments.

Figures are aggregates, so every signed-in person may read them (a 通报 goes to every unit); the departments
listed are those core scoping shows the person (every department).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from core.choices import OrgUnitKind
from core.models import OrgUnit
from inspections.models import Inspection, Penalty
from inspections.months import add_months, month_label, month_range

PERIODS = ("current", "previous", "last_year")
METRICS = ("inspections", "problems", "penalties", "amount")


@dataclass
class Figure:
    current: int | Decimal = 0
    previous: int | Decimal = 0
    last_year: int | Decimal = 0

    @property
    def is_money(self):
        return isinstance(self.current, Decimal)

    @property
    def vs_previous(self):
        return self.current - self.previous

    @property
    def vs_last_year(self):
        return self.current - self.last_year

    @property
    def pct_previous(self):
        return _percent(self.current, self.previous)

    @property
    def pct_last_year(self):
        return _percent(self.current, self.last_year)

    def add(self, other):
        self.current += other.current
        self.previous += other.previous
        self.last_year += other.last_year

    def as_dict(self):
        values = {
            "current": self.current,
            "previous": self.previous,
            "last_year": self.last_year,
            "vs_previous": self.vs_previous,
            "vs_last_year": self.vs_last_year,
            "pct_previous": self.pct_previous,
            "pct_last_year": self.pct_last_year,
        }
        return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in values.items()}


def _percent(current, base):
    if not base:
        return None
    return round(float((current - base) * 100 / base), 1)


@dataclass
class BulletinRow:
    department: OrgUnit | None  # None: the county total
    inspections: Figure = field(default_factory=Figure)
    problems: Figure = field(default_factory=Figure)
    penalties: Figure = field(default_factory=Figure)  # number of penalty decisions
    amount: Figure = field(default_factory=lambda: Figure(Decimal("0"), Decimal("0"), Decimal("0")))

    @property
    def name(self):
        return self.department.display_name if self.department else _("全县合计")

    def metrics(self):
        return [(name, getattr(self, name)) for name in METRICS]


@dataclass
class Bulletin:
    month: date
    previous: date
    last_year: date
    rows: list
    total: BulletinRow

    @property
    def title(self):
        return _("垫江县安全生产执法“三个强度”通报（%(m)s）") % {"m": month_label(self.month)}

    @property
    def month_label(self):
        return month_label(self.month)

    def summary(self):
        """The body paragraph of the 通报, from the figures."""
        t = self.total
        text = _(
            "%(m)s，全县%(n)d个县级部门共开展执法检查%(i)d次（环比%(ci)s，同比%(yi)s），发现问题%(p)d个"
            "（环比%(cp)s，同比%(yp)s），作出行政处罚%(k)d件，罚款%(a)s元（环比%(ca)s，同比%(ya)s）。"
        ) % {
            "m": month_label(self.month),
            "n": len(self.rows),
            "i": t.inspections.current,
            "ci": signed(t.inspections.vs_previous),
            "yi": signed(t.inspections.vs_last_year),
            "p": t.problems.current,
            "cp": signed(t.problems.vs_previous),
            "yp": signed(t.problems.vs_last_year),
            "k": t.penalties.current,
            "a": money(t.amount.current),
            "ca": signed(t.amount.vs_previous, money=True),
            "ya": signed(t.amount.vs_last_year, money=True),
        }
        return text + self._leaders() + self._idle()

    def _leaders(self):
        top = max((r.inspections.current for r in self.rows), default=0)
        if not top:
            return ""
        names = "、".join(r.name for r in self.rows if r.inspections.current == top)
        return _("执法检查次数最多的是%(d)s（%(n)d次）。") % {"d": names, "n": top}

    def _idle(self):
        idle = [r.name for r in self.rows if not r.inspections.current and not r.penalties.current]
        if not idle:
            return ""
        return _("%(d)s本月未开展执法检查，也未作出行政处罚，请加大执法力度。") % {"d": "、".join(idle)}

    def as_dict(self):
        def row(r):
            unit = {"id": r.department.pk, "name": r.name} if r.department else None
            return {"department": unit, **{name: fig.as_dict() for name, fig in r.metrics()}}

        return {
            "month": self.month.strftime("%Y-%m"),
            "previous_month": self.previous.strftime("%Y-%m"),
            "last_year_month": self.last_year.strftime("%Y-%m"),
            "title": self.title,
            "summary": self.summary(),
            "departments": [row(r) for r in self.rows],
            "total": row(self.total),
        }


def signed(value, *, money=False):
    text = f"{abs(value):,.2f}" if money else f"{abs(value)}"
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"-{text}"
    return text


def money(value):
    return f"{value:,.2f}"


def _period_filters(field_name, months):
    filters = {}
    for period, month in months.items():
        start, end = month_range(month)
        filters[period] = Q(**{f"{field_name}__gte": start, f"{field_name}__lt": end})
    return filters


def _any_period(field_name, months):
    q = Q()
    for condition in _period_filters(field_name, months).values():
        q |= condition
    return q


def _inspection_figures(months, department_ids):
    """{department id: {period: (inspections, problems)}} in one query."""
    periods = _period_filters("inspected_on", months)
    aggregates = {}
    for period, condition in periods.items():
        aggregates[f"i_{period}"] = Count("pk", filter=condition, distinct=True)
        aggregates[f"p_{period}"] = Count("findings", filter=condition)
    rows = (
        Inspection.objects.filter(_any_period("inspected_on", months), department_id__in=department_ids)
        .order_by()
        .values("department_id")
        .annotate(**aggregates)
    )
    return {r["department_id"]: r for r in rows}


def _penalty_figures(months, department_ids):
    periods = _period_filters("decided_on", months)
    aggregates = {}
    for period, condition in periods.items():
        aggregates[f"n_{period}"] = Count("pk", filter=condition)
        aggregates[f"a_{period}"] = Sum("amount", filter=condition, default=Decimal("0"))
    rows = (
        Penalty.objects.filter(_any_period("decided_on", months), department_id__in=department_ids)
        .order_by()
        .values("department_id")
        .annotate(**aggregates)
    )
    return {r["department_id"]: r for r in rows}


def _figure(row, prefix, zero=0):
    if row is None:
        return Figure(zero, zero, zero)
    return Figure(*(row[f"{prefix}_{period}"] for period in PERIODS))


def enforcement_figures(*, month, department=None, user):
    """The bulletin of `month` (its first day), for every department the person sees or only `department`."""
    month = month.replace(day=1)
    months = {"current": month, "previous": add_months(month, -1), "last_year": add_months(month, -12)}
    departments = OrgUnit.objects.visible_to(user).filter(kind=OrgUnitKind.DEPARTMENT, is_active=True)
    if department is not None:
        departments = departments.filter(pk=department.pk)
    departments = list(departments.order_by("sort_order", "pk"))
    ids = [d.pk for d in departments]
    inspections = _inspection_figures(months, ids) if ids else {}
    penalties = _penalty_figures(months, ids) if ids else {}
    total = BulletinRow(department=None)
    rows = []
    for unit in departments:
        row = BulletinRow(
            department=unit,
            inspections=_figure(inspections.get(unit.pk), "i"),
            problems=_figure(inspections.get(unit.pk), "p"),
            penalties=_figure(penalties.get(unit.pk), "n"),
            amount=_figure(penalties.get(unit.pk), "a", Decimal("0")),
        )
        for name, figure in row.metrics():
            getattr(total, name).add(figure)
        rows.append(row)
    return Bulletin(month=month, previous=months["previous"], last_year=months["last_year"], rows=rows, total=total)
