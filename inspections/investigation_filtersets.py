import django_filters
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.filtersets import SmallSelectsMixin
from core.models import OrgUnit
from inspections.investigation_choices import AccidentLevel, InvestigationKind, InvestigationStatus
from inspections.models import Investigation


def _townships(request):
    return OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP).order_by("sort_order", "pk")


class InvestigationFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    """One filter set for the investigation list page and the API."""

    year = django_filters.NumberFilter(
        label=_("发生年度"), field_name="occurred_at__year", min_value=2000, max_value=2100, decimal_places=0
    )
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=InvestigationKind.choices, empty_label=_("全部类别"))
    level = django_filters.ChoiceFilter(label=_("等级"), choices=AccidentLevel.choices, empty_label=_("全部等级"))
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=InvestigationStatus.choices, empty_label=_("全部状态")
    )
    township = django_filters.ModelChoiceFilter(
        label=_("乡镇（街道）"), queryset=_townships, empty_label=_("全部乡镇（街道）")
    )

    class Meta:
        model = Investigation
        fields = ["year", "kind", "level", "status", "township"]
