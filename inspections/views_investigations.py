from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from inspections import investigation_selectors as selectors
from inspections import investigation_services as services
from inspections.investigation_forms import HandledForm, InvestigationForm, ResponsibilityForm
from inspections.investigation_permissions import may_change, may_open
from inspections.investigation_services import LINKS

DETAIL_TEMPLATE = "inspections/investigation_detail.html"


class InvestigationListView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/investigation_list.html"

    def get_context_data(self, **kwargs):
        filterset = selectors.investigation_list(user=self.request.user, filters=self.request.GET)
        rows = selectors.investigation_list_rows(filterset)
        return {
            "filterset": filterset,
            "page": Paginator(rows, 30).get_page(self.request.GET.get("page")),
            "totals": selectors.yearly_totals(rows),
            "query": self.request.GET.urlencode(),
            "may_open": may_open(self.request.user),
        }


def _detail_context(request, pk, *, responsibility_form=None):
    investigation = get_object_or_404(selectors.investigation_detail_queryset(user=request.user), pk=pk)
    can_change = may_change(request.user, investigation)
    return {
        "investigation": investigation,
        "can_change": can_change,
        "responsibility_form": (responsibility_form or ResponsibilityForm())
        if can_change and not investigation.is_closed
        else None,
        "handled_form": HandledForm() if can_change and not investigation.is_closed else None,
    }


class InvestigationDetailView(LoginRequiredMixin, TemplateView):
    template_name = DETAIL_TEMPLATE

    def get_context_data(self, **kwargs):
        return _detail_context(self.request, kwargs["pk"])


def _call(form, call):
    try:
        return run_service(form, call)
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
        return None


def _split(cleaned):
    values = {k: v for k, v in cleaned.items() if k not in LINKS}
    links = {k: list(cleaned[k]) for k in LINKS if k in cleaned}
    return values, links


class InvestigationCreateView(LoginRequiredMixin, View):
    template_name = "inspections/investigation_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_open(request.user):
            raise PermissionDenied(str(services.REFUSE_OPEN))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": InvestigationForm(user=request.user)})

    def post(self, request):
        form = InvestigationForm(request.POST, user=request.user)
        if form.is_valid():
            values, links = _split(form.cleaned_data)
            inv = _call(form, lambda: services.investigation_create(actor=request.user, **values, **links))
            if inv:
                messages.success(request, _("已登记事故调查%(n)s。") % {"n": inv.number})
                return redirect("inspections:investigation-detail", pk=inv.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class InvestigationEditView(LoginRequiredMixin, View):
    template_name = "inspections/investigation_form.html"

    def _load(self, request, pk):
        inv = get_object_or_404(selectors.investigation_queryset(user=request.user), pk=pk)
        if not may_change(request.user, inv):
            raise PermissionDenied(str(services.REFUSE_CHANGE))
        if inv.is_closed:
            raise PermissionDenied(_("该事故调查已结案，不能再修改。"))
        return inv

    def get(self, request, pk):
        inv = self._load(request, pk)
        form = InvestigationForm(instance=inv, user=request.user)
        return render(request, self.template_name, {"form": form, "investigation": inv})

    def post(self, request, pk):
        inv = self._load(request, pk)
        form = InvestigationForm(request.POST, instance=inv, user=request.user)
        if form.is_valid():
            values, links = _split(form.cleaned_data)
            saved = _call(
                form, lambda: services.investigation_update(actor=request.user, investigation=inv, **values, **links)
            )
            if saved:
                messages.success(request, _("已保存。"))
                return redirect("inspections:investigation-detail", pk=pk)
        return render(request, self.template_name, {"form": form, "investigation": inv}, status=400)


def _refused(request, pk, exc):
    messages.error(request, "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
    return render(request, DETAIL_TEMPLATE, _detail_context(request, pk), status=400)


class InvestigationCloseView(LoginRequiredMixin, View):
    def post(self, request, pk):
        inv = get_object_or_404(selectors.investigation_queryset(user=request.user), pk=pk)
        try:
            services.investigation_close(actor=request.user, investigation=inv)
        except (ValidationError, PermissionDenied) as exc:
            return _refused(request, pk, exc)
        messages.success(request, _("事故调查%(n)s已结案。") % {"n": inv.number})
        return redirect("inspections:investigation-detail", pk=pk)


class ResponsibilityAddView(LoginRequiredMixin, View):
    def post(self, request, pk):
        inv = get_object_or_404(selectors.investigation_queryset(user=request.user), pk=pk)
        form = ResponsibilityForm(request.POST)
        if form.is_valid():
            row = _call(
                form,
                lambda: services.investigation_responsibility_add(
                    actor=request.user, investigation=inv, **form.cleaned_data
                ),
            )
            if row:
                messages.success(request, _("已添加%(name)s的责任认定。") % {"name": row.name})
                return redirect("inspections:investigation-detail", pk=pk)
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return render(request, DETAIL_TEMPLATE, _detail_context(request, pk, responsibility_form=form), status=400)


class ResponsibilityHandledView(LoginRequiredMixin, View):
    def post(self, request, pk, rid):
        inv = get_object_or_404(selectors.investigation_detail_queryset(user=request.user), pk=pk)
        row = get_object_or_404(inv.responsibilities.all(), pk=rid)
        form = HandledForm(request.POST)
        if not form.is_valid():
            return _refused(request, pk, ValidationError(list(form.errors.get("handled_on", []))))
        try:
            services.investigation_responsibility_mark_handled(
                actor=request.user, responsibility=row, handled_on=form.cleaned_data["handled_on"]
            )
        except (ValidationError, PermissionDenied) as exc:
            return _refused(request, pk, exc)
        messages.success(request, _("%(name)s已处理。") % {"name": row.name})
        return redirect("inspections:investigation-detail", pk=pk)
