"""Import of a 任务分解表: upload, preview (writes nothing), confirm (all rows or none)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from core.import_files import (
    import_file_claim,
    import_file_discard,
    import_file_keep,
    import_file_read,
    import_file_release,
)
from core.spreadsheets import XLSX
from tasks import importing, selectors
from tasks.forms import MeasureImportForm
from tasks.import_rows import COLUMNS

SESSION_KEY = "measure_import"


class MeasureImportView(LoginRequiredMixin, View):
    """Anyone signed in may upload; measure_create decides, row by row, what they may create."""

    template_name = "tasks/measure_import.html"

    def get(self, request):
        form = MeasureImportForm(plans=selectors.plan_queryset(user=request.user))
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = MeasureImportForm(request.POST, request.FILES, plans=selectors.plan_queryset(user=request.user))
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        previous = request.session.get(SESSION_KEY)
        if previous:
            import_file_discard(previous["token"])
        upload = form.cleaned_data["file"]
        token = import_file_keep(upload)
        request.session[SESSION_KEY] = {"token": token, "plan": form.cleaned_data["plan"].pk, "name": upload.name}
        return redirect("measure-import-preview", token=token)


class MeasureImportPreviewView(LoginRequiredMixin, View):
    """GET shows what the kept file would create; POST (确认导入) imports it."""

    template_name = "tasks/measure_import_preview.html"

    def _kept(self, request, token):
        # Only the token this session uploaded: another person's token, or a stale one, is not found.
        kept = request.session.get(SESSION_KEY)
        if not kept or kept["token"] != token:
            raise Http404
        return kept, get_object_or_404(selectors.plan_queryset(user=request.user), pk=kept["plan"])

    def _render(self, request, kept, plan, result, status=200):
        context = {"kept": kept, "plan": plan, "result": result, "headers": [_(h) for h in COLUMNS.values()]}
        return render(request, self.template_name, context, status=status)

    def _gone(self, request, kept, plan):
        if kept.get("imported") is not None:  # a second click on 确认导入, or the back button
            messages.info(request, _("该文件已导入（%(n)d条具体措施）。") % {"n": kept["imported"]})
            return redirect(f"{reverse('measure-list')}?year={plan.year}")
        messages.error(request, _("上传的文件已过期或正在导入，请稍后查看或重新上传。"))
        return redirect("measure-import")

    def get(self, request, token):
        kept, plan = self._kept(request, token)
        content = None if kept.get("imported") is not None else import_file_read(token)
        if content is None:
            return self._gone(request, kept, plan)
        result = importing.measure_import_preview(actor=request.user, plan=plan, content=content)
        return self._render(request, kept, plan, result)

    def post(self, request, token):
        kept, plan = self._kept(request, token)
        content = None if kept.get("imported") is not None else import_file_claim(token)
        if content is None:
            return self._gone(request, kept, plan)
        result = importing.measure_import(actor=request.user, plan=plan, content=content)
        if not result.ok:
            import_file_release(token)
            return self._render(request, kept, plan, result, status=400)
        import_file_discard(token)
        request.session[SESSION_KEY] = kept | {"imported": result.created}
        messages.success(request, _("已导入%(n)d条具体措施。") % {"n": result.created})
        return redirect(f"{reverse('measure-list')}?year={plan.year}")


class MeasureImportTemplateView(LoginRequiredMixin, View):
    def get(self, request):
        from tasks.excel import import_template_workbook  # as the export: its headers are read at import

        plan = selectors.current_plan(user=request.user)
        response = HttpResponse(import_template_workbook(year=plan.year if plan else None), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="measure-import-template.xlsx"'
        return response
