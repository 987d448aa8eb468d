from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin
from responsibilities.models import Duty, DutyList
from tasks.models import KeyAction, WorkItem


class DutyListForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = DutyList
        fields = ["leader", "year", "kind", "note"]


class DutyForm(StyledFormMixin, forms.ModelForm):
    """The linked work items and key actions are offered from the list's own year only."""

    class Meta:
        model = Duty
        fields = ["order", "text", "work_items", "key_actions"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["order"].help_text = _("留空则排在最后。")
        self.fields["work_items"].queryset = WorkItem.objects.filter(plan__year=year).order_by("number")
        self.fields["key_actions"].queryset = KeyAction.objects.filter(plan__year=year).order_by("number")
        for name in ("work_items", "key_actions"):
            self.fields[name].widget.attrs["size"] = 8

    def _post_clean(self):
        # The service validates the duty (and its uniqueness) once, with the list set.
        pass


class DutyReportForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("述职内容"), widget=forms.Textarea(attrs={"rows": 12}), required=False)


class DutyReportReviewForm(StyledFormMixin, forms.Form):
    review_note = forms.CharField(label=_("审阅意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
