"""Excel files: the export of measures with the filters of the list page, and the blank import template."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from core.spreadsheets import export_workbook, header_row, workbook_bytes
from tasks.choices import MeasureStatus, ReportFrequency, SupervisionColour
from tasks.import_rows import COLUMNS as IMPORT_COLUMNS
from tasks.import_rows import REQUIRED as IMPORT_REQUIRED

# Lazy titles: the module is imported once, the file is written in each request's language.
COLUMNS = [
    (gettext_lazy("年度"), lambda m: m.plan.year),
    (gettext_lazy("工作任务或重点行动"), lambda m: str(m.entry)),
    (gettext_lazy("具体措施"), lambda m: m.title),
    (gettext_lazy("预期成果"), lambda m: m.deliverable),
    (gettext_lazy("责任单位"), lambda m: m.owner_unit.name),
    (gettext_lazy("牵头单位"), lambda m: m.lead_unit.name),
    (gettext_lazy("开始日期"), lambda m: m.start_date),
    (gettext_lazy("完成时限"), lambda m: m.deadline),
    (gettext_lazy("原定完成时限"), lambda m: m.original_deadline),
    (gettext_lazy("量化指标"), lambda m: m.target.name if m.target else ""),
    (gettext_lazy("计划完成量"), lambda m: m.planned_quantity),
    (gettext_lazy("已完成量（经审核）"), lambda m: m.approved_quantity if m.target else None),
    (gettext_lazy("完成进度（%）"), lambda m: round(float(m.progress), 1)),
    (gettext_lazy("序时进度（%）"), lambda m: round(m.schedule_percent, 1)),
    (gettext_lazy("状态"), lambda m: str(MeasureStatus(m.status).label)),
    (gettext_lazy("督办"), lambda m: str(SupervisionColour(m.colour).label)),
]


def measures_workbook(measures):
    widths = [6, 24, 40, 24, 16, 16, 12, 12, 12, 18, 10, 12, 10, 10, 8, 10]
    headers = [title for title, _value in COLUMNS]
    rows = ([value(measure) for _title, value in COLUMNS] for measure in measures)
    return export_workbook(title=_("具体措施"), headers=headers, widths=widths, rows=rows)


def _template_notes():
    return {
        "entry": _("工作任务序号（如 11）或重点行动（如 （一）、重点行动一）"),
        "title": _("措施内容，不超过300字；同一单位在同一项下不能重复"),
        "deliverable": _("可不填"),
        "owner_unit": _("乡镇（街道）名称，或县级部门全称、简称（如 应急局）；每行一个单位"),
        "lead_unit": _("可不填，默认为该工作任务或重点行动的牵头单位；您须是该单位人员或安委办管理员"),
        "start_date": _("日期，如 2024-04-01、2024/4/1 或 2024年4月1日"),
        "deadline": _("日期，不能早于开始日期"),
        "frequency": _("每周、每月或每季度，不填为每月"),
        "target": _("可不填；填写时须与年度工作要点中的量化指标名称一致"),
        "planned_quantity": _("可不填；关联量化指标时填写，不填则取该单位的分解任务量"),
    }


def import_template_workbook(*, year=None):
    """A blank 任务分解表 with the importer's headers, one example row, and a sheet explaining each column."""
    year = year or timezone.localdate().year
    book = Workbook()
    sheet = book.active
    sheet.title = _("任务分解表")
    header_row(sheet, [_(header) for header in IMPORT_COLUMNS.values()], [16, 40, 24, 16, 16, 12, 12, 10, 20, 10])
    sheet.append(
        ["11", _("新建和改建桂溪片区防火道路"), _("完成防火道路建设并通过验收"), "桂溪街道", "应急局"]
        + [date(year, 4, 1), date(year, 11, 30), str(ReportFrequency.MONTHLY.label), "防火道路新建和改建", 30]
    )
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="808080")
    notes = book.create_sheet(_("填写说明"))
    notes.append([_("列名"), _("是否必填"), _("填写要求")])
    for key, note in _template_notes().items():
        notes.append([_(IMPORT_COLUMNS[key]), _("必填") if key in IMPORT_REQUIRED else _("选填"), note])
    notes.append([])
    notes.append([_("第2行为示例，导入前请删除或改写。每行生成一条具体措施；任何一行有误则整个文件都不导入。")])
    notes.column_dimensions["A"].width, notes.column_dimensions["C"].width = 20, 80
    return workbook_bytes(book)
