"""Bulletins (通报): ask for one, watch its progress (htmx polls the bar), download its .docx and PDF."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from dashboards.bulletin_forms import BulletinRequestForm
from dashboards.bulletin_selectors import bulletin_list
from dashboards.bulletin_services import bulletin_request, bulletin_retry
from inspections.docx import DOCX

PAGE_SIZE = 50
FILES = {"docx": DOCX, "pdf": "application/pdf"}


def _bulletin(request, pk):
    return get_object_or_404(bulletin_list(user=request.user), pk=pk)


class BulletinListView(LoginRequiredMixin, View):
    template_name = "dashboards/bulletin_list.html"

    def get(self, request):
        return self.page(request, BulletinRequestForm(user=request.user))

    def post(self, request):
        form = BulletinRequestForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                bulletin = bulletin_request(
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    period_start=form.cleaned_data["period_start"],
                    unit=form.cleaned_data["unit"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, "；".join(getattr(exc, "messages", [str(exc)])))
            else:
                messages.success(request, _("已提交生成%(n)s，请稍候。") % {"n": bulletin.document_number})
                return redirect("dashboards:bulletin-detail", pk=bulletin.pk)
        return self.page(request, form, status=400)

    def page(self, request, form, status=200):
        bulletins = list(bulletin_list(user=request.user)[:PAGE_SIZE])
        context = {"form": form, "bulletins": bulletins}
        return render(request, self.template_name, context, status=status)


class BulletinDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        bulletin = _bulletin(request, pk)
        context = {"bulletin": bulletin}
        return render(request, "dashboards/bulletin_detail.html", context)


class BulletinProgressView(LoginRequiredMixin, View):
    """The bar's state: an htmx fragment that replaces itself until the job is finished, or JSON."""

    def get(self, request, pk):
        bulletin = _bulletin(request, pk)
        if request.headers.get("HX-Request"):
            context = {"bulletin": bulletin}
            return render(request, "dashboards/bulletin_progress.html", context)
        return JsonResponse(
            {
                "id": bulletin.pk,
                "status": bulletin.status,
                "progress": bulletin.progress,
                "finished": bulletin.is_finished,
                "error": bulletin.error,
            }
        )


class BulletinFileView(LoginRequiredMixin, View):
    """The generated files, to those who may see the bulletin's unit, never from a public media URL."""

    def get(self, request, pk, kind):
        bulletin = _bulletin(request, pk)
        field = getattr(bulletin, kind, None) if kind in FILES else None
        if not field:
            raise Http404
        name = f"{bulletin.document_number} {bulletin.title}.{kind}"
        return FileResponse(field.open("rb"), filename=name, content_type=FILES[kind], as_attachment=True)


class BulletinRetryView(LoginRequiredMixin, View):
    def post(self, request, pk):
        bulletin = _bulletin(request, pk)
        if bulletin_retry(actor=request.user, bulletin=bulletin):
            messages.success(request, _("已重新提交生成。"))
        return redirect("dashboards:bulletin-detail", pk=bulletin.pk)
