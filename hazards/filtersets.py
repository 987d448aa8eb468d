import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import Sector
from core.filtersets import SmallSelectsMixin
from hazards.choices import (
    AgeBucket,
    HazardLevel,
    HazardSource,
    HazardStatus,
    PublicReportStatus,
    RewardStatus,
    ScorePart,
)
from hazards.conditions import OPEN, age_q, score_part_q
from hazards.models import Hazard, PublicReport
from hazards.models_public import normalize_receipt_code


class HazardFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    """One filter set for the hazard list page, its Excel export, the problem list and the API."""

    q = django_filters.CharFilter(label=_("编号、描述或单位"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=HazardStatus.choices, empty_label=_("全部状态"))
    open = django_filters.BooleanFilter(label=_("未销号"), method="filter_open")
    level = django_filters.ChoiceFilter(label=_("隐患等级"), choices=HazardLevel.choices, empty_label=_("全部等级"))
    source = django_filters.ChoiceFilter(label=_("发现来源"), choices=HazardSource.choices, empty_label=_("全部来源"))
    sector = django_filters.ChoiceFilter(label=_("行业领域"), choices=Sector.choices, empty_label=_("全部行业"))
    problem_list = django_filters.NumberFilter(label=_("问题清单ID"), field_name="problem_list_id")
    unit = django_filters.NumberFilter(label=_("属地或监管单位ID"), method="filter_unit")
    enterprise = django_filters.NumberFilter(label=_("生产经营单位ID"), field_name="enterprise_id")
    is_listed = django_filters.BooleanFilter(label=_("挂牌督办"))
    found_from = django_filters.DateFilter(label=_("发现日期起"), field_name="found_on", lookup_expr="gte")
    found_to = django_filters.DateFilter(label=_("发现日期止"), field_name="found_on", lookup_expr="lte")
    year = django_filters.NumberFilter(
        label=_("发现年度"), method="filter_year", min_value=2000, max_value=2100, decimal_places=0
    )
    age = django_filters.ChoiceFilter(label=_("未销号时长"), choices=AgeBucket.choices, method="filter_age")
    overdue = django_filters.BooleanFilter(label=_("逾期未整改"), method="filter_overdue")
    closed_from = django_filters.DateFilter(label=_("销号日期起"), field_name="closed_at", lookup_expr="date__gte")
    closed_to = django_filters.DateFilter(label=_("销号日期止"), field_name="closed_at", lookup_expr="date__lte")
    score_part = django_filters.ChoiceFilter(
        label=_("评价细则得分项"), choices=ScorePart.choices, method="filter_score"
    )

    class Meta:
        model = Hazard
        fields = [
            "q",
            "status",
            "open",
            "level",
            "source",
            "sector",
            "problem_list",
            "unit",
            "enterprise",
            "is_listed",
            "found_from",
            "found_to",
            "year",
            "age",
            "score_part",
            "overdue",
            "closed_from",
            "closed_to",
        ]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(number__iexact=value)
            | Q(title__icontains=value)
            | Q(place__icontains=value)
            | Q(enterprise__name__icontains=value)
        )

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(status=HazardStatus.CLOSED) if value else queryset.filter(status=HazardStatus.CLOSED)

    def filter_unit(self, queryset, name, value):
        from core.models import OrgUnit

        unit = OrgUnit.objects.filter(pk=value).only("path").first()
        if unit is None:
            return queryset.none()
        return queryset.filter(Q(territory__path__startswith=unit.path) | Q(supervising_department=unit))

    def filter_year(self, queryset, name, value):
        return queryset.filter(found_on__year=int(value))

    def filter_age(self, queryset, name, value):
        return queryset.filter(age_q(value, timezone.localdate()))

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = OPEN & Q(deadline__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)

    def filter_score(self, queryset, name, value):
        return queryset.filter(score_part_q(value, timezone.localdate()))


class PublicReportFilterSet(django_filters.FilterSet):
    """The triage queue of 群众举报, on the page and in the API."""

    q = django_filters.CharFilter(label=_("回执码、内容或地点"), method="filter_q")
    status = django_filters.ChoiceFilter(
        label=_("处理状态"), choices=PublicReportStatus.choices, empty_label=_("全部状态")
    )
    township = django_filters.NumberFilter(label=_("乡镇（街道）ID"), field_name="township_id")
    reward_status = django_filters.ChoiceFilter(
        label=_("举报奖励"), choices=RewardStatus.choices, empty_label=_("全部奖励状态")
    )
    created_from = django_filters.DateFilter(label=_("举报日期起"), field_name="created_at", lookup_expr="date__gte")
    created_to = django_filters.DateFilter(label=_("举报日期止"), field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = PublicReport
        fields = ["q", "status", "township", "reward_status", "created_from", "created_to"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        code = normalize_receipt_code(value)
        by_code = Q(receipt_code=code) if code else Q(pk__in=[])
        return queryset.filter(by_code | Q(description__icontains=value) | Q(place__icontains=value))
