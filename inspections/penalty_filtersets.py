import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.filtersets import SmallSelectsMixin
from inspections.choices import PartyKind
from inspections.models import Penalty
from inspections.months import month_range, parse_month


def validate_month(value):
    try:
        parse_month(value)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict["month"]) from exc


class PenaltyFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    """One filter set for the penalty list page and the API."""

    department = django_filters.NumberFilter(label=_("处罚部门ID"), field_name="department_id")
    month = django_filters.CharFilter(
        label=_("决定月份（如 2024-05）"), method="filter_month", validators=[validate_month]
    )
    enterprise = django_filters.NumberFilter(label=_("生产经营单位ID"), field_name="enterprise_id")
    party_kind = django_filters.ChoiceFilter(label=_("处罚对象"), choices=PartyKind.choices, empty_label=_("全部对象"))
    referred = django_filters.BooleanFilter(label=_("移送司法机关"), field_name="referred_to_justice")
    case_number = django_filters.CharFilter(label=_("案号"), field_name="case_number")

    class Meta:
        model = Penalty
        fields = ["department", "month", "enterprise", "party_kind", "referred", "case_number"]

    def filter_month(self, queryset, name, value):
        start, end = month_range(parse_month(value))
        return queryset.filter(decided_on__gte=start, decided_on__lt=end)
