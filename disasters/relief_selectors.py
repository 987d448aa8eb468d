"""Reads of relief (item 18), scoped to the person asking; the pages and the API share them. Totals are computed
with aggregates each time (nothing stored twice): a household's owed, paid and outstanding; per village; per fund."""

import django_filters
from django.db.models import Count, DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.filtersets import SmallSelectsMixin
from core.models import OrgUnit
from disasters.models import (
    DisasterEvent,
    HouseReconstruction,
    ReliefDispatch,
    ReliefEntitlement,
    ReliefHousehold,
    ReliefPayment,
)
from disasters.models.relief import DisasterKind, ReliefKind
from disasters.relief_permissions import is_relief_office

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(0, output_field=MONEY)


class DisasterEventFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("事件名称"), field_name="name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("灾害种类"), choices=DisasterKind.choices, empty_label=_("全部种类"))
    # Bounded: a year such as 0 would make the date lookup raise (a 500) instead of a 400.
    year = django_filters.NumberFilter(
        label=_("年份"), field_name="started_on__year", min_value=1949, max_value=2100, decimal_places=0
    )

    class Meta:
        model = DisasterEvent
        fields = ["q", "kind", "year"]


class ReliefHouseholdFilterSet(django_filters.FilterSet):
    event = django_filters.NumberFilter(label=_("灾害事件ID"), field_name="event_id")
    village = django_filters.NumberFilter(label=_("村（社区）ID"), field_name="village_id")
    q = django_filters.CharFilter(label=_("户主姓名"), field_name="head_name", lookup_expr="icontains")

    class Meta:
        model = ReliefHousehold
        fields = ["event", "village", "q"]


class ReliefPaymentFilterSet(django_filters.FilterSet):
    event = django_filters.NumberFilter(label=_("灾害事件ID"), field_name="household__event_id")
    household = django_filters.NumberFilter(label=_("受灾户ID"), field_name="household_id")
    kind = django_filters.ChoiceFilter(label=_("救助类别"), choices=ReliefKind.choices)

    class Meta:
        model = ReliefPayment
        fields = ["event", "household", "kind"]


class HouseReconstructionFilterSet(django_filters.FilterSet):
    event = django_filters.NumberFilter(label=_("灾害事件ID"), field_name="household__event_id")

    class Meta:
        model = HouseReconstruction
        fields = ["event", "stage", "damage"]


def event_queryset(*, user):
    return DisasterEvent.objects.visible_to(user).prefetch_related("townships", "villages")


def event_list(*, user, filters=None):
    return DisasterEventFilterSet(filters, queryset=event_queryset(user=user))


def _sum_of(model, field="amount"):
    rows = model.objects.filter(household=OuterRef("pk")).order_by().values("household")
    return Coalesce(Subquery(rows.annotate(total=Sum(field)).values("total")[:1], output_field=MONEY), ZERO)


def with_totals(queryset):
    """Households with `owed`, `paid` and `outstanding` (owed − paid, never below 0), each a subquery (no join
    that would multiply the sums)."""
    return queryset.annotate(owed=_sum_of(ReliefEntitlement), paid=_sum_of(ReliefPayment)).annotate(
        outstanding=F("owed") - F("paid")
    )


def household_queryset(*, user):
    return ReliefHousehold.objects.visible_to(user).select_related("event", "village__parent")


def household_list(*, user, filters=None):
    return ReliefHouseholdFilterSet(filters, queryset=with_totals(household_queryset(user=user)))


def event_households(*, user, event):
    return with_totals(household_queryset(user=user).filter(event=event)).order_by(
        "village__parent__sort_order", "village__sort_order", "village__code", "head_name", "pk"
    )


def unpaid_households(households):
    """Entitled but not yet (fully) paid."""
    return households.filter(outstanding__gt=0)


def village_totals(*, user, event):
    """Per village: households, owed (sum of entitlements) and paid (sum of payments), in two queries."""
    households = household_queryset(user=user).filter(event=event)
    paid = dict(
        ReliefPayment.objects.filter(household__in=households)
        .values_list("household__village")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    rows = (
        OrgUnit.objects.filter(relief_households__in=households)
        .annotate(
            households=Count("relief_households"),
            owed=Coalesce(
                Subquery(
                    ReliefEntitlement.objects.filter(household__in=households, household__village=OuterRef("pk"))
                    .order_by()
                    .values("household__village")
                    .annotate(total=Sum("amount"))
                    .values("total")[:1],
                    output_field=MONEY,
                ),
                ZERO,
            ),
        )
        .select_related("parent")
        .order_by("parent__sort_order", "sort_order", "code")
    )
    return [{"village": v, "households": v.households, "owed": v.owed, "paid": paid.get(v.pk, 0)} for v in rows]


def fund_totals(*, user, event):
    """Per kind of relief: owed and paid, and the outstanding; two queries."""
    households = household_queryset(user=user).filter(event=event)
    owed = dict(
        ReliefEntitlement.objects.filter(household__in=households)
        .values_list("kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    paid = dict(
        ReliefPayment.objects.filter(household__in=households)
        .values_list("kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return [
        {
            "kind": kind,
            "owed": owed.get(kind.value, 0),
            "paid": paid.get(kind.value, 0),
            "outstanding": owed.get(kind.value, 0) - paid.get(kind.value, 0),
        }
        for kind in ReliefKind
        if kind.value in owed or kind.value in paid
    ]


def payment_queryset(*, user):
    return ReliefPayment.objects.visible_to(user).select_related(
        "household__village", "household__event", "recorded_by"
    )


def payment_list(*, user, filters=None):
    return ReliefPaymentFilterSet(filters, queryset=payment_queryset(user=user))


def reconstruction_queryset(*, user):
    return HouseReconstruction.objects.visible_to(user).select_related("household__village", "household__event")


def reconstruction_list(*, user, filters=None):
    return HouseReconstructionFilterSet(filters, queryset=reconstruction_queryset(user=user))


def event_reconstructions(*, user, event):
    return reconstruction_queryset(user=user).filter(household__event=event).prefetch_related("steps")


def event_dispatches(*, user, event):
    return (
        ReliefDispatch.objects.visible_to(user)
        .filter(event=event)
        .select_related("village", "item__depot", "actor")
        .order_by("-dispatched_on", "-pk")
    )


def reconstruction_summary(reconstructions):
    counts = {}
    for house in reconstructions:
        counts[house.stage] = counts.get(house.stage, 0) + 1
    return counts


def identity_of(user, household):
    """The ID and bank card numbers as this person may see them: whole for the relief office, masked otherwise."""
    if is_relief_office(user):
        return {"id_number": household.id_number, "bank_card": household.bank_card, "masked": False}
    return {"id_number": household.id_number_masked, "bank_card": household.bank_card_masked, "masked": True}


def area_villages(*, event):
    """The villages in the event's area (for the forms): listed ones, and every village of a township listed whole."""
    listed = list(event.villages.all())
    partly = {v.parent_id for v in listed}
    whole = OrgUnit.objects.filter(parent__in=event.townships.exclude(pk__in=partly), kind=OrgUnitKind.VILLAGE)
    return sorted([*listed, *whole], key=lambda v: (v.parent_id, v.sort_order, v.code))
