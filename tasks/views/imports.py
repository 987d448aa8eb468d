"""Import of a 任务分解表: upload, preview (writes nothing), confirm (all rows or none), into the plan chosen
with the upload."""

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.import_views import SpreadsheetImportPreviewView, SpreadsheetImportView, SpreadsheetTemplateView
from tasks import importing, selectors
from tasks.forms import MeasureImportForm
from tasks.import_rows import COLUMNS

SESSION_KEY = "measure_import"


class MeasureImportView(SpreadsheetImportView):
    """measure_create decides, row by row, what the person may create."""

    template_name = "tasks/measure_import.html"
    session_key = SESSION_KEY
    preview_url = "measure-import-preview"

    def get_form(self, data=None, files=None):
        return MeasureImportForm(data, files, plans=selectors.plan_queryset(user=self.request.user))

    def kept_entry(self, form, token):
        return super().kept_entry(form, token) | {"plan": form.cleaned_data["plan"].pk}


class MeasureImportPreviewView(SpreadsheetImportPreviewView):
    template_name = "tasks/measure_import_preview.html"
    session_key = SESSION_KEY
    upload_url = "measure-import"
    columns = COLUMNS
    imported_text = gettext_lazy("该文件已导入（%(n)d条具体措施）。")

    def _kept(self, request, token):
        kept = super()._kept(request, token)
        self.plan = get_object_or_404(selectors.plan_queryset(user=request.user), pk=kept["plan"])
        return kept

    def preview(self, content):
        return importing.measure_import_preview(actor=self.request.user, plan=self.plan, content=content)

    def run_import(self, content):
        return importing.measure_import(actor=self.request.user, plan=self.plan, content=content)

    def extra_context(self, result):
        return {"plan": self.plan}

    def success_message(self, result):
        return _("已导入%(n)d条具体措施。") % {"n": result.created}

    def done(self):
        return redirect(f"{reverse('measure-list')}?year={self.plan.year}")


class MeasureImportTemplateView(SpreadsheetTemplateView):
    filename = "measure-import-template.xlsx"

    def workbook(self):
        from tasks.excel import import_template_workbook  # as the export: its headers are read at import

        plan = selectors.current_plan(user=self.request.user)
        return import_template_workbook(year=plan.year if plan else None)
