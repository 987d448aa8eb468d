"""Reads of the campaigns and their activities, scoped to the person asking; the pages and the API share them."""

import django_filters
from django.db.models import Count, Prefetch, Q, Sum
from django.utils.translation import gettext_lazy as _

from core.filtersets import SmallSelectsMixin
from tasks.campaign_choices import CampaignKind
from tasks.models import ActivityEvidence, Campaign, CampaignActivity


class CampaignFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    """One filter set for the campaign list page and the API."""

    q = django_filters.CharFilter(label=_("名称"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("活动类型"), choices=CampaignKind.choices, empty_label=_("全部类型"))
    year = django_filters.NumberFilter(label=_("年度"))
    unit = django_filters.NumberFilter(label=_("单位ID（组织或参与）"), method="filter_unit")

    class Meta:
        model = Campaign
        fields = ["q", "kind", "year", "unit"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(title__icontains=value.strip())

    def filter_unit(self, queryset, name, value):
        ids = Campaign.objects.filter(Q(organizer_id=value) | Q(participants=value)).values("pk")
        return queryset.filter(pk__in=ids)


def _with_totals(queryset):
    """Activities, participants and units reporting as subqueries-free annotations (no join fan-out)."""
    from django.db.models import IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    activities = CampaignActivity.objects.filter(campaign=OuterRef("pk")).order_by().values("campaign")
    return queryset.annotate(
        activity_total=Coalesce(Subquery(activities.annotate(n=Count("pk")).values("n")), 0),
        participant_total=Coalesce(
            Subquery(activities.annotate(n=Sum("participant_count")).values("n"), output_field=IntegerField()), 0
        ),
        units_reporting=Coalesce(Subquery(activities.annotate(n=Count("unit", distinct=True)).values("n")), 0),
        unit_total=Count("participants", distinct=True),
    )


def campaign_queryset(*, user):
    return _with_totals(Campaign.objects.visible_to(user).select_related("organizer"))


def campaign_list(*, user, filters=None):
    """The FilterSet over the person's campaigns: `.qs` is the rows, `.errors` the bad filter values."""
    return CampaignFilterSet(filters, queryset=campaign_queryset(user=user))


def campaign_with_activities(*, user, pk):
    from django.shortcuts import get_object_or_404

    activities = CampaignActivity.objects.select_related("unit", "reported_by").prefetch_related(
        Prefetch("evidence", queryset=ActivityEvidence.objects.order_by("pk"))
    )
    return get_object_or_404(
        campaign_queryset(user=user).prefetch_related(
            Prefetch("activities", queryset=activities.order_by("-held_on", "-pk")), "participants"
        ),
        pk=pk,
    )


def unit_totals(campaign):
    """Per participating unit: activities and participants (from the prefetched rows), those not yet reporting."""
    rows = {
        unit.pk: {"unit": unit, "activities": 0, "participants": 0}
        for unit in sorted(campaign.participants.all(), key=lambda u: (u.kind, u.sort_order, u.code))
    }
    for activity in campaign.activities.all():
        row = rows.setdefault(activity.unit_id, {"unit": activity.unit, "activities": 0, "participants": 0})
        row["activities"] += 1
        row["participants"] += activity.participant_count
    return list(rows.values())


def activity_queryset(*, user):
    return CampaignActivity.objects.visible_to(user).select_related("campaign", "unit")


def activity_evidence_for(*, user, pk):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(ActivityEvidence.objects.filter(activity__in=activity_queryset(user=user)), pk=pk)
