from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import TemplateView

from core import services
from core.forms import EnterpriseForm
from core.history import history_for
from core.scoping import can_change, scope_for
from core.selectors import enterprise_list, enterprise_queryset


def _wants_json(request):
    return request.path.startswith("/api/")


def page_not_found(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": _("未找到。")}, status=404)
    return render(request, "errors/404.html", status=404)


def permission_denied(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": _("您没有执行该操作的权限。")}, status=403)
    return render(request, "errors/403.html", status=403)


def server_error(request):
    if _wants_json(request):
        return JsonResponse({"detail": _("服务器内部错误，请稍后重试。")}, status=500)
    return render(request, "errors/500.html", status=500)


class EnterpriseListView(LoginRequiredMixin, TemplateView):
    template_name = "core/enterprise_list.html"

    def get_context_data(self, **kwargs):
        filterset = enterprise_list(user=self.request.user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        page = Paginator(rows, 50).get_page(self.request.GET.get("page"))
        return {"filterset": filterset, "page": page}


class EnterpriseDetailView(LoginRequiredMixin, TemplateView):
    template_name = "core/enterprise_detail.html"

    def get_context_data(self, **kwargs):
        enterprise = get_object_or_404(enterprise_queryset(user=self.request.user), pk=kwargs["pk"])
        return {
            "enterprise": enterprise,
            "can_change": can_change(self.request.user, enterprise),
            "history": history_for(enterprise),
            "can_merge": scope_for(self.request.user).changes_all,
            "merges": enterprise.merges.select_related("actor"),
        }


class EnterpriseFormView(LoginRequiredMixin, View):
    """Create (no pk) or edit an enterprise; a refused form comes back with what was typed."""

    template_name = "core/enterprise_form.html"

    def _enterprise(self, pk):
        if pk is None:
            return None
        enterprise = get_object_or_404(enterprise_queryset(user=self.request.user), pk=pk)
        if not can_change(self.request.user, enterprise):
            raise PermissionDenied
        return enterprise

    def get(self, request, pk=None):
        enterprise = self._enterprise(pk)
        form = EnterpriseForm(instance=enterprise, user=request.user)
        return render(request, self.template_name, {"form": form, "enterprise": enterprise})

    def post(self, request, pk=None):
        enterprise = self._enterprise(pk)
        form = EnterpriseForm(request.POST, instance=enterprise, user=request.user)
        if form.is_valid():
            try:
                if enterprise is None:
                    enterprise = services.enterprise_create(actor=request.user, **form.cleaned_data)
                else:
                    enterprise = services.enterprise_update(
                        actor=request.user, enterprise=enterprise, **form.cleaned_data
                    )
                return redirect("enterprise-detail", pk=enterprise.pk)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                form.add_error(None, exc)
        return render(request, self.template_name, {"form": form, "enterprise": enterprise}, status=400)


class AppIndexView(LoginRequiredMixin, TemplateView):
    """The landing page of an app whose registers are not built yet: says what it will hold."""

    template_name = "core/app_index.html"
    app_label = None

    def get_context_data(self, **kwargs):
        from django.apps import apps

        config = apps.get_app_config(self.app_label)
        return {"app_name": config.verbose_name, "app_description": APP_DESCRIPTIONS.get(self.app_label, "")}


APP_DESCRIPTIONS = {
    "responsibilities": _lazy(
        "党政领导干部责任清单、年度重点任务清单、半年述职报告，监管责任人公示和重大风险管控责任人公示。"
    ),
    "hazards": _lazy("隐患（问题）的交办、整改、验收和销号闭环，重大事故隐患动态清零，群众举报和日周月自查。"),
    "disasters": _lazy("地质灾害隐患点、危岩、易涝点和风险区，汛前排查、汛中巡查、汛后核查，预警叫应与应急避难场所。"),
    "inspections": _lazy("执法计划、执法检查与明察暗访，检查诊断、行政处罚、整改复查“三部曲”，“三个强度”通报。"),
}
