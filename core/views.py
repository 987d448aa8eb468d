import sys

from django import db
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from core import services
from core.forms import EnterpriseForm
from core.history import history_for
from core.scoping import can_change, scope_for
from core.selectors import enterprise_list, enterprise_queryset


@require_safe
def healthz(request):
    """The process answers: for the load balancer's health check and the load benchmark's minimal view. It reads
    neither the database nor the session, so it measures the web server and Django's middleware alone."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


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


# The database went away (restarted, unreachable): the request changed nothing — its transaction died with the
# connection — and the next one reconnects (CONN_HEALTH_CHECKS), so the answer is "try again shortly".
DATABASE_DOWN = (db.OperationalError, db.InterfaceError)
RETRY_AFTER_SECONDS = 10


def server_error(request):
    """handler500. Rendered without the request's context processors: they read the database, which may be
    what failed."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return service_unavailable(request)
    if _wants_json(request):
        return JsonResponse({"detail": _("服务器内部错误，请稍后重试。")}, status=500)
    return HttpResponse(render_to_string("errors/500.html"), status=500)


def service_unavailable(request):
    if _wants_json(request):
        response = JsonResponse(
            {"detail": _("系统暂时不可用（数据库连接中断），请稍后重试。"), "code": "service_unavailable"}, status=503
        )
    else:
        response = HttpResponse(render_to_string("errors/503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


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
