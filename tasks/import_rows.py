"""The columns of a 任务分解表: the file's format, written by the template and accepted in any language."""

from django.utils.translation import gettext_noop

from core.spreadsheets import ImportRow

COLUMNS = {
    "entry": gettext_noop("工作任务或重点行动"),
    "title": gettext_noop("具体措施"),
    "deliverable": gettext_noop("预期成果"),
    "owner_unit": gettext_noop("责任单位"),
    "lead_unit": gettext_noop("牵头单位"),
    "start_date": gettext_noop("开始日期"),
    "deadline": gettext_noop("完成时限"),
    "frequency": gettext_noop("填报周期"),
    "target": gettext_noop("量化指标"),
    "planned_quantity": gettext_noop("计划完成量"),
}
REQUIRED = ("entry", "title", "owner_unit", "start_date", "deadline")
# measure_create names the owner units in the plural; the sheet has one per row.
FIELD_COLUMNS = {"owner_units": "owner_unit"}


def measure_row(number, text):
    return ImportRow(number, text, COLUMNS)
