from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dashboards.models import RankingMetric


class RankingWeightsForm(forms.Form):
    """One weight and one “计入得分” switch per metric; a refused form keeps what was typed."""

    def __init__(self, *args, weights, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for w in weights:
            metric = RankingMetric(w.metric)
            weight = forms.DecimalField(
                label=metric.label, max_digits=4, decimal_places=1, min_value=Decimal(-100), max_value=Decimal(100)
            )
            self.fields[f"weight_{metric.value}"] = weight
            self.fields[f"active_{metric.value}"] = forms.BooleanField(label=_("计入得分"), required=False)
            self.initial.setdefault(f"weight_{metric.value}", w.weight)
            self.initial.setdefault(f"active_{metric.value}", w.is_active)
            self.rows.append((metric, self[f"weight_{metric.value}"], self[f"active_{metric.value}"]))

    def values(self):
        data = self.cleaned_data
        return {m.value: (data[f"weight_{m.value}"], data[f"active_{m.value}"]) for m, _w, _a in self.rows}

    def add_service_errors(self, exc: ValidationError):
        for key, errors in exc.message_dict.items():
            field = f"weight_{key}"
            self.add_error(field if field in self.fields else None, errors)
