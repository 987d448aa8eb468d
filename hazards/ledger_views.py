"""Hazards in Excel: the list's export with its filters, and the 隐患台账 import (upload, preview that writes
nothing, confirm that registers every row or none)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.import_views import (
    SpreadsheetExportView,
    SpreadsheetImportPreviewView,
    SpreadsheetImportView,
    SpreadsheetTemplateView,
    SpreadsheetUploadForm,
)
from hazards import ledger, selectors
from hazards.ledger_excel import hazards_workbook, ledger_template_workbook

SESSION_KEY = "hazard_ledger_import"


class HazardExportView(SpreadsheetExportView):
    filename = "hazards"

    def filterset(self, request):
        return selectors.hazard_list(user=request.user, filters=request.GET)

    def workbook(self, queryset):
        return hazards_workbook(queryset)


class LedgerImportForm(SpreadsheetUploadForm):
    label = gettext_lazy("隐患台账（Excel .xlsx）")
    max_rows = ledger.MAX_ROWS
    max_bytes = ledger.MAX_BYTES
    read = staticmethod(ledger.read_ledger)


class LedgerImportView(SpreadsheetImportView):
    """hazard_create decides, row by row, what the person may register."""

    form_class = LedgerImportForm
    template_name = "hazards/ledger_import.html"
    session_key = SESSION_KEY
    preview_url = "hazards:import-preview"


class LedgerImportPreviewView(SpreadsheetImportPreviewView):
    template_name = "hazards/ledger_import_preview.html"
    session_key = SESSION_KEY
    upload_url = "hazards:import"
    done_url = "hazards:index"  # the hazard list
    columns = ledger.COLUMNS
    imported_text = gettext_lazy("该文件已导入（%(n)d条隐患）。")
    previewer = staticmethod(ledger.hazard_ledger_preview)
    importer = staticmethod(ledger.hazard_ledger_import)

    def success_message(self, result):
        numbers = _number_ranges(result.numbers)
        return _("已导入%(n)d条隐患，编号%(numbers)s。") % {"n": result.created, "numbers": numbers}


def _number_ranges(numbers):
    """YH2024-000007至YH2024-000012: the numbers of one import, by year (one transaction takes them in a row)."""
    by_year = {}
    for number in numbers:
        by_year.setdefault(number.split("-")[0], []).append(number)
    return "、".join(
        same[0] if len(same) == 1 else _("%(first)s至%(last)s") % {"first": min(same), "last": max(same)}
        for same in by_year.values()
    )


class LedgerTemplateView(SpreadsheetTemplateView):
    filename = "hazard-ledger-template.xlsx"

    def workbook(self):
        return ledger_template_workbook()
