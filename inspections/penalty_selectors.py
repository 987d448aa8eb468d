"""Reads of penalties, scoped to the person asking; the pages and the API share them."""

from django.db.models import Count, Q, Sum

from core.choices import OrgUnitKind
from core.models import OrgUnit
from inspections.models import Penalty
from inspections.penalty_filtersets import PenaltyFilterSet


def penalty_queryset(*, user):
    return Penalty.objects.visible_to(user).select_related(
        "department", "enterprise", "enterprise__township", "inspection", "recorded_by"
    )


def penalty_list(*, user, filters=None):
    """The FilterSet over the person's penalties: `.qs` is the rows, `.errors` the bad filter values."""
    return PenaltyFilterSet(filters, queryset=penalty_queryset(user=user))


def penalty_list_rows(filterset):
    return filterset.qs if filterset.is_valid() else filterset.queryset.none()


def penalty_totals(queryset):
    """Number of penalties, of them on persons and referred to justice, and the total amount: one query."""
    totals = queryset.order_by().aggregate(
        count=Count("pk"),
        persons=Count("pk", filter=Q(party_kind="person")),
        referred=Count("pk", filter=Q(referred_to_justice=True)),
        amount=Sum("amount", default=0),
    )
    return totals


def penalty_case(*, user, penalty):
    """The other penalties of the same 一案双罚 case that the person may see."""
    if not penalty.case_number:
        return Penalty.objects.none()
    return (
        penalty_queryset(user=user)
        .filter(case_number=penalty.case_number, department_id=penalty.department_id)
        .exclude(pk=penalty.pk)
    )


def department_choices(*, user):
    return (
        OrgUnit.objects.visible_to(user)
        .filter(kind=OrgUnitKind.DEPARTMENT, is_active=True)
        .order_by("sort_order", "pk")
    )
