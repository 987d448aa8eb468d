from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.forms import DateInput, MultipleFileField, StyledFormMixin
from core.models import Enterprise, OrgUnit
from hazards.models import Hazard, ProblemList
from hazards.services import FIELDS as HAZARD_FIELDS


class PhotoInput(forms.ClearableFileInput):
    """Opens the phone's camera (or its gallery) and takes several photos at once."""

    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"accept": "image/*,application/pdf", "capture": "environment", **(attrs or {})})


class HazardForm(StyledFormMixin, forms.ModelForm):
    photos = MultipleFileField(label=_("现场照片或文件"), required=False, widget=PhotoInput)

    class Meta:
        model = Hazard
        fields = list(HAZARD_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 2}),
            "found_on": DateInput,
            "deadline": DateInput,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.visible_to(user).filter(is_active=True)
        self.fields["territory"].queryset = units.filter(
            kind__in=[OrgUnitKind.TOWNSHIP, OrgUnitKind.VILLAGE, OrgUnitKind.GRID]
        ).order_by("path")
        self.fields["territory"].required = False
        self.fields["territory"].help_text = _("选择了生产经营单位时可不填，默认为其所在乡镇（街道）")
        self.fields["supervising_department"].queryset = OrgUnit.objects.filter(
            kind=OrgUnitKind.DEPARTMENT, is_active=True
        ).order_by("sort_order")
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user).order_by("name")
        self.fields["problem_list"].queryset = ProblemList.objects.filter(is_active=True)
        self.fields["problem_list"].required = False
        self.fields["problem_list"].help_text = _("不选则为安全生产和自然灾害问题清单")

    def _post_clean(self):
        pass  # the service validates the whole hazard and names the fields; the form only parses values


class HazardEditForm(HazardForm):
    comment = forms.CharField(label=_("修改说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, editable, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in editable and name not in ("photos", "comment"):
                del self.fields[name]


class TransitionForm(StyledFormMixin, forms.Form):
    to = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    photos = MultipleFileField(label=_("整改后照片或文件"), required=False, widget=PhotoInput)
