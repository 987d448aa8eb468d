"""The duty overview (履职总览): the app's index, a unit's page and a leader's page."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.selectors import unit_in_scope, units_in_scope
from responsibilities import duty_selectors
from responsibilities.overview import leader_overview, leader_years, unit_overview


class ResponsibilitiesIndexView(LoginRequiredMixin, TemplateView):
    template_name = "responsibilities/overview_index.html"

    def get_context_data(self, **kwargs):
        units = list(units_in_scope(user=self.request.user))
        return {
            "townships": [u for u in units if u.kind == "township"],
            "departments": [u for u in units if u.kind == "department"],
        }


class UnitOverviewView(LoginRequiredMixin, TemplateView):
    template_name = "responsibilities/overview_unit.html"

    def get_context_data(self, **kwargs):
        unit = unit_in_scope(user=self.request.user, pk=kwargs["pk"])
        if unit is None:
            raise Http404
        return {
            "overview": unit_overview(user=self.request.user, unit=unit),
            "today": timezone.localdate(),
            "measure_list_url": f"{reverse('measure-list')}?unit={unit.pk}",
        }


class LeaderOverviewView(LoginRequiredMixin, TemplateView):
    template_name = "responsibilities/overview_leader.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        leader = get_object_or_404(duty_selectors.leader_queryset(user=user), pk=kwargs["pk"])
        years = leader_years(user=user, leader=leader)
        year = self._year(default=years[0] if years else timezone.localdate().year)
        overview = leader_overview(user=user, leader=leader, year=year)
        return {"overview": overview, "years": years, "measure_cards": _measure_cards(overview.measures)}

    def _year(self, default):
        raw = self.request.GET.get("year", "")
        if not raw:
            return default
        if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
            raise Http404
        return int(raw)


def _measure_cards(counts):
    return [
        (_("具体措施"), counts.total, "", "total"),
        (_("未完成"), counts.open, "", "open"),
        (_("滞后"), counts.behind, "text-warning", "behind"),
        (_("逾期"), counts.overdue, "text-danger", "overdue"),
    ]
