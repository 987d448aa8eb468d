import django_filters
from django.utils.translation import gettext_lazy as _

from core.choices import Sector
from hazards.choices import Cadence, InspectionResult
from hazards.models import EnterpriseChecklist, SelfInspection


class EnterpriseChecklistFilterSet(django_filters.FilterSet):
    """Who is expected to check what: the 日周月排查 page and the API's `missed/` list."""

    q = django_filters.CharFilter(label=_("单位名称包含"), field_name="enterprise__name", lookup_expr="icontains")
    township = django_filters.NumberFilter(label=_("乡镇（街道）ID"), field_name="enterprise__township_id")
    sector = django_filters.ChoiceFilter(
        label=_("行业领域"), field_name="enterprise__sector", choices=Sector.choices, empty_label=_("全部行业")
    )
    cadence = django_filters.ChoiceFilter(
        label=_("检查频次"), field_name="checklist__cadence", choices=Cadence.choices, empty_label=_("全部频次")
    )
    enterprise = django_filters.NumberFilter(label=_("生产经营单位ID"), field_name="enterprise_id")

    class Meta:
        model = EnterpriseChecklist
        fields = ["q", "township", "sector", "cadence", "enterprise"]


class SelfInspectionFilterSet(django_filters.FilterSet):
    township = django_filters.NumberFilter(label=_("乡镇（街道）ID"), field_name="enterprise__township_id")
    sector = django_filters.ChoiceFilter(
        label=_("行业领域"), field_name="enterprise__sector", choices=Sector.choices, empty_label=_("全部行业")
    )
    cadence = django_filters.ChoiceFilter(label=_("检查频次"), choices=Cadence.choices, empty_label=_("全部频次"))
    result = django_filters.ChoiceFilter(
        label=_("检查结果"), choices=InspectionResult.choices, empty_label=_("全部结果")
    )
    enterprise = django_filters.NumberFilter(label=_("生产经营单位ID"), field_name="enterprise_id")
    checklist = django_filters.NumberFilter(label=_("检查表ID"), field_name="checklist_id")
    performed_from = django_filters.DateFilter(label=_("检查日期起"), field_name="performed_on", lookup_expr="gte")
    performed_to = django_filters.DateFilter(label=_("检查日期止"), field_name="performed_on", lookup_expr="lte")

    class Meta:
        model = SelfInspection
        fields = [
            "township",
            "sector",
            "cadence",
            "result",
            "enterprise",
            "checklist",
            "performed_from",
            "performed_to",
        ]
