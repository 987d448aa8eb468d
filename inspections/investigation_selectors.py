"""Reads of accident investigations, scoped to the person asking; the pages and the API share them."""

from django.db.models import Count, Prefetch, Sum
from django.db.models.functions import ExtractYear

from core.choices import OrgUnitKind
from core.models import Enterprise, OrgUnit
from hazards.models import Hazard
from inspections.investigation_filtersets import InvestigationFilterSet
from inspections.investigation_permissions import lead_departments
from inspections.models import Investigation, InvestigationResponsibility, Penalty


def investigation_queryset(*, user):
    return Investigation.objects.visible_to(user).select_related("township", "lead_department", "recorded_by")


def investigation_list(*, user, filters=None):
    """The FilterSet over the person's investigations: `.qs` is the rows, `.errors` the bad filter values."""
    return InvestigationFilterSet(filters, queryset=investigation_queryset(user=user))


def investigation_list_rows(filterset):
    return filterset.qs if filterset.is_valid() else filterset.queryset.none()


def investigation_detail_queryset(*, user):
    return investigation_queryset(user=user).prefetch_related(
        Prefetch("responsibilities", queryset=InvestigationResponsibility.objects.order_by("pk")),
        Prefetch("enterprises", queryset=Enterprise.objects.select_related("township").order_by("name")),
        Prefetch("hazards", queryset=Hazard.objects.order_by("number")),
        Prefetch("penalties", queryset=Penalty.objects.select_related("enterprise").order_by("decided_on", "pk")),
    )


def yearly_totals(rows):
    """Cases, deaths, injured, missing and direct loss (万元) per year of occurrence, latest year first; one query."""
    return list(
        rows.order_by()
        .annotate(year=ExtractYear("occurred_at"))
        .values("year")
        .annotate(
            cases=Count("pk"),
            deaths=Sum("deaths"),
            injured=Sum("injured"),
            missing=Sum("missing"),
            direct_loss=Sum("direct_loss"),
        )
        .order_by("-year")
    )


def investigation_form_choices(*, user):
    """Querysets the forms and the API offer: the departments the person may lead for, townships, and the
    enterprises, hazards and penalties the person may see (to link)."""
    departments = lead_departments(user)
    dept_qs = OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT, is_active=True)
    if departments is not None:
        dept_qs = dept_qs.filter(pk__in=[d.pk for d in departments])
    return {
        "lead_department": dept_qs.order_by("sort_order", "pk"),
        "township": OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP, is_active=True).order_by("sort_order", "pk"),
        "enterprises": Enterprise.objects.visible_to(user).order_by("name"),
        "hazards": Hazard.objects.visible_to(user).order_by("-found_on", "-pk"),
        "penalties": Penalty.objects.visible_to(user).select_related("enterprise").order_by("-decided_on", "-pk"),
    }
