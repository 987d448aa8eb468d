"""The 晾晒比拼 page (/dashboard/ranking/?kind=township|department&period=2024-05|2024Q2) and the county office's
page for its weights.

Everyone signed in sees the whole ranking: it is published within the county government (晾晒). The links
behind the numbers lead only to the lists of units the person may see; for other units the numbers are plain."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.choices import OrgUnitKind
from core.history import history_for
from core.scoping import scope_for
from dashboards.dates import first_plan_day
from dashboards.ranking import ranking_weights, unit_ranking
from dashboards.ranking_forms import RankingWeightsForm
from dashboards.ranking_periods import RankingPeriod, ranking_params
from dashboards.ranking_services import ranking_weights_set

KINDS = [(OrgUnitKind.TOWNSHIP, _("乡镇（街道）")), (OrgUnitKind.DEPARTMENT, _("县级部门"))]


def recent_periods(today):
    """The last six months and four quarters that have begun and are not before the first plan."""
    months, quarters = [], []
    year, month = today.year, today.month
    for _i in range(6):
        months.append(RankingPeriod.month(year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    year, quarter = today.year, (today.month - 1) // 3 + 1
    for _i in range(4):
        quarters.append(RankingPeriod.quarter(year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    first = first_plan_day()
    return [p for p in months + quarters if first is None or p.last >= first]


class RankingView(LoginRequiredMixin, TemplateView):
    template_name = "dashboards/ranking.html"

    def get(self, request, *args, **kwargs):
        context = {
            "kinds": KINDS,
            "asked_kind": request.GET.get("kind") or OrgUnitKind.TOWNSHIP,
            "asked_period": request.GET.get("period", ""),
            "recent_periods": recent_periods(timezone.localdate()),
            "may_edit_weights": scope_for(request.user).changes_all,
        }
        try:
            kind, period = ranking_params(request.GET)
        except ValidationError as exc:
            context["errors"] = [m for messages_ in exc.message_dict.values() for m in messages_]
            return self.render_to_response(context, status=400)
        context["ranking"] = unit_ranking(user=request.user, kind=kind, period=period)
        context["asked_period"] = context["asked_period"] or period.text
        return self.render_to_response(context)


def _shown(value):
    if isinstance(value, bool):
        return _("是") if value else _("否")
    return value


class RankingWeightsView(LoginRequiredMixin, View):
    """The county office sets each metric's weight and whether it counts; the page lists who changed what."""

    template_name = "dashboards/ranking_weights.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scope_for(request.user).changes_all:
            raise PermissionDenied(_("只有安委办可以修改晾晒比拼的指标权重。"))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        weights = ranking_weights()
        return self._render(request, RankingWeightsForm(weights=weights), weights)

    def post(self, request):
        weights = ranking_weights()
        form = RankingWeightsForm(request.POST, weights=weights)
        if form.is_valid():
            try:
                ranking_weights_set(actor=request.user, values=form.values())
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("晾晒比拼的指标权重已保存。"))
                return redirect("dashboards:ranking-weights")
        return self._render(request, form, weights, status=400)

    def _render(self, request, form, weights, status=200):
        changes = [(w.get_metric_display(), entry) for w in weights if w.pk for entry in history_for(w, limit=20)]
        for _metric, entry in changes:
            entry.changes = [(label, _shown(old), _shown(new)) for label, old, new in entry.changes]
        changes.sort(key=lambda change: change[1].when, reverse=True)
        return render(request, self.template_name, {"form": form, "changes": changes[:30]}, status=status)
