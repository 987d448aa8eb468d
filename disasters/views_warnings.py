from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from core.models import OrgUnit
from disasters import warning_selectors as selectors
from disasters import warning_services as services
from disasters.choices_warnings import ACTION_FIELDS, LEVEL_COLOURS, RESPONSE_ACTIONS, WarningLevel, ack_minutes
from disasters.warning_forms import AcknowledgeForm, WarningIssueForm, WarningResponseForm
from disasters.warning_permissions import may_issue, may_lift


class WarningListView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/warnings_list.html"

    def get_context_data(self, **kwargs):
        filterset = selectors.warning_list(user=self.request.user, filters=self.request.GET)
        return {
            "filterset": filterset,
            "page": Paginator(selectors.warning_list_rows(filterset), 30).get_page(self.request.GET.get("page")),
            "query": self.request.GET.urlencode(),
            "may_issue": may_issue(self.request.user),
            "level_colours": LEVEL_COLOURS,
        }


def _detail_context(request, pk, *, response_form=None, ack_form=None):
    warning = get_object_or_404(selectors.warning_detail_queryset(user=request.user), pk=pk)
    rows = selectors.acknowledgement_rows(user=request.user, warning=warning)
    answerable = OrgUnit.objects.filter(pk__in=[r["ack"].township_id for r in rows if r["may_answer"]]).order_by(
        "sort_order", "pk"
    )
    responses = list(warning.responses.all())
    total, per_township = selectors.response_totals(responses)
    return {
        "warning": warning,
        "rows": rows,
        "acknowledged": sum(1 for r in rows if r["ack"].acknowledged_at),
        "may_lift": warning.in_force and may_lift(request.user, warning),
        "ack_form": ack_form,
        "response_form": (response_form or WarningResponseForm(townships=answerable)) if answerable else None,
        "responses": responses,
        "people_total": total,
        "people_per_township": per_township,
        "actions": RESPONSE_ACTIONS,
    }


class WarningDetailView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/warnings_detail.html"

    def get_context_data(self, **kwargs):
        return _detail_context(self.request, kwargs["pk"])


def _call(form, call):
    try:
        return run_service(form, call)
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
        return None


def _errors(form):
    return "；".join(str(e) for errors in form.errors.values() for e in errors)


class WarningCreateView(LoginRequiredMixin, View):
    template_name = "disasters/warnings_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_issue(request.user):
            raise PermissionDenied(_("只有安委办（应急局）管理员或县级部门可以发布预警。"))
        return super().dispatch(request, *args, **kwargs)

    def _render(self, request, form, status=200):
        windows = [(label, ack_minutes(level)) for level, label in reversed(WarningLevel.choices)]
        context = {"form": form, "windows": windows, "escalate": settings.WARNING_ACK_ESCALATE_MINUTES}
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self._render(request, WarningIssueForm(user=request.user))

    def post(self, request):
        form = WarningIssueForm(request.POST, user=request.user)
        if form.is_valid():
            warning = _call(form, lambda: services.warning_issue(actor=request.user, **form.cleaned_data))
            if warning:
                messages.success(request, _("已发布预警%(n)s。") % {"n": warning.number})
                return redirect("disasters:warning-detail", pk=warning.pk)
        return self._render(request, form, status=400)


class WarningLiftView(LoginRequiredMixin, View):
    def post(self, request, pk):
        warning = get_object_or_404(selectors.warning_queryset(user=request.user), pk=pk)
        try:
            services.warning_lift(actor=request.user, warning=warning)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已解除预警%(n)s。") % {"n": warning.number})
            return redirect("disasters:warning-detail", pk=pk)
        return render(request, "disasters/warnings_detail.html", _detail_context(request, pk), status=400)


class WarningAcknowledgeView(LoginRequiredMixin, View):
    def post(self, request, pk):
        warning = get_object_or_404(selectors.warning_queryset(user=request.user), pk=pk)
        form = AcknowledgeForm(request.POST)
        if form.is_valid():
            township = OrgUnit.objects.filter(pk=form.cleaned_data["township"]).first()
            ack = township and _call(
                form,
                lambda: services.warning_acknowledge(
                    actor=request.user, warning=warning, township=township, note=form.cleaned_data["note"]
                ),
            )
            if ack:
                messages.success(request, _("%(t)s已叫应。") % {"t": ack.township.name})
                return redirect("disasters:warning-detail", pk=pk)
            if township is None:
                form.add_error(None, _("请选择叫应的乡镇（街道）。"))
        messages.error(request, _errors(form))
        context = _detail_context(request, pk, ack_form=form)
        return render(request, "disasters/warnings_detail.html", context, status=400)


class WarningRespondView(LoginRequiredMixin, View):
    def post(self, request, pk):
        warning = get_object_or_404(selectors.warning_queryset(user=request.user), pk=pk)
        context = _detail_context(request, pk)
        if context["response_form"] is None:
            raise PermissionDenied(_("您只能填报本乡镇（街道）的响应情况。"))
        form = WarningResponseForm(request.POST, townships=context["response_form"].fields["township"].queryset)
        if form.is_valid():
            data = form.cleaned_data
            saved = _call(
                form,
                lambda: services.warning_respond(
                    actor=request.user,
                    warning=warning,
                    township=data["township"],
                    village=data["village"],
                    people_moved=data["people_moved"],
                    note=data["note"],
                    **{name: data[name] for name in ACTION_FIELDS},
                ),
            )
            if saved:
                messages.success(request, _("已记录%(t)s的响应情况。") % {"t": saved.village or saved.township})
                return redirect("disasters:warning-detail", pk=pk)
        messages.error(request, _errors(form))
        context["response_form"] = form
        return render(request, "disasters/warnings_detail.html", context, status=400)
