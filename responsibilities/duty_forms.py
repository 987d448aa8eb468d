from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.forms import StyledFormMixin
from core.models import OrgUnit
from responsibilities.models import Duty, DutyList, Leader, SectorSupervision
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


class LeaderForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Leader
        fields = ["name", "post", "unit", "user", "is_active", "sort_order"]


class SectorSupervisionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = SectorSupervision
        fields = ["sector", "department", "duty_text"]
        widgets = {"duty_text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT, is_active=True)

    def validate_unique(self):
        pass  # an existing pair is rewritten by sector_supervision_set, not refused
