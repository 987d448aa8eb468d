"""Reads of the best-practice calls and cases, scoped to the person asking (tasks.models.practice says who sees
which case); the pages and the API share them."""

import django_filters
from django.db.models import Avg, Case, Count, IntegerField, Prefetch, Q, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from core.filtersets import SmallSelectsMixin
from tasks.campaign_choices import AWARD_ORDER, Award, CaseStatus
from tasks.models import CaseAttachment, CaseTransition, PracticeCall, PracticeCase, PracticeScore


class PracticeCaseFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    """One filter set for the call page's cases and the API."""

    call = django_filters.NumberFilter(label=_("征集ID"), field_name="call_id")
    year = django_filters.NumberFilter(label=_("年度"), field_name="call__year")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=CaseStatus.choices, empty_label=_("全部状态"))
    award = django_filters.ChoiceFilter(label=_("评选结果"), choices=Award.choices, empty_label=_("全部"))
    unit = django_filters.NumberFilter(label=_("申报单位ID"), field_name="unit_id")

    class Meta:
        model = PracticeCase
        fields = ["call", "year", "status", "award", "unit"]


def _award_rank():
    return Case(
        *[When(award=award, then=Value(rank)) for award, rank in AWARD_ORDER.items()],
        default=Value(9),
        output_field=IntegerField(),
    )


def case_queryset(*, user):
    return (
        PracticeCase.objects.visible_to(user)
        .select_related("call", "unit")
        .annotate(mean_score=Avg("scores__score"), score_count=Count("scores"), award_rank=_award_rank())
    )


def case_list(*, user, filters=None):
    return PracticeCaseFilterSet(filters, queryset=case_queryset(user=user))


def ranked(queryset):
    """After publication: by award, then by mean score."""
    return queryset.order_by("award_rank", "-mean_score", "pk")


def case_detail(*, user, pk):
    return get_object_or_404(
        case_queryset(user=user).prefetch_related(
            Prefetch("attachments", queryset=CaseAttachment.objects.order_by("pk")),
            Prefetch("transitions", queryset=CaseTransition.objects.select_related("actor").order_by("at", "pk")),
            Prefetch("scores", queryset=PracticeScore.objects.select_related("reviewer").order_by("pk")),
        ),
        pk=pk,
    )


def call_queryset(*, user):
    """The calls, each with how many cases were submitted to it (drafts are the units' own)."""
    return PracticeCall.objects.visible_to(user).annotate(
        case_total=Count("cases", filter=~Q(cases__status=CaseStatus.DRAFT)),
    )


def call_detail(*, user, pk):
    return get_object_or_404(PracticeCall.objects.visible_to(user).prefetch_related("reviewers"), pk=pk)


def attachment_for(*, user, pk):
    return get_object_or_404(CaseAttachment.objects.filter(case__in=PracticeCase.objects.visible_to(user)), pk=pk)
