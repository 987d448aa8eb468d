"""One filter set per register (teams, plans, drills), used by the HTML lists and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filtersets import SmallSelectsMixin
from disasters.models import Drill, EmergencyPlan, RescueTeam
from disasters.readiness_choices import DrillKind, IncidentKind, PlanLevel, Speciality, TeamKind


class RescueTeamFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("队伍名称或队长"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("队伍类别"), choices=TeamKind.choices, empty_label=_("全部类别"))
    unit = django_filters.NumberFilter(label=_("所属单位ID"), field_name="owner_unit_id")
    speciality = django_filters.ChoiceFilter(
        label=_("专业方向"), choices=Speciality.choices, empty_label=_("全部专业"), method="filter_speciality"
    )
    is_active = django_filters.BooleanFilter(label=_("在编"))

    class Meta:
        model = RescueTeam
        fields = ["q", "kind", "unit", "speciality", "is_active"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(leader_name__icontains=value))

    def filter_speciality(self, queryset, name, value):
        return queryset.filter(specialities__contains=[value])


class EmergencyPlanFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("预案名称或文号"), method="filter_q")
    level = django_filters.ChoiceFilter(label=_("预案类别"), choices=PlanLevel.choices, empty_label=_("全部类别"))
    unit = django_filters.NumberFilter(label=_("编制单位ID"), field_name="owner_unit_id")
    incident_kind = django_filters.ChoiceFilter(
        label=_("适用事件类型"), choices=IncidentKind.choices, empty_label=_("全部类型"), method="filter_incident"
    )
    is_current = django_filters.BooleanFilter(label=_("现行有效"))
    revision_due = django_filters.BooleanFilter(label=_("到期待修订"), method="filter_due")

    class Meta:
        model = EmergencyPlan
        fields = ["q", "level", "unit", "incident_kind", "is_current", "revision_due"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(document_number__icontains=value))

    def filter_incident(self, queryset, name, value):
        return queryset.filter(incident_kinds__contains=[value])

    def filter_due(self, queryset, name, value):
        if value is None:
            return queryset
        due = Q(is_current=True, next_revision_due__lt=timezone.localdate())
        return queryset.filter(due) if value else queryset.exclude(due)


class DrillFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("演练名称或情景"), method="filter_q")
    year = django_filters.NumberFilter(
        label=_("年度"), field_name="held_on", lookup_expr="year", min_value=2000, max_value=2100, decimal_places=0
    )
    unit = django_filters.NumberFilter(label=_("组织或参演单位ID"), method="filter_unit")
    kind = django_filters.ChoiceFilter(label=_("演练形式"), choices=DrillKind.choices, empty_label=_("全部形式"))
    plan = django_filters.NumberFilter(label=_("依据预案ID"), field_name="plan_id")
    team = django_filters.NumberFilter(label=_("参演队伍ID"), method="filter_team")

    class Meta:
        model = Drill
        fields = ["q", "year", "unit", "kind", "plan", "team"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(scenario__icontains=value))

    def filter_unit(self, queryset, name, value):
        # A subquery rather than a join: a drill shows once however many units took part.
        joined = Drill.participating_units.through.objects.filter(orgunit_id=value).values("drill_id")
        return queryset.filter(Q(organiser_id=value) | Q(pk__in=joined))

    def filter_team(self, queryset, name, value):
        return queryset.filter(pk__in=Drill.teams.through.objects.filter(rescueteam_id=value).values("drill_id"))
