from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.forms import StyledFormMixin
from core.models import OrgUnit
from disasters.models import Shelter
from disasters.shelter_services import FIELDS as SHELTER_FIELDS


class ShelterForm(StyledFormMixin, forms.ModelForm):
    """The covered villages are offered as checkboxes: the chosen township's villages (and any village of
    another township the shelter already covers). Choosing another township reloads them (htmx)."""

    covered_villages = forms.ModelMultipleChoiceField(
        label=_("覆盖村（社区）"),
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("该避难场所服务的村（社区），用于统计自然村全覆盖"),
    )

    class Meta:
        model = Shelter
        fields = list(SHELTER_FIELDS)
        widgets = {
            "note": forms.Textarea(attrs={"rows": 2}),
            "longitude": forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
            "latitude": forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        townships = OrgUnit.objects.visible_to(user).filter(kind=OrgUnitKind.TOWNSHIP, is_active=True)
        self.fields["township"].queryset = townships.order_by("sort_order", "code")
        self.township = self._chosen_township(townships)
        villages = OrgUnit.objects.filter(kind=OrgUnitKind.VILLAGE, is_active=True)
        own = villages.filter(parent=self.township) if self.township else villages.none()
        self.fields["village"].queryset = own.order_by("code")
        covered = self.instance.covered_villages.all() if self.instance.pk else OrgUnit.objects.none()
        self.fields["covered_villages"].queryset = (own | covered).select_related("parent").distinct().order_by("path")
        if self.instance.pk and not self.is_bound:
            self.initial["covered_villages"] = [v.pk for v in covered]
        self.fields["covered_villages"].empty_label = None  # the styling mixin's 请选择 is no village to tick
        self.fields["area_m2"].required = False
        self.fields["covered_villages"].widget.attrs["class"] = "form-check-input"
        self.fields["is_active"].widget.attrs["class"] = "form-check-input"
        self.fields["township"].widget.attrs |= {
            "hx-get": reverse("disasters:shelter-villages"),
            "hx-target": "#township-villages",
            "hx-trigger": "change",
        }

    def _chosen_township(self, townships):
        key = self.data.get("township") if self.is_bound else self.initial.get("township") or self.instance.township_id
        key = getattr(key, "pk", key)
        if key and str(key).isdigit():
            return townships.filter(pk=key).first()
        only = list(townships[:2])
        if len(only) == 1 and not self.is_bound:
            self.initial["township"] = only[0].pk
        return only[0] if len(only) == 1 else None

    def clean_area_m2(self):
        area = self.cleaned_data.get("area_m2")
        return 0 if area is None else area

    def _post_clean(self):
        pass  # the service validates the whole shelter and names the fields; the form only parses values
