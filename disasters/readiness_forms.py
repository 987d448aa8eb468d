from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, MultipleFileField, StyledFormMixin
from disasters import readiness_selectors as selectors
from disasters.models import Drill, EmergencyPlan, RescueTeam, TeamEquipment, TeamMember
from disasters.readiness_choices import IncidentKind, Speciality
from disasters.readiness_services import DRILL_FIELDS, EQUIPMENT_FIELDS, MEMBER_FIELDS, PLAN_FIELDS, TEAM_FIELDS


class ChecksMixin(StyledFormMixin):
    """StyledFormMixin, with check boxes left as check boxes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs.pop("class", None)  # the class would go on the options' wrapper as well
            elif isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"

    def _post_clean(self):
        pass  # the service validates the whole record and names the fields; the form only parses values


def _owner_field(form, name, user):
    form.fields[name].queryset = form.fields[name].queryset.filter(
        pk__in=[u.pk for u in selectors.changeable_owner_units(user=user)]
    )


class RescueTeamForm(ChecksMixin, forms.ModelForm):
    specialities = forms.MultipleChoiceField(
        label=_("专业方向"), choices=Speciality.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = RescueTeam
        fields = list(TEAM_FIELDS)
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _owner_field(self, "owner_unit", user)


class TeamMemberForm(ChecksMixin, forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = list(MEMBER_FIELDS)
        widgets = {"joined_on": DateInput, "certificates": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["joined_on"].required = False
        self.fields["joined_on"].help_text = _("不填则为今天")


class MemberLeaveForm(StyledFormMixin, forms.Form):
    left_on = forms.DateField(label=_("离队日期"), widget=DateInput)


class TeamEquipmentForm(ChecksMixin, forms.ModelForm):
    class Meta:
        model = TeamEquipment
        fields = list(EQUIPMENT_FIELDS)
        widgets = {"quantity": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"})}


class EmergencyPlanForm(ChecksMixin, forms.ModelForm):
    incident_kinds = forms.MultipleChoiceField(
        label=_("适用事件类型"), choices=IncidentKind.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    upload = forms.FileField(label=_("预案文本（PDF、Word）"), required=False)

    class Meta:
        model = EmergencyPlan
        fields = list(PLAN_FIELDS)
        widgets = {
            "approved_on": DateInput,
            "revised_on": DateInput,
            "next_revision_due": DateInput,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _owner_field(self, "owner_unit", user)
        self.fields["next_revision_due"].required = False
        self.fields["next_revision_due"].help_text = _("不填则为最近修订（或印发）日期起3年")
        if self.instance.pk:
            self.fields["next_revision_due"].help_text = _("修改印发或修订日期并清空此项，将按3年重新计算")


class DrillForm(ChecksMixin, forms.ModelForm):
    files = MultipleFileField(label=_("现场照片、脚本或总结"), required=False)

    class Meta:
        model = Drill
        fields = [*DRILL_FIELDS, "participating_units", "teams"]
        widgets = {
            "held_on": DateInput,
            "scenario": forms.Textarea(attrs={"rows": 3}),
            "findings": forms.Textarea(attrs={"rows": 3}),
            "improvements": forms.Textarea(attrs={"rows": 3}),
            "participating_units": forms.SelectMultiple(attrs={"size": 6}),
            "teams": forms.CheckboxSelectMultiple,
            "participants": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _owner_field(self, "organiser", user)
        self.fields["plan"].queryset = EmergencyPlan.objects.visible_to(user).filter(is_current=True)
        self.fields["teams"].queryset = RescueTeam.objects.visible_to(user).filter(is_active=True).order_by("name")
        self.fields["participating_units"].queryset = selectors.participating_unit_choices(user=user)
        self.fields["participating_units"].help_text = _("按住Ctrl（手机上点选）可选多个")
        self.fields["files"].widget.attrs["accept"] = "image/*,application/pdf,.doc,.docx,.xls,.xlsx"
