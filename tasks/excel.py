"""Excel export of measures and their latest progress, with exactly the filters of the list page."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tasks.choices import MeasureStatus, SupervisionColour

COLUMNS = [
    (_("年度"), lambda m: m.plan.year),
    (_("工作任务或重点行动"), lambda m: str(m.entry)),
    (_("具体措施"), lambda m: m.title),
    (_("预期成果"), lambda m: m.deliverable),
    (_("责任单位"), lambda m: m.owner_unit.name),
    (_("牵头单位"), lambda m: m.lead_unit.name),
    (_("开始日期"), lambda m: m.start_date),
    (_("完成时限"), lambda m: m.deadline),
    (_("原定完成时限"), lambda m: m.original_deadline),
    (_("量化指标"), lambda m: m.target.name if m.target else ""),
    (_("计划完成量"), lambda m: m.planned_quantity),
    (_("已完成量（经审核）"), lambda m: m.approved_quantity if m.target else None),
    (_("完成进度（%）"), lambda m: round(float(m.progress), 1)),
    (_("序时进度（%）"), lambda m: round(m.schedule_percent, 1)),
    (_("状态"), lambda m: str(MeasureStatus(m.status).label)),
    (_("督办"), lambda m: str(SupervisionColour(m.colour).label)),
]


def measures_workbook(measures):
    book = Workbook()
    sheet = book.active
    sheet.title = _("具体措施")
    sheet.append([title for title, _value in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for measure in measures:
        sheet.append([value(measure) for _title, value in COLUMNS])
    for column, width in zip(
        "ABCDEFGHIJKLMNOP", [6, 24, 40, 24, 16, 16, 12, 12, 12, 18, 10, 12, 10, 10, 8, 10], strict=True
    ):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
