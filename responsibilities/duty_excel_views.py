"""Duty lists in Excel: the export with the leader list's filters, and the 责任清单 import (upload, a preview that
writes nothing, confirm that writes every row or none). Only the county office imports."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.import_views import (
    SpreadsheetExportView,
    SpreadsheetImportPreviewView,
    SpreadsheetImportView,
    SpreadsheetTemplateView,
    SpreadsheetUploadForm,
)
from responsibilities import duty_excel
from responsibilities import duty_selectors as selectors
from responsibilities.duty_services import may_keep_duties

SESSION_KEY = "duty_list_import"
UPLOAD_TEMPLATE = "responsibilities/duties_import.html"


class DutyExportView(SpreadsheetExportView):
    """Everyone signed in reads the duty lists; the file has the import's columns, so it can be sent back."""

    filename = "duty-lists"

    def filterset(self, request):
        return selectors.duty_export_list(user=request.user, filters=request.GET)

    def workbook(self, queryset):
        return duty_excel.duties_workbook(queryset)


class KeepersOnlyMixin:
    """Anyone else is told why, on the upload page, instead of a bare 403."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_keep_duties(request.user):
            return render(request, UPLOAD_TEMPLATE, {"refusal": _(duty_excel.KEEPERS_ONLY)}, status=403)
        return super().dispatch(request, *args, **kwargs)


class DutyImportForm(SpreadsheetUploadForm):
    label = gettext_lazy("责任清单（Excel .xlsx）")
    max_rows = duty_excel.MAX_ROWS
    max_bytes = duty_excel.MAX_BYTES
    read = staticmethod(duty_excel.read_duty_lists)


class DutyImportView(KeepersOnlyMixin, SpreadsheetImportView):
    form_class = DutyImportForm
    template_name = UPLOAD_TEMPLATE
    session_key = SESSION_KEY
    preview_url = "responsibilities:duty-import-preview"


class DutyImportPreviewView(KeepersOnlyMixin, SpreadsheetImportPreviewView):
    """The preview says of each row 新增, 更新 or 未变; a file with nothing to write offers no 确认导入."""

    template_name = "responsibilities/duties_import_preview.html"
    session_key = SESSION_KEY
    upload_url = "responsibilities:duty-import"
    done_url = "responsibilities:leader-list"
    columns = duty_excel.COLUMNS
    imported_text = gettext_lazy("该文件已导入（%(n)d条职责）。")
    previewer = staticmethod(duty_excel.duty_lists_preview)
    importer = staticmethod(duty_excel.duty_lists_import)

    def extra_context(self, result):
        actions = (duty_excel.CREATE, duty_excel.UPDATE, duty_excel.SAME)
        return {"counts": {action: result.count(action) for action in actions}}

    def imported_count(self, result):
        return result.created + result.updated

    def success_message(self, result):
        return _("已导入责任清单：新增%(created)d条，更新%(updated)d条，未变%(same)d条。") % {
            "created": result.created,
            "updated": result.updated,
            "same": result.count(duty_excel.SAME),
        }


class DutyTemplateView(SpreadsheetTemplateView):
    filename = "duty-list-template.xlsx"

    def workbook(self):
        return duty_excel.duty_template_workbook()
