"""基层应急能力 pages: the county table of every township's "五有" (安委办, 县领导), one township's record and its
form. Reads come from capability_selectors (scoped), writes go through capability_services."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from responsibilities import capability_selectors as selectors
from responsibilities import capability_services as services
from responsibilities.capability_choices import LEVEL_COLOURS
from responsibilities.capability_forms import (
    AssetFormSet,
    GridFormSet,
    TownshipCapabilityForm,
    asset_rows,
    grid_rows,
)
from responsibilities.models import TownshipCapability


def default_year():
    from tasks.models import Plan

    return Plan.objects.order_by("-year").values_list("year", flat=True).first() or timezone.localdate().year


def _year(value):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default_year()
    return year if 2000 <= year <= 2100 else default_year()


class CapabilityCountyView(LoginRequiredMixin, TemplateView):
    template_name = "responsibilities/capability_county.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        year = _year(self.request.GET.get("year"))
        short_only = self.request.GET.get("short") in ("1", "true", "on")
        rows = selectors.county_table(user=user, year=year, short_only=short_only)
        return {
            "year": year,
            "short_only": short_only,
            "rows": rows,
            "short_count": sum(1 for row in rows if row["short"]),
            "writable": {t.pk for t in selectors.writable_townships(user=user)},
        }


class CapabilityDetailView(LoginRequiredMixin, TemplateView):
    template_name = "responsibilities/capability_detail.html"

    def get_context_data(self, **kwargs):
        record = selectors.capability_for(user=self.request.user, pk=kwargs["pk"])
        return {
            "record": record,
            "levels": [
                {
                    "label": label,
                    "level": level,
                    "display": _display(record, prefix),
                    "note": note,
                    "colour": LEVEL_COLOURS[level],
                }
                for prefix, label, level, note in record.levels
            ],
            "coverage": selectors.coverage_percent(record.covered_villages, record.village_total),
            "drills_recorded": selectors.drills_recorded(township=record.township, year=record.year),
            "can_change": services.may_edit_capability(self.request.user, record.township),
        }


def _display(record, prefix):
    level = getattr(record, f"{prefix}_level")
    return getattr(record, f"get_{prefix}_level_display")() if level else _("未填报")


class _CapabilityFormView(LoginRequiredMixin, View):
    """The record, its equipment and vehicles, and a grid row per village; a refused form keeps what was typed."""

    template_name = "responsibilities/capability_form.html"

    def render_form(self, request, forms, status=200):
        form, assets, grids = forms
        for grid_form, village in zip(grids.forms, self.villages, strict=False):
            grid_form.village_name = village.name
        context = {
            "form": form,
            "assets": assets,
            "grids": grids,
            "township": self.township,
            "heading": self.heading,
            "back_url": self.back_url,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, **kwargs):
        self.setup_target(**kwargs)
        return self.render_form(request, self.make_forms())

    def post(self, request, **kwargs):
        self.setup_target(**kwargs)
        forms = self.make_forms(request.POST)
        form, assets, grids = forms
        if all([form.is_valid(), assets.is_valid(), grids.is_valid()]):
            rows = {"assets": asset_rows(assets), "grids": grid_rows(grids, self.villages)}
            saved = run_service(form, lambda: self.call(form, rows))
            if saved is not None:
                messages.success(request, _("已保存。"))
                return redirect(reverse("responsibilities:capability-detail", args=[saved.pk]))
        return self.render_form(request, forms, status=400)

    def grid_initial(self, record):
        current = {g.village_id: g for g in record.grids.all()} if record else {}
        initial = []
        for village in self.villages:
            row = current.get(village.pk)
            initial.append(
                {
                    "village": village.pk,
                    "grid_count": row.grid_count if row else 0,
                    "worker_count": row.worker_count if row else 0,
                    "worker_names": row.worker_names if row else "",
                }
            )
        return initial


class CapabilityCreateView(_CapabilityFormView):
    """A township's record of a year: `?township=` (one the person may write; their own by default) and `?year=`.
    Where the record already exists, its edit page."""

    def setup_target(self, **kwargs):
        townships = selectors.writable_townships(user=self.request.user)
        chosen = self.request.GET.get("township")
        if chosen:
            self.township = get_object_or_404(townships, pk=chosen) if chosen.isdigit() else None
            if self.township is None:
                raise Http404
        else:
            self.township = townships.first() if townships.count() == 1 else None
        if self.township is None:
            if not townships.exists():
                raise PermissionDenied(_("您的角色只能查看，不能填报。"))
            raise Http404(_("请从县级汇总表中选择乡镇（街道）。"))
        self.year = _year(self.request.GET.get("year"))
        self.villages = selectors.villages_of(self.township)
        self.heading = _("填报%(township)s基层应急能力（五有）") % {"township": self.township.name}
        self.back_url = reverse("responsibilities:capability-county")

    def get(self, request, **kwargs):
        self.setup_target(**kwargs)
        existing = TownshipCapability.objects.filter(township=self.township, year=self.year).first()
        if existing is not None:
            return redirect(reverse("responsibilities:capability-edit", args=[existing.pk]))
        return self.render_form(request, self.make_forms())

    def make_forms(self, data=None):
        return (
            TownshipCapabilityForm(data, initial={"year": self.year}),
            AssetFormSet(data, prefix="assets"),
            GridFormSet(data, prefix="grids", initial=self.grid_initial(None)),
        )

    def call(self, form, rows):
        values = dict(form.cleaned_data)
        return services.township_capability_create(actor=self.request.user, township=self.township, **values, **rows)


class CapabilityEditView(_CapabilityFormView):
    def setup_target(self, pk):
        self.record = selectors.capability_for(user=self.request.user, pk=pk)
        self.township = self.record.township
        if not services.may_edit_capability(self.request.user, self.township):
            raise PermissionDenied(_("您的角色只能查看，不能填报。"))
        self.villages = selectors.villages_of(self.township)
        self.heading = _("修改%(record)s") % {"record": self.record}
        self.back_url = reverse("responsibilities:capability-detail", args=[pk])

    def make_forms(self, data=None):
        initial = [
            {"kind": a.kind, "name": a.name, "quantity": a.quantity, "condition": a.condition}
            for a in self.record.assets.all()
        ]
        return (
            TownshipCapabilityForm(data, instance=self.record, year_fixed=True),
            AssetFormSet(data, prefix="assets", initial=initial),
            GridFormSet(data, prefix="grids", initial=self.grid_initial(self.record)),
        )

    def call(self, form, rows):
        values = {k: v for k, v in form.cleaned_data.items() if k != "year"}
        return services.township_capability_update(actor=self.request.user, capability=self.record, **values, **rows)
