from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, MultipleFileField, StyledFormMixin
from disasters.choices import PatrolKind, PatrolSituation
from disasters.models import FloodSeason
from hazards.choices import HazardLevel


class DateTimeLocalInput(forms.DateTimeInput):
    """The phone's date-and-time picker; it needs ISO values (2024-06-03T08:30)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class CameraInput(forms.ClearableFileInput):
    """Opens the phone's camera (or its gallery); several photos at once."""

    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"accept": "image/*", "capture": "environment", **(attrs or {})})


class PatrolForm(StyledFormMixin, forms.Form):
    """Few fields, for a phone at the point: the hazard's fields show only when "open a hazard" is ticked."""

    risk_point = forms.ModelChoiceField(label=_("隐患点"), queryset=None)
    kind = forms.ChoiceField(label=_("巡查类型"), choices=PatrolKind.choices)
    patrolled_at = forms.DateTimeField(label=_("巡查时间"), widget=DateTimeLocalInput)
    situation = forms.ChoiceField(
        label=_("巡查情况"), choices=PatrolSituation.choices, widget=forms.RadioSelect, initial=PatrolSituation.NORMAL
    )
    findings = forms.CharField(
        label=_("发现情况"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("异常时必填：裂缝、变形、渗水、落石等"),
    )
    measures = forms.CharField(label=_("采取措施"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    photos = MultipleFileField(label=_("现场照片"), required=False, widget=CameraInput)
    patroller_name = forms.CharField(
        label=_("巡查人"), required=False, max_length=50, help_text=_("代群测群防员登记时填写其姓名；本人巡查可不填")
    )
    open_hazard = forms.BooleanField(label=_("同时开具隐患（整改）"), required=False)
    hazard_title = forms.CharField(
        label=_("隐患描述"), required=False, max_length=200, help_text=_("不填则取发现情况的第一行")
    )
    hazard_level = forms.ChoiceField(label=_("隐患等级"), choices=HazardLevel.choices, initial=HazardLevel.GENERAL)
    hazard_deadline = forms.DateField(label=_("整改期限"), required=False, widget=DateInput)

    def __init__(self, *args, points, risk_point=None, **kwargs):
        super().__init__(*args, **kwargs)
        if risk_point is not None:
            del self.fields["risk_point"]  # reached from the point's page: the point is in the URL
        else:
            self.fields["risk_point"].queryset = points
        self.fields["open_hazard"].widget.attrs["class"] = "form-check-input"
        self.fields["situation"].widget.attrs["class"] = "btn-check"
        self.fields["hazard_level"].required = False
        now = timezone.localtime()
        self.initial.setdefault("patrolled_at", now.replace(second=0, microsecond=0))
        if risk_point is not None and risk_point.monitor_name:
            self.fields["patroller_name"].widget.attrs["placeholder"] = risk_point.monitor_name


class FloodSeasonForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = FloodSeason
        fields = ["year", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}

    def validate_unique(self):
        pass  # setting a year again moves its season (the service updates the row)

    def _post_clean(self):
        pass  # the service validates and names the fields
