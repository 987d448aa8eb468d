"""Reads of inspection plans and their coverage (覆盖率), scoped to the person asking; pages and API share them.

An enterprise on a plan counts as visited when an inspection of it was made by the plan's department within
the plan's period, or was recorded against the plan. The inspections carried out under a plan are those linked
to it and those by its department, in its period, at the enterprises on its list.
"""

from dataclasses import dataclass

from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.choices import OrgUnitKind
from core.models import OrgUnit
from inspections.models import Inspection, InspectionPlan, PlannedVisit
from inspections.plan_filtersets import InspectionPlanFilterSet


def _visit_inspections(plan_ref):
    """Inspections that count as a visit of OuterRef("enterprise") under the plan at `plan_ref`."""
    return Inspection.objects.filter(
        Q(plan=OuterRef(plan_ref))
        | Q(
            department=OuterRef(f"{plan_ref}__department"),
            inspected_on__gte=OuterRef(f"{plan_ref}__starts_on"),
            inspected_on__lte=OuterRef(f"{plan_ref}__ends_on"),
        ),
        enterprise=OuterRef("enterprise"),
    )


def _count(rows):
    """COUNT(*) of the rows as a subquery (a plain function, so no GROUP BY: one number per outer row)."""
    counted = rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _inspections_done():
    on_list = PlannedVisit.objects.filter(plan=OuterRef(OuterRef("pk")), enterprise=OuterRef("enterprise"))
    rows = Inspection.objects.filter(
        Q(plan=OuterRef("pk"))
        | Q(
            Exists(on_list),
            department=OuterRef("department"),
            inspected_on__gte=OuterRef("starts_on"),
            inspected_on__lte=OuterRef("ends_on"),
        )
    )
    return _count(rows)


def plan_queryset(*, user):
    """The person's plans with their coverage counts: one query however many plans."""
    visits = PlannedVisit.objects.filter(plan=OuterRef("pk"))
    visited = visits.filter(Exists(_visit_inspections("plan")))
    return (
        InspectionPlan.objects.visible_to(user)
        .select_related("department")
        .annotate(
            enterprise_count=_count(visits),
            visited_count=_count(visited),
            inspections_done=_inspections_done(),
        )
    )


def plan_list(*, user, filters=None):
    """The FilterSet over the person's plans: `.qs` is the rows, `.errors` the bad filter values."""
    return InspectionPlanFilterSet(filters, queryset=plan_queryset(user=user))


def percent(part, whole):
    return min(100, round(part * 100 / whole)) if whole else 0


@dataclass
class PlanCoverage:
    planned: int  # enterprises on the list
    visited: int
    inspections_done: int
    planned_count: int
    rows: list  # PlannedVisit rows with `visited_on` (the first visit in the plan) and `visit_count`
    overdue: bool  # the period has ended: what is not visited is 未检查

    @property
    def not_visited(self):
        return self.planned - self.visited

    @property
    def percent(self):
        return percent(self.visited, self.planned)

    @property
    def inspections_percent(self):
        return percent(self.inspections_done, self.planned_count)

    def as_dict(self):
        return {
            "enterprises_planned": self.planned,
            "enterprises_visited": self.visited,
            "enterprises_not_visited": self.not_visited,
            "percent": self.percent,
            "inspections_done": self.inspections_done,
            "planned_count": self.planned_count,
            "inspections_percent": self.inspections_percent,
            "period_ended": self.overdue,
        }


def plan_visit_rows(*, plan):
    """The plan's enterprises, each with the date of its first visit in the plan (None if not yet): one query."""
    matching = _visit_inspections("plan")
    first = matching.order_by("inspected_on").values("inspected_on")[:1]
    return list(
        PlannedVisit.objects.filter(plan=plan)
        .select_related("enterprise__township")
        .annotate(visited_on=Subquery(first), visit_count=_count(matching))
        .order_by("enterprise__township__sort_order", "enterprise__name", "pk")
    )


def plan_coverage(*, plan, today=None):
    """Coverage of one plan taken from `plan_queryset` (annotated): one query for its enterprise rows."""
    rows = plan_visit_rows(plan=plan)
    return PlanCoverage(
        planned=len(rows),
        visited=sum(1 for r in rows if r.visited_on),
        inspections_done=plan.inspections_done,
        planned_count=plan.planned_count,
        rows=rows,
        overdue=plan.ends_on < (today or timezone.localdate()),
    )


def plan_departments(*, user):
    """The departments whose plans the person may see, for the list's filter."""
    return OrgUnit.objects.visible_to(user).filter(kind=OrgUnitKind.DEPARTMENT, is_active=True).order_by("sort_order")
