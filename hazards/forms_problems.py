from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin


class ListingForm(StyledFormMixin, forms.Form):
    """挂牌督办 of one major hazard, a row of the 动态清零 page (prefixed by the hazard, so rows don't clash)."""

    listing_leader = forms.CharField(
        label=_("督办领导"), max_length=50, error_messages={"required": _("请填写督办领导。")}
    )
    listing_deadline = forms.DateField(
        label=_("督办期限"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("请填写督办期限。"), "invalid": _("督办期限应为日期，如2024-09-30。")},
    )
    comment = forms.CharField(label=_("督办要求"), max_length=500, required=False)

    @classmethod
    def for_hazard(cls, hazard, data=None):
        initial = {"listing_leader": hazard.listing_leader, "listing_deadline": hazard.listing_deadline}
        return cls(data, prefix=f"h{hazard.pk}", initial=initial)

    def clean_listing_deadline(self):
        deadline = self.cleaned_data["listing_deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("督办期限不能早于今天。"))
        return deadline
