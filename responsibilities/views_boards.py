"""The boards: the public pages (no login, by token), the printable boards with a QR code, and the staff's
section, forms and list."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from responsibilities import board_selectors as selectors
from responsibilities import board_services as services
from responsibilities.board_choices import ResponsibleRole
from responsibilities.board_forms import MajorRiskForm, ResponsiblePersonForm
from responsibilities.board_permissions import may_edit_board
from responsibilities.board_services import RISK_FIELDS, mask_phone

PRINT_SIZES = ("a4", "a3")


def public_url(request, path):
    base = settings.PORTAL_BASE_URL
    return base.rstrip("/") + path if base else request.build_absolute_uri(path)


def qr_svg(url):
    """An inline SVG (no network, no script): scanned, it opens the public board."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True))


def _masked_persons(enterprise):
    return [
        (role, label, person, mask_phone(person.phone) if person else "")
        for role, label, person in selectors.current_persons(enterprise=enterprise)
    ]


def _masked_risk(risk):
    return {
        prefix: mask_phone(getattr(risk, f"{prefix}_phone")) for prefix in ("in_charge", "department_head", "direct")
    }


class PublicBoardView(View):
    """监管责任人公示, open to anyone who scans the printed board's QR code."""

    def get(self, request, token):
        board = selectors.public_board(token=token)
        enterprise = board.enterprise
        risks = [(r, _masked_risk(r)) for r in selectors.risks_of(enterprise=enterprise, public_only=True)]
        context = {"enterprise": enterprise, "persons": _masked_persons(enterprise), "risks": risks}
        return render(request, "responsibilities/boards_public.html", context)


class PublicRiskBoardView(View):
    def get(self, request, token):
        risk = selectors.public_risk(token=token)
        return render(request, "responsibilities/boards_public_risk.html", {"risk": risk, "phones": _masked_risk(risk)})


class BoardPrintView(LoginRequiredMixin, View):
    def get(self, request, pk):
        enterprise = selectors.enterprise_for(user=request.user, pk=pk)
        persons = _masked_persons(enterprise)
        missing = [str(label) for _role, label, person, _phone in persons if person is None]
        if missing:  # a board is put up with all four persons or not at all
            context = {
                "enterprise": enterprise,
                "missing": "、".join(missing),
                "may_edit": may_edit_board(request.user, enterprise),
            }
            return render(request, "responsibilities/boards_print_refused.html", context, status=400)
        board = services.enterprise_board(enterprise=enterprise)
        url = public_url(request, reverse("public-board", args=[board.public_token]))
        size = request.GET.get("size") if request.GET.get("size") in PRINT_SIZES else "a4"
        context = {"enterprise": enterprise, "persons": persons, "qr": qr_svg(url), "url": url}
        return render(request, "responsibilities/boards_print.html", {**context, "size": size})


class RiskPrintView(LoginRequiredMixin, View):
    def get(self, request, pk):
        risk = selectors.major_risk_for(user=request.user, pk=pk)
        url = public_url(request, reverse("public-risk-board", args=[risk.public_token]))
        size = request.GET.get("size") if request.GET.get("size") in PRINT_SIZES else "a4"
        context = {"risk": risk, "phones": _masked_risk(risk), "qr": qr_svg(url), "url": url, "size": size}
        return render(request, "responsibilities/boards_print_risk.html", context)


class BoardSectionView(LoginRequiredMixin, TemplateView):
    """The section of the enterprise page (loaded by htmx): the four persons and the major risks."""

    template_name = "responsibilities/boards_section.html"

    def get_context_data(self, **kwargs):
        enterprise = selectors.enterprise_for(user=self.request.user, pk=kwargs["pk"])
        return {
            "enterprise": enterprise,
            "persons": selectors.current_persons(enterprise=enterprise),
            "risks": selectors.risks_of(enterprise=enterprise),
            "may_edit": may_edit_board(self.request.user, enterprise),
        }


class BoardHistoryView(LoginRequiredMixin, TemplateView):
    template_name = "responsibilities/boards_history.html"

    def get_context_data(self, **kwargs):
        enterprise = selectors.enterprise_for(user=self.request.user, pk=kwargs["pk"])
        return {"enterprise": enterprise, "rows": selectors.person_history(enterprise=enterprise)}


class BoardEditView(LoginRequiredMixin, View):
    template_name = "responsibilities/boards_person_form.html"

    def _enterprise(self, request, pk):
        enterprise = selectors.enterprise_for(user=request.user, pk=pk)
        if not may_edit_board(request.user, enterprise):
            raise PermissionDenied(_("您不能修改该单位的公示牌。"))
        return enterprise

    def get(self, request, pk):
        enterprise = self._enterprise(request, pk)
        form = ResponsiblePersonForm(initial={"role": request.GET.get("role")})
        return render(request, self.template_name, {"enterprise": enterprise, "form": form})

    def post(self, request, pk):
        enterprise = self._enterprise(request, pk)
        form = ResponsiblePersonForm(request.POST)
        if form.is_valid():
            values = form.cleaned_data
            call = lambda: services.responsible_person_set(actor=request.user, enterprise=enterprise, **values)  # noqa: E731
            if run_service(form, call) is not None:
                messages.success(request, _("已更新责任人，原责任人已记入历史。"))
                return redirect("enterprise-detail", enterprise.pk)
        return render(request, self.template_name, {"enterprise": enterprise, "form": form}, status=400)


class RiskListView(LoginRequiredMixin, TemplateView):
    template_name = "responsibilities/boards_risk_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            "risks": selectors.major_risk_list(user=user)[:500],
            "roster": selectors.roster_filter_choices(user=user),
            "roles": ResponsibleRole.choices,
        }


class RiskFormView(LoginRequiredMixin, View):
    template_name = "responsibilities/boards_risk_form.html"

    def _objects(self, request, kwargs):
        if "risk_pk" in kwargs:
            risk = selectors.major_risk_for(user=request.user, pk=kwargs["risk_pk"])
            enterprise = risk.enterprise
        else:
            risk, enterprise = None, selectors.enterprise_for(user=request.user, pk=kwargs["pk"])
        if not may_edit_board(request.user, enterprise):
            raise PermissionDenied(_("您不能修改该单位的公示牌。"))
        return risk, enterprise

    def get(self, request, **kwargs):
        risk, enterprise = self._objects(request, kwargs)
        return render(
            request, self.template_name, {"enterprise": enterprise, "risk": risk, "form": MajorRiskForm(instance=risk)}
        )

    def post(self, request, **kwargs):
        risk, enterprise = self._objects(request, kwargs)
        form = MajorRiskForm(request.POST, instance=risk)
        if form.is_valid():
            values = {k: form.cleaned_data[k] for k in RISK_FIELDS}
            if risk is None:
                call = lambda: services.major_risk_create(actor=request.user, enterprise=enterprise, **values)  # noqa: E731
            else:
                call = lambda: services.major_risk_update(actor=request.user, risk=risk, **values)  # noqa: E731
            if run_service(form, call) is not None:
                messages.success(request, _("已保存重大风险管控公示。"))
                return redirect("enterprise-detail", enterprise.pk)
        context = {"enterprise": enterprise, "risk": risk, "form": form}
        return render(request, self.template_name, context, status=400)
