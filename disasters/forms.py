from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.forms import DateInput, StyledFormMixin
from core.models import OrgUnit
from disasters.models import RiskPoint, RiskZone
from disasters.services import POINT_FIELDS, ZONE_FIELDS


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.parent.name} / {obj.name}"


class RiskPointForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = RiskPoint
        fields = [*POINT_FIELDS, "zones"]
        field_classes = {"village": VillageChoiceField}
        widgets = {
            "monitoring_installed_on": DateInput,
            "governed_on": DateInput,
            "written_off_on": DateInput,
            "note": forms.Textarea(attrs={"rows": 2}),
            "longitude": forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
            "latitude": forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.visible_to(user).filter(is_active=True)
        self.fields["township"].queryset = units.filter(kind=OrgUnitKind.TOWNSHIP).order_by("sort_order", "pk")
        self.fields["village"].queryset = (
            units.filter(kind=OrgUnitKind.VILLAGE).select_related("parent").order_by("path")
        )
        self.fields["supervising_department"].queryset = OrgUnit.objects.filter(
            kind=OrgUnitKind.DEPARTMENT, is_active=True
        ).order_by("sort_order")
        self.fields["zones"].queryset = RiskZone.objects.visible_to(user).select_related("township").order_by("code")
        self.fields["zones"].required = False
        self.fields["longitude"].help_text = _("十进制度，如 107.348512（本县约在东经107.2°～107.7°）")
        self.fields["latitude"].help_text = _("十进制度，如 30.327645（本县约在北纬29.6°～30.5°）")
        self.fields["monitoring_installed_on"].help_text = _("勾选“已建技防”而不填日期时，记为今天")

    def _post_clean(self):
        pass  # the service validates the whole point and names the fields; the form only parses values


class RiskZoneForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = RiskZone
        fields = list(ZONE_FIELDS)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.visible_to(user).filter(is_active=True, kind=OrgUnitKind.TOWNSHIP)
        self.fields["township"].queryset = units.order_by("sort_order", "pk")

    def _post_clean(self):
        pass
