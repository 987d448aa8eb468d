"""The problem list (问题清单) with its age buckets, the units' scores (评价细则) and the 动态清零 page of major
hazards with 挂牌督办."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from core.scoping import scope_for
from hazards import selectors, services
from hazards.choices import HAZARD_STATUS_CSS, AgeBucket, HazardStatus, ScorePart
from hazards.clearance import major_open_series, with_bars
from hazards.forms_problems import ListingForm
from hazards.permissions import may_list_for_supervision
from hazards.scoring import unit_scores

PAGE_SIZE = 50


def _mark_ages(hazards, today):
    for hazard in hazards:
        hazard.age_days = (today - hazard.found_on).days
        hazard.is_overdue = hazard.status != HazardStatus.CLOSED and hazard.deadline < today
        hazard.status_css = HAZARD_STATUS_CSS[hazard.status]


def _bucket_links(request, counts):
    """Each age bucket with its count and the link that filters by it (the other filters kept)."""
    query = request.GET.copy()
    query.pop("page", None)
    current = query.pop("age", [""])[-1]
    links = []
    for bucket in AgeBucket:
        query["age"] = bucket.value
        links.append(
            {
                "label": bucket.label,
                "count": counts[bucket],
                "url": f"?{query.urlencode()}",
                "active": current == bucket,
            }
        )
    query.pop("age")
    return links, f"?{query.urlencode()}"


class ProblemListView(LoginRequiredMixin, TemplateView):
    template_name = "hazards/problem_list.html"

    def get_context_data(self, **kwargs):
        user, today = self.request.user, timezone.localdate()
        filterset = selectors.problem_list(user=user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        without_age = self.request.GET.copy()
        without_age.pop("age", None)
        counted = selectors.problem_list(user=user, filters=without_age)
        counts = selectors.age_bucket_counts(counted.qs if counted.is_valid() else rows.none(), today=today)
        page = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("page"))
        _mark_ages(page, today)
        buckets, all_ages_url = _bucket_links(self.request, counts)
        part = filterset.form.cleaned_data.get("score_part") if filterset.is_valid() else None
        return {
            "filterset": filterset,
            "page": page,
            "buckets": buckets,
            "all_ages_url": all_ages_url,
            "open_total": sum(counts.values()),
            "score_part": ScorePart(part) if part else None,
            **selectors.problem_filter_choices(user=user),
        }


def _year(request, today):
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


def _with_links(rows, year):
    base = reverse("hazards:problems")
    for row in rows:
        query = {"open": "", "unit": row.unit.pk, "year": year}
        row.all_url = f"{base}?{urlencode(query)}"
        row.cells = [
            {
                "part": part,
                "count": row.counts[part.value],
                "url": f"{base}?{urlencode({**query, 'score_part': part.value})}",
            }
            for part in ScorePart
        ]
    return rows


class UnitScoreView(LoginRequiredMixin, TemplateView):
    """评价细则: county-wide roles see every township and department; a unit's head sees the unit's own row."""

    template_name = "hazards/unit_scores.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        year = _year(self.request, today)
        townships, departments = unit_scores(user=self.request.user, year=year, today=today)
        return {
            "year": year,
            "years": range(today.year, today.year - 5, -1),
            "townships": _with_links(townships, year),
            "departments": _with_links(departments, year),
            "weights": [(part, settings.HAZARD_SCORE_WEIGHTS[part.value]) for part in ScorePart],
            "parts": list(ScorePart),
        }


def _major_context(request, failed=None):
    """The 动态清零 page; `failed` is (hazard pk, bound form) of a refused 挂牌督办, shown with what was typed."""
    user, today = request.user, timezone.localdate()
    hazards = selectors.major_open_hazards(user=user)
    page = Paginator(hazards, PAGE_SIZE).get_page(request.GET.get("page"))
    _mark_ages(page, today)
    can_list = may_list_for_supervision(user)
    for hazard in page:
        if can_list:
            hazard.listing_form = failed[1] if failed and failed[0] == hazard.pk else ListingForm.for_hazard(hazard)
    series = with_bars(major_open_series(user=user, today=today)) if scope_for(user).sees_all else None
    return {
        "page": page,
        "totals": selectors.major_totals(hazards, today=today),
        "can_list": can_list,
        "failed_form": failed[1] if failed else None,
        "series": series,
    }


class MajorHazardView(LoginRequiredMixin, View):
    template_name = "hazards/major_hazards.html"

    def get(self, request):
        return render(request, self.template_name, _major_context(request))


class HazardListingView(LoginRequiredMixin, View):
    """挂牌督办 one major hazard from its row on the 动态清零 page (county office only)."""

    def post(self, request, pk):
        hazard = get_object_or_404(selectors.hazard_queryset(user=request.user), pk=pk)
        if not may_list_for_supervision(request.user):
            raise PermissionDenied(_("只有安委办可以挂牌督办。"))
        form = ListingForm.for_hazard(hazard, request.POST)
        if form.is_valid() and run_service(
            form,
            lambda: services.hazard_list_for_supervision(
                actor=request.user,
                hazard=hazard,
                leader=form.cleaned_data["listing_leader"],
                deadline=form.cleaned_data["listing_deadline"],
                comment=form.cleaned_data["comment"],
            ),
        ):
            messages.success(request, _("%(number)s 已挂牌督办。") % {"number": hazard.number})
            return redirect("hazards:major")
        context = _major_context(request, failed=(hazard.pk, form))
        return render(request, MajorHazardView.template_name, context | {"failed_hazard": hazard}, status=400)
