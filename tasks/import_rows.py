"""What one row of a 任务分解表 becomes: its cells as text, the values they name, and its errors by column."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.models import OrgUnit
from tasks.choices import ReportFrequency
from tasks.models import QuantitativeTarget

# The headers are the file's format: the template writes them, the reader accepts them in any language.
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


class CellError(Exception):
    """A cell that cannot be read; its message says why, in the user's language."""


@dataclass
class RowError:
    row: int | None  # the sheet's row number; None for the file as a whole
    column: str  # a key of COLUMNS, or "" for the row as a whole
    message: str

    @property
    def column_label(self):
        return _(COLUMNS[self.column]) if self.column else ""

    @property
    def where(self):
        parts = [_("第%(row)d行") % {"row": self.row}] if self.row else []
        return " ".join(parts + ([self.column_label] if self.column else []))

    def __str__(self):
        return f"{self.where}：{self.message}" if self.where else self.message


@dataclass
class ImportRow:
    number: int
    text: dict  # column key -> the cell as text, shown for rows that do not resolve
    values: dict = field(default_factory=dict)  # column key -> the resolved value
    measure: dict | None = None  # measure_create's keyword arguments, once the row passes every check
    errors: list = field(default_factory=list)

    def fail(self, column, message):
        self.errors.append(RowError(self.number, column, str(message)))

    def fail_with(self, exc):
        messages = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        for name, texts in messages.items():
            column = "owner_unit" if name == "owner_units" else name if name in COLUMNS else ""
            for text in texts:
                self.fail(column, text)

    @property
    def cells(self):
        return [shown(self.values.get(key), self.text.get(key, "")) for key in COLUMNS]


@dataclass
class ImportResult:
    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)
    created: int = 0

    @property
    def errors(self):
        return self.file_errors + [error for row in self.rows for error in row.errors]

    @property
    def ok(self):
        return bool(self.rows) and not self.errors


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def shown(value, text):
    if value is None:
        return text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, OrgUnit | QuantitativeTarget):
        return value.name
    if isinstance(value, ReportFrequency):
        return str(value.label)
    return str(value)
