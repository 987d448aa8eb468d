"""One filter set for the duty lists: the Excel export filters duties with it, and the leader list page filters
leaders with the same fields (LeaderFilterSet), so the page's 导出 link passes its own query string on."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.filtersets import SmallSelectsMixin
from responsibilities.models import Duty, DutyList, DutyListKind, Leader

FIELDS = ["year", "kind", "unit", "leader"]


class DutyFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("年度"), field_name="duty_list__year", min_value=2000, max_value=2100)
    kind = django_filters.ChoiceFilter(
        label=_("清单类别"), field_name="duty_list__kind", choices=DutyListKind.choices, empty_label=_("全部类别")
    )
    unit = django_filters.NumberFilter(label=_("所在单位ID"), field_name="duty_list__leader__unit_id")
    leader = django_filters.NumberFilter(label=_("领导干部ID"), field_name="duty_list__leader_id")

    class Meta:
        model = Duty
        fields = FIELDS


class LeaderFilterSet(DutyFilterSet):
    """The leaders whose duties DutyFilterSet would give: a year and a kind name one list of theirs together."""

    class Meta:
        model = Leader
        fields = FIELDS

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        of_list = {name: data[name] for name in ("year", "kind") if data.get(name) not in (None, "")}
        if of_list:
            queryset = queryset.filter(Exists(DutyList.objects.filter(leader=OuterRef("pk"), **of_list)))
        if data.get("unit") is not None:
            queryset = queryset.filter(unit_id=data["unit"])
        if data.get("leader") is not None:
            queryset = queryset.filter(pk=data["leader"])
        return queryset
