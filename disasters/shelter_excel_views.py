"""Shelters in Excel: the list's export with its filters, and the shelter-list import (upload, a preview that
writes nothing, confirm that creates every row or none)."""

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
from core.models import OrgUnit
from disasters import shelter_excel
from disasters.shelter_selectors import shelter_list

SESSION_KEY = "shelter_list_import"


class ShelterExportView(SpreadsheetExportView):
    filename = "shelters"

    def filterset(self, request):
        return shelter_list(user=request.user, filters=request.GET)

    def workbook(self, queryset):
        villages = Prefetch("covered_villages", queryset=OrgUnit.objects.order_by("code"))
        rows = queryset.order_by("township__sort_order", "code").prefetch_related(villages)
        return shelter_excel.shelters_workbook(rows)


class ShelterImportForm(SpreadsheetUploadForm):
    label = gettext_lazy("应急避难场所清单（Excel .xlsx）")
    max_rows = shelter_excel.MAX_ROWS
    max_bytes = shelter_excel.MAX_BYTES
    read = staticmethod(shelter_excel.read_shelter_list)


class ShelterImportView(SpreadsheetImportView):
    """shelter_create decides, row by row, what the person may register."""

    form_class = ShelterImportForm
    template_name = "disasters/shelter_import.html"
    session_key = SESSION_KEY
    preview_url = "disasters:shelter-import-preview"


class ShelterImportPreviewView(SpreadsheetImportPreviewView):
    template_name = "disasters/shelter_import_preview.html"
    session_key = SESSION_KEY
    upload_url = "disasters:shelter-import"
    done_url = "disasters:shelter-list"
    columns = shelter_excel.COLUMNS
    imported_text = gettext_lazy("该文件已导入（%(n)d个避难场所）。")
    previewer = staticmethod(shelter_excel.shelter_list_preview)
    importer = staticmethod(shelter_excel.shelter_list_import)

    def success_message(self, result):
        return _("已导入%(n)d个应急避难场所。") % {"n": result.created}


class ShelterTemplateView(SpreadsheetTemplateView):
    filename = "shelter-list-template.xlsx"

    def workbook(self):
        return shelter_excel.shelter_template_workbook()
