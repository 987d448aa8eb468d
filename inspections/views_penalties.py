from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from inspections import penalty_selectors as selectors
from inspections import penalty_services as services
from inspections.choices import PartyKind
from inspections.penalty_forms import PenaltyForm, PenaltyReferForm

REFUSED = gettext_lazy("只有县级部门的负责人和工作人员或安委办管理员可以登记行政处罚。")
# The service's names for the fields of a 一案双罚 that the form shows under other names.
FIELD_ALIASES = {"enterprise_amount": "amount"}


class PenaltyListView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/penalties_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = selectors.penalty_list(user=user, filters=self.request.GET)
        rows = selectors.penalty_list_rows(filterset)
        query = self.request.GET.copy()
        query.pop("page", None)
        return {
            "filterset": filterset,
            "page": Paginator(rows, 30).get_page(self.request.GET.get("page")),
            "totals": selectors.penalty_totals(rows),
            "departments": selectors.department_choices(user=user),
            "party_kinds": PartyKind.choices,
            "query": query.urlencode(),
            "may_record": services.penalty_departments(user).exists(),
        }


class PenaltyDetailView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/penalties_detail.html"

    def get_context_data(self, **kwargs):
        return _detail_context(self.request, kwargs["pk"])


def _detail_context(request, pk, refer_form=None, refer_error=None):
    penalty = get_object_or_404(selectors.penalty_queryset(user=request.user), pk=pk)
    may_refer = not penalty.referred_to_justice and services.may_record_penalty(request.user, penalty.department)
    return {
        "penalty": penalty,
        "case": list(selectors.penalty_case(user=request.user, penalty=penalty)),
        "may_refer": may_refer,
        "refer_form": refer_form or PenaltyReferForm(),
        "refer_error": refer_error,
    }


def _record(form, actor):
    double, arguments = form.service_arguments()
    call = services.penalty_record_double if double else services.penalty_record
    try:
        return call(actor=actor, **arguments)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
        for name, texts in errors.items():
            name = FIELD_ALIASES.get(name, name)
            form.add_error(name if name in form.fields else None, texts)
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
    return None


class PenaltyCreateView(LoginRequiredMixin, View):
    template_name = "inspections/penalties_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not services.penalty_departments(request.user).exists():
            raise PermissionDenied(REFUSED)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        initial = {"inspection": request.GET.get("inspection"), "double": request.GET.get("double") == "1"}
        departments = services.penalty_departments(request.user)
        if len(departments) == 1:
            initial["department"] = departments[0].pk
        return render(request, self.template_name, {"form": PenaltyForm(user=request.user, initial=initial)})

    def post(self, request):
        form = PenaltyForm(request.POST, user=request.user)
        if form.is_valid():
            created = _record(form, request.user)
            if created:
                numbers = "、".join(p.decision_number for p in created)
                messages.success(request, _("已登记行政处罚：%(n)s。") % {"n": numbers})
                return redirect("inspections:penalty-detail", pk=created[0].pk)
        return render(request, self.template_name, {"form": form}, status=400)


class PenaltyReferView(LoginRequiredMixin, View):
    """行刑衔接: mark the case as referred to the judicial authorities."""

    def post(self, request, pk):
        penalty = get_object_or_404(selectors.penalty_queryset(user=request.user), pk=pk)
        form = PenaltyReferForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors["referred_on"])
            services.penalty_refer(actor=request.user, penalty=penalty, referred_on=form.cleaned_data["referred_on"])
        except ValidationError as exc:
            context = _detail_context(request, pk, refer_form=form, refer_error="；".join(exc.messages))
            return render(request, "inspections/penalties_detail.html", context, status=400)
        messages.success(request, _("已登记移送司法机关。"))
        return redirect("inspections:penalty-detail", pk=pk)
