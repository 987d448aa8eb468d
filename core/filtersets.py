import django_filters
from django.utils.translation import gettext_lazy as _

from core.choices import EnterpriseScale, OrgUnitKind, Sector
from core.models import Enterprise, OrgUnit


class OrgUnitFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=OrgUnitKind.choices)
    parent = django_filters.NumberFilter(label=_("上级单位ID"), field_name="parent_id")
    code = django_filters.CharFilter(label=_("编码"))
    q = django_filters.CharFilter(label=_("名称包含"), field_name="name", lookup_expr="icontains")

    class Meta:
        model = OrgUnit
        fields = ["kind", "parent", "code", "q"]


class EnterpriseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称、别名或信用代码"), method="filter_q")
    sector = django_filters.ChoiceFilter(label=_("行业领域"), choices=Sector.choices, empty_label=_("全部行业"))
    scale = django_filters.ChoiceFilter(label=_("规模"), choices=EnterpriseScale.choices, empty_label=_("全部规模"))
    township = django_filters.NumberFilter(label=_("乡镇（街道）ID"), field_name="township_id")
    supervising_department = django_filters.NumberFilter(
        label=_("行业监管部门ID"), field_name="supervising_department_id"
    )

    class Meta:
        model = Enterprise
        fields = ["q", "sector", "scale", "township", "supervising_department"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


class SmallSelectsMixin:
    """The list pages show a filter set's fields as small controls."""

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            field.widget.attrs.setdefault("class", "form-select form-select-sm")
        return form
