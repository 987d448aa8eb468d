"""The township "五有" form: the record, its equipment and vehicles (blank rows ignored), one grid row per village."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin
from responsibilities.capability_choices import FIVE, AssetCondition, AssetKind
from responsibilities.capability_services import CAPABILITY_FIELDS
from responsibilities.models import TownshipCapability

GROUPS = {
    "organisation": ("organisation_level", "office_name", "office_document", "organisation_note"),
    "staff": ("staff_level", "full_time_staff", "part_time_staff", "staff_note"),
    "conditions": ("conditions_level", "conditions_note"),
    "ability": ("ability_level", "drills_held", "trainings_held", "ability_note"),
    "rules": ("rules_level", "rules_in_place", "rules_note"),
}


class TownshipCapabilityForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = TownshipCapability
        fields = ["year", *CAPABILITY_FIELDS]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in CAPABILITY_FIELDS if name.endswith("_note")} | {
            "rules_in_place": forms.Textarea(attrs={"rows": 3})
        }

    def __init__(self, *args, year_fixed=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].min_value = 2000
        self.fields["year"].max_value = 2100
        if year_fixed:
            self.fields["year"].disabled = True
        for name in CAPABILITY_FIELDS:
            if name.endswith("_level"):
                self.fields[name].choices = [("", _("未填报")), *self.fields[name].choices[1:]]
                self.fields[name].widget.attrs["class"] += " fw-semibold"

    @property
    def groups(self):
        """The fields under each of the five: (prefix, label, bound fields), in the plan's order."""
        return [(prefix, label, [self[name] for name in GROUPS[prefix]]) for prefix, label in FIVE]

    def _post_clean(self):
        pass  # the service validates the record (and its uniqueness) once, with the township set


class AssetForm(StyledFormMixin, forms.Form):
    """A row whose name is blanked is dropped (that is how a row is removed)."""

    kind = forms.ChoiceField(label=_("类别"), choices=AssetKind.choices, initial=AssetKind.EQUIPMENT)
    name = forms.CharField(label=_("名称"), max_length=100, required=False)
    quantity = forms.IntegerField(label=_("数量"), min_value=1, max_value=100000, required=False)
    condition = forms.ChoiceField(label=_("状况"), choices=AssetCondition.choices, initial=AssetCondition.GOOD)

    def clean(self):
        data = super().clean()
        if (data.get("name") or "").strip() and data.get("quantity") is None and "quantity" not in self.errors:
            self.add_error("quantity", _("请填写数量。"))
        return data


AssetFormSet = forms.formset_factory(AssetForm, extra=3)


class GridForm(StyledFormMixin, forms.Form):
    village = forms.IntegerField(widget=forms.HiddenInput)
    grid_count = forms.IntegerField(label=_("网格数"), min_value=0, max_value=1000, initial=0)
    worker_count = forms.IntegerField(label=_("网格员数"), min_value=0, max_value=1000, initial=0)
    worker_names = forms.CharField(label=_("网格员姓名"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("worker_count") and not (data.get("worker_names") or "").strip():
            self.add_error("worker_names", _("请填写网格员姓名。"))
        return data


GridFormSet = forms.formset_factory(GridForm, extra=0)


def asset_rows(formset):
    return [f.cleaned_data for f in formset.forms if (f.cleaned_data.get("name") or "").strip()]


def grid_rows(formset, villages):
    """The rows of the villages offered (a forged id is dropped), each with its village."""
    by_id = {v.pk: v for v in villages}
    rows = [dict(f.cleaned_data) for f in formset.forms if f.cleaned_data.get("village") in by_id]
    for row in rows:
        row["village"] = by_id[row["village"]]
    return rows
