"""Patrol pages: the list and a patrol, recording one (from a risk point or choosing it), missing patrols per
township and per point, and the flood season the county office sets."""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.evidence import evidence_file_response
from core.forms import run_service
from core.idempotency import create_once
from disasters import patrol_selectors as selectors
from disasters import patrol_services as services
from disasters.choices import SITUATION_COLOURS, PatrolKind
from disasters.models import FloodSeason, PatrolEvidence, RiskPoint
from disasters.patrol_forms import FloodSeasonForm, PatrolForm
from disasters.patrol_periods import default_season, period_for


class PatrolListView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/patrols_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = selectors.patrol_list(user=user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return {
            "filterset": filterset,
            "page": Paginator(rows.order_by("-patrolled_at", "-pk"), 50).get_page(self.request.GET.get("page")),
            "query": self.request.GET.urlencode(),
            "kinds": PatrolKind.choices,
            "situation_colours": SITUATION_COLOURS,
            "can_record": selectors.recordable_points(user=user).exists(),
            **selectors.patrol_filter_choices(user=user),
        }


class PatrolDetailView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/patrols_detail.html"

    def get_context_data(self, **kwargs):
        patrol = get_object_or_404(selectors.patrol_detail_queryset(user=self.request.user), pk=kwargs["pk"])
        return {"patrol": patrol, "situation_colour": SITUATION_COLOURS[patrol.situation]}


class PatrolEvidenceView(LoginRequiredMixin, View):
    """Patrol photos are served here, to those who may see the patrol, never from a public media URL."""

    def get(self, request, pk):
        evidence = get_object_or_404(
            PatrolEvidence.objects.filter(patrol__in=selectors.patrol_queryset(user=request.user)), pk=pk
        )
        return evidence_file_response(
            evidence.file, filename=evidence.original_name, content_type=evidence.content_type
        )


class PatrolCreateView(LoginRequiredMixin, View):
    """Record a patrol: from a risk point's page (the point in the URL) or from the list (choose the point)."""

    template_name = "disasters/patrols_form.html"

    def _point(self, request, point_pk):
        if point_pk is None:
            return None
        point = get_object_or_404(
            RiskPoint.objects.visible_to(request.user).select_related("township", "village", "supervising_department"),
            pk=point_pk,
        )
        if not services.may_record_patrol(request.user, point):
            raise PermissionDenied(_("您只能记录本乡镇（街道）或本部门主管的隐患点的巡查。"))
        return point

    def _form(self, request, point, data=None, files=None):
        points = selectors.recordable_points(user=request.user)
        if point is None and not points.exists():
            raise PermissionDenied(_("您没有可以记录巡查的隐患点。"))
        in_season = period_for(timezone.localdate()).in_season
        initial = {"kind": PatrolKind.IN_SEASON if in_season else PatrolKind.ROUTINE}
        if request.GET.get("risk_point"):
            initial["risk_point"] = request.GET["risk_point"]
        return PatrolForm(data, files, points=points, risk_point=point, initial=initial)

    def get(self, request, point_pk=None):
        point = self._point(request, point_pk)
        return render(request, self.template_name, {"form": self._form(request, point), "risk_point": point})

    def post(self, request, point_pk=None):
        point = self._point(request, point_pk)
        form = self._form(request, point, request.POST, request.FILES)
        if form.is_valid():
            values = dict(form.cleaned_data)
            values["risk_point"] = point or values["risk_point"]
            values["files"] = values.pop("photos")
            values["hazard_level"] = values["hazard_level"] or "general"
            outcome = _call(
                form,
                lambda: create_once(
                    request, kind="patrol", create=lambda: services.patrol_record(actor=request.user, **values)
                ),
            )
            if outcome and outcome.replayed:
                messages.info(request, _("该记录已提交，未重复保存。"))
                return redirect("disasters:patrol-detail", pk=outcome.record.pk)
            if outcome:
                patrol = outcome.record
                if patrol.hazard_id:
                    messages.success(request, _("已记录巡查，并开具隐患%(n)s。") % {"n": patrol.hazard.number})
                else:
                    messages.success(request, _("已记录巡查。"))
                return redirect("disasters:patrol-detail", pk=patrol.pk)
        return render(request, self.template_name, {"form": form, "risk_point": point}, status=400)


def _call(form, call):
    try:
        return run_service(form, call)
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
        return None


def _day(request):
    return parse_date(request.GET.get("on") or "") or timezone.localdate()


class MissingPatrolsView(LoginRequiredMixin, TemplateView):
    """This period's missing patrols per township; `?township=` lists that township's points."""

    template_name = "disasters/patrols_missing.html"

    def get_context_data(self, **kwargs):
        on = _day(self.request)
        result = selectors.missing_patrols(user=self.request.user, on=on)
        township, points = None, None
        if self.request.GET.get("township", "").isdigit():
            township_id = int(self.request.GET["township"])
            township = next((t for t in result.townships if t["township_id"] == township_id), None)
            if township is None:
                raise Http404
            points = result.points.filter(township_id=township_id).order_by("-missing", "code")
        return {
            "result": result,
            "on": on,
            "township": township,
            "points": points,
            "totals": {
                "points": sum(t["point_count"] for t in result.townships),
                "behind": sum(t["behind"] for t in result.townships),
                "missing": sum(t["missing_total"] or 0 for t in result.townships),
            },
            "previous_on": result.period.start - datetime.timedelta(days=1),
            "next_on": result.period.end + datetime.timedelta(days=1),
        }


class FloodSeasonView(LoginRequiredMixin, View):
    """Every signed-in person sees the seasons; the county office sets them."""

    template_name = "disasters/patrols_flood_season.html"

    def _context(self, request, form=None):
        may_set = services.may_set_flood_season(request.user)
        year = timezone.localdate().year
        if may_set and form is None:
            form = FloodSeasonForm(initial={"year": year})
        return {
            "seasons": FloodSeason.objects.select_related("set_by"),
            "form": form if may_set else None,
            "default": default_season(year),
        }

    def get(self, request):
        return render(request, self.template_name, self._context(request))

    def post(self, request):
        if not services.may_set_flood_season(request.user):
            raise PermissionDenied(_("只有安委办（应急局）管理员可以设置汛期。"))
        form = FloodSeasonForm(request.POST)
        if form.is_valid():
            season = _call(form, lambda: services.flood_season_set(actor=request.user, **form.cleaned_data))
            if season:
                messages.success(request, _("已设置%(year)d年汛期。") % {"year": season.year})
                return redirect("disasters:flood-season")
        return render(request, self.template_name, self._context(request, form), status=400)
