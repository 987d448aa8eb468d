"""Risk points in Excel: the list's export with its filters, and the 地灾隐患点台账 import (upload, preview that
writes nothing, confirm that registers or updates every row or none)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.import_views import (
    SpreadsheetExportView,
    SpreadsheetImportPreviewView,
    SpreadsheetImportView,
    SpreadsheetTemplateView,
    SpreadsheetUploadForm,
)
from disasters import ledger, selectors
from disasters.ledger_excel import ledger_template_workbook, risk_points_workbook
from disasters.models import RiskZone

SESSION_KEY = "risk_point_ledger_import"


class RiskPointExportView(SpreadsheetExportView):
    """In the ledger's columns, so the file can be sent back changed."""

    filename = "risk-points"

    def filterset(self, request):
        return selectors.risk_point_list(user=request.user, filters=request.GET)

    def workbook(self, queryset):
        points = queryset.order_by("township__sort_order", "code").prefetch_related(
            Prefetch("zones", queryset=RiskZone.objects.order_by("code"))
        )
        return risk_points_workbook(points)


class LedgerImportForm(SpreadsheetUploadForm):
    label = gettext_lazy("地灾隐患点台账（Excel .xlsx）")
    max_rows = ledger.MAX_ROWS
    max_bytes = ledger.MAX_BYTES
    read = staticmethod(ledger.read_ledger)


class LedgerImportView(SpreadsheetImportView):
    """The services decide, row by row, what the person may register or change."""

    form_class = LedgerImportForm
    template_name = "disasters/ledger_import.html"
    session_key = SESSION_KEY
    preview_url = "disasters:risk-point-import-preview"


class LedgerImportPreviewView(SpreadsheetImportPreviewView):
    """The preview says of each row 新增, 更新 or 未变; a file with nothing to write offers no 确认导入."""

    template_name = "disasters/ledger_import_preview.html"
    session_key = SESSION_KEY
    upload_url = "disasters:risk-point-import"
    done_url = "disasters:risk-point-list"
    columns = ledger.COLUMNS
    imported_text = gettext_lazy("该文件已导入（%(n)d个隐患点）。")
    previewer = staticmethod(ledger.risk_point_ledger_preview)
    importer = staticmethod(ledger.risk_point_ledger_import)

    def extra_context(self, result):
        return {"counts": {action: result.count(action) for action in (ledger.CREATE, ledger.UPDATE, ledger.SAME)}}

    def imported_count(self, result):
        return result.created + result.updated

    def success_message(self, result):
        return _("已导入隐患点台账：新增%(created)d个，更新%(updated)d个，未变%(same)d个。") % {
            "created": result.created,
            "updated": result.updated,
            "same": result.count(ledger.SAME),
        }


class LedgerTemplateView(SpreadsheetTemplateView):
    filename = "risk-point-ledger-template.xlsx"

    def workbook(self):
        return ledger_template_workbook()
