"""The four-person roster in Excel: the export with its filters and the person's scope, and the 监管责任人名册
import (upload, a preview that writes nothing, confirm that names every row's person or none)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.import_views import (
    SpreadsheetExportView,
    SpreadsheetImportPreviewView,
    SpreadsheetImportView,
    SpreadsheetTemplateView,
    SpreadsheetUploadForm,
)
from responsibilities import board_selectors as selectors
from responsibilities import roster_excel

SESSION_KEY = "responsible_person_roster_import"


class RosterExportView(SpreadsheetExportView):
    filename = "responsible-persons"

    def filterset(self, request):
        return selectors.responsible_person_list(user=request.user, filters=request.GET)

    def workbook(self, queryset):
        return roster_excel.roster_workbook(queryset)


class RosterImportForm(SpreadsheetUploadForm):
    label = gettext_lazy("监管责任人名册（Excel .xlsx）")
    max_rows = roster_excel.MAX_ROWS
    max_bytes = roster_excel.MAX_BYTES
    read = staticmethod(roster_excel.read_roster)


class RosterImportView(SpreadsheetImportView):
    """responsible_person_set decides, row by row, which enterprises the person may write."""

    form_class = RosterImportForm
    template_name = "responsibilities/boards_roster_import.html"
    session_key = SESSION_KEY
    preview_url = "responsibilities:roster-import-preview"


class RosterImportPreviewView(SpreadsheetImportPreviewView):
    """The preview says of each row 新增, 变更 (and what changes) or 未变."""

    template_name = "responsibilities/boards_roster_import_preview.html"
    session_key = SESSION_KEY
    upload_url = "responsibilities:roster-import"
    done_url = "responsibilities:risk-list"
    columns = roster_excel.COLUMNS
    imported_text = gettext_lazy("该文件已导入（%(n)d名责任人）。")
    previewer = staticmethod(roster_excel.roster_preview)
    importer = staticmethod(roster_excel.roster_import)

    def extra_context(self, result):
        actions = (roster_excel.CREATE, roster_excel.CHANGE, roster_excel.SAME)
        return {"counts": {action: result.count(action) for action in actions}}

    def imported_count(self, result):
        return result.created + result.changed

    def success_message(self, result):
        return _("已导入监管责任人名册：新增%(created)d名，变更%(changed)d名，未变%(same)d名。") % {
            "created": result.created,
            "changed": result.changed,
            "same": result.count(roster_excel.SAME),
        }


class RosterTemplateView(SpreadsheetTemplateView):
    filename = "responsible-person-roster-template.xlsx"

    def workbook(self):
        return roster_excel.roster_template_workbook()
