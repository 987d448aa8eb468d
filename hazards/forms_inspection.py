from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin

OK, PROBLEM = "ok", "problem"
ANSWERS = [(OK, _("正常")), (PROBLEM, _("有问题"))]


class SelfInspectionForm(StyledFormMixin, forms.Form):
    """One check against a checklist: each item 正常 or 有问题 with what was found, on a phone."""

    # An <input type="date"> takes only ISO dates; the zh-hans default format (2024/06/03) would show it empty.
    performed_on = forms.DateField(
        label=_("检查日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    extra = forms.CharField(
        label=_("检查表以外发现的问题"),
        required=False,
        help_text=_("每行写一条，每条登记为一条自查自报隐患。"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, items, **kwargs):
        kwargs.setdefault("initial", {"performed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"answer_{item.pk}"] = forms.ChoiceField(
                label=str(item),
                choices=ANSWERS,
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                error_messages={"required": _("请选择这一项的检查结果。")},
            )
            self.fields[f"finding_{item.pk}"] = forms.CharField(
                label=_("发现的问题"),
                required=False,
                max_length=1000,
                widget=forms.Textarea(
                    attrs={"rows": 2, "class": "form-control", "placeholder": _("有问题时写明问题和位置")}
                ),
            )

    def item_rows(self):
        return [(item, self[f"answer_{item.pk}"], self[f"finding_{item.pk}"]) for item in self.items]

    def clean(self):
        cleaned = super().clean()
        for item in self.items:
            answer, text = cleaned.get(f"answer_{item.pk}"), (cleaned.get(f"finding_{item.pk}") or "").strip()
            if answer == PROBLEM and not text:
                self.add_error(f"finding_{item.pk}", _("选择了“有问题”，请写明发现的问题。"))
            elif answer == OK and text:
                self.add_error(f"finding_{item.pk}", _("选择了“正常”却写了问题：请改选“有问题”或删去这段文字。"))
        return cleaned

    def results(self):
        """The answers in the form hazards.self_inspection.self_inspection_record takes."""
        data = self.cleaned_data
        results = [
            {"item": item, "ok": data[f"answer_{item.pk}"] == OK, "finding": data[f"finding_{item.pk}"]}
            for item in self.items
        ]
        lines = (line.strip() for line in data["extra"].splitlines())
        return results + [{"item": None, "ok": False, "finding": line} for line in lines if line]
