"""Excel files people fill in and download: reading an .xlsx safely, its rows and their errors by column,
dates, numbers and unit names as people write them, and writing cells so that no text becomes a formula.

The importers of each app (a 任务分解表, a 隐患台账) name their columns and resolve their own values with these.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from io import BytesIO

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils.datetime import from_excel

DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
# Text that a spreadsheet program would take for a formula, or that hides one behind a tab or a line break
# (a CR in a cell is read back as a LF).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CellError(Exception):
    """A cell that cannot be read; its message says why, in the user's language."""


@dataclass
class RowError:
    row: int | None  # the sheet's row number; None for the file as a whole
    column: str  # a column key, or "" for the row as a whole
    message: str
    label: str = ""  # the column's header (untranslated), shown in the user's language

    @property
    def column_label(self):
        return _(self.label) if self.label else ""

    @property
    def where(self):
        parts = [_("第%(row)d行") % {"row": self.row}] if self.row else []
        return " ".join(parts + ([self.column_label] if self.column else []))

    def __str__(self):
        return f"{self.where}：{self.message}" if self.where else self.message


@dataclass
class ImportRow:
    number: int
    text: dict  # column key -> the cell as text, shown for cells that do not resolve
    columns: dict  # column key -> header
    values: dict = field(default_factory=dict)  # column key -> the resolved value
    arguments: dict | None = None  # the create service's keyword arguments, once the row passes every check
    checked: object = None  # what the check built, for a service that writes a whole file at once
    errors: list = field(default_factory=list)

    def fail(self, column, message):
        column = column if column in self.columns else ""
        self.errors.append(RowError(self.number, column, str(message), self.columns.get(column, "")))

    def fail_with(self, exc, aliases=None):
        """A service's ValidationError, each message under the column of the field it names."""
        messages = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        for name, texts in messages.items():
            for text in texts:
                self.fail((aliases or {}).get(name, name), text)

    @classmethod
    def resolved(cls, number, cells, *, columns, required, resolve):
        """A sheet row with each filled cell resolved by `resolve(key, cell, text, values so far)`; an empty
        required cell, or a CellError, is the cell's error. A cell that resolves to None is left out."""
        row = cls(number, {key: cell_text(value) for key, value in cells.items()}, columns)
        for key in columns:
            if not row.text.get(key):
                if key in required:
                    row.fail(key, _("必填，不能为空。"))
                continue
            try:
                value = resolve(key, cells[key], row.text[key], row.values)
            except CellError as exc:
                row.fail(key, str(exc))
                continue
            if value is not None:
                row.values[key] = value
        return row

    @property
    def cells(self):
        return [shown(self.values.get(key), self.text.get(key, "")) for key in self.columns]


@dataclass
class ImportResult:
    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)
    created: int = 0
    numbers: list = field(default_factory=list)  # what the created records are called, where they have numbers

    @property
    def errors(self):
        return self.file_errors + [error for row in self.rows for error in row.errors]

    @property
    def ok(self):
        return bool(self.rows) and not self.errors

    @classmethod
    def refused(cls, exc):
        return cls(file_errors=[RowError(None, "", message) for message in exc.messages])

    @classmethod
    def previewed(cls, content, *, read, lookups):
        """Every row of the file checked by `lookups(rows=...).row(number, cells)`, or why the file is refused;
        writes nothing."""
        try:
            rows = read(content)
        except ValidationError as exc:
            return cls.refused(exc)
        found = lookups(rows=rows)
        return cls(rows=[found.row(number, cells) for number, cells in rows])

    def write_all_or_none(self, *, write, refused_column):
        """`write(row)` each row of a clean preview in one transaction. A row the services refuse gets the
        error under its column (`refused_column(row, exc)` for a PermissionDenied) and every row is rolled back.
        Returns whether all were written."""
        with transaction.atomic():
            for row in self.rows:
                try:
                    write(row)
                except PermissionDenied as exc:
                    row.fail(refused_column(row, exc), str(exc))
                except ValidationError as exc:
                    row.fail_with(exc)
            if self.errors:
                transaction.set_rollback(True)
                return False
        return True


@dataclass
class ActionResult(ImportResult):
    """An import whose rows each create, change or leave alone a record (`row.action`): the preview counts them
    by action, and offers 确认导入 only when some row writes. Subclasses name the actions that write."""

    WRITE_ACTIONS = ()

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def writes(self):
        return sum(1 for row in self.rows if row.action in self.WRITE_ACTIONS)


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def shown(value, text):
    """A resolved value as the preview shows it; the typed text where nothing resolved."""
    if value is None:
        return text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, Enum) and hasattr(value, "label"):
        return str(value.label)
    if isinstance(value, models.Model):
        return getattr(value, "name", str(value))
    return str(value)


def in_every_language(texts):
    """{text as written in any configured language: the untranslated text} for gettext_noop'd texts."""
    names = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names |= {_(text): text for text in texts}
    return names | {text: text for text in texts}


def choice_words(choices):
    """A TextChoices' labels in every language, and its stored values, to the choice."""
    words = {value: choices(value) for value in choices.values}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            words |= {str(choices(value).label): choices(value) for value in choices.values}
    return words


def _header_columns(header, columns, required):
    names = in_every_language(columns.values())
    keys = {text: key for key, text in columns.items()}
    found = {}
    for index, cell in enumerate(header or ()):
        key = keys.get(names.get(cell_text(cell).rstrip("*＊ ")))
        if key and key not in found:
            found[key] = index
    missing = [_(columns[key]) for key in required if key not in found]
    if missing:
        raise ValidationError(_("第1行表头缺少必填列：%(names)s。请使用导入模板。") % {"names": "、".join(missing)})
    return found


def read_sheet(content, *, columns, required, max_rows):
    """The first sheet's non-empty rows as (row number, {column key: cell}); refuses what is not an .xlsx."""
    try:
        book = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl fails in many ways (zip, XML, missing parts) on what is not .xlsx
        raise ValidationError(_("文件不是Excel工作簿（.xlsx），无法读取。旧版.xls请先另存为.xlsx。")) from exc
    try:
        sheet = book.worksheets[0]
        found = _header_columns(next(sheet.iter_rows(max_row=1, values_only=True), None), columns, required)
        cells = sheet.iter_rows(min_row=2, max_col=max(found.values()) + 1, values_only=True)
        rows = []
        for number, values in enumerate(cells, start=2):
            if all(v is None or not str(v).strip() for v in values):
                continue
            if number > max_rows + 1:
                raise ValidationError(
                    _("一次最多导入%(n)d行（第2行至第%(last)d行）。") % {"n": max_rows, "last": max_rows + 1}
                )
            rows.append((number, {key: values[i] if i < len(values) else None for key, i in found.items()}))
    finally:
        book.close()
    if not rows:
        raise ValidationError(_("文件中没有数据行：请从第2行起填写。"))
    return rows


def check_upload_size(upload, max_bytes):
    if upload.size > max_bytes:
        raise ValidationError(
            _("文件大小为%(size).1fMB，超过%(mb)dMB的上限。")
            % {"size": upload.size / 1024 / 1024, "mb": max_bytes // 1024 // 1024}
        )


def parse_date(value, text):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        if isinstance(value, int | float) and 0 < value < 2958466:  # a date cell that lost its date format
            return from_excel(value).date()
        match = DATE_TEXT.match(text)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except (ValueError, OverflowError):
        pass
    raise CellError(_("“%(text)s”不是有效日期，请填写如 2024-04-01 的日期。") % {"text": text})


def parse_amount(text, *, allow_zero=False):
    """A quantity or a sum of money: at most two decimals, below ten thousand million."""
    try:
        amount = Decimal(text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0 or (amount == 0 and not allow_zero) or amount >= 10**10:
        message = _("“%(text)s”不是大于或等于0的数字。") if allow_zero else _("“%(text)s”不是大于0的数字。")
        raise CellError(message % {"text": text})
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError(_("最多保留两位小数。"))
    return amount


def parse_text(text, limit):
    if limit and len(text) > limit:
        raise CellError(_("不能超过%(n)d个字。") % {"n": limit})
    return text


VILLAGE_SUFFIXES = ("居民委员会", "村民委员会")


def unit_name_index(units):
    """Units by every name people write: full name, short name, a department's name without the county's,
    a village without 居民委员会/村民委员会, and each of these after its parent's name ("桂溪街道东街社区")."""
    index = {}
    for unit in units:
        parent = unit.parent.name if unit.parent_id else ""
        names = {unit.name, unit.short_name, unit.name.removeprefix(parent)}
        names |= {name.removesuffix(suffix) for name in names for suffix in VILLAGE_SUFFIXES}
        names |= {f"{parent}{name}" for name in names if parent} | {f"{parent}/{name}" for name in names if parent}
        for name in names - {"", parent, f"{parent}/"}:
            index.setdefault(name, set()).add(unit)
    return index


def unit_named(index, text, not_found):
    """The one unit of `unit_name_index` that `text` names; `not_found` (with %(text)s) when none or several."""
    found = index.get(text, set())
    if len(found) != 1:
        raise CellError(not_found % {"text": text})
    return next(iter(found))


def excel_value(value):
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
    return value


def append_row(sheet, values):
    """A row whose text stays text: a cell that begins like a formula is stored as a string, marked as such."""
    sheet.append([excel_value(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
            cell.data_type = "s"
            cell.quotePrefix = True


def header_row(sheet, titles, widths):
    append_row(sheet, [str(title) for title in titles])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(1, number).column_letter].width = width
    sheet.freeze_panes = "A2"


def workbook_bytes(book):
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(content, name):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def export_workbook(*, title, headers, widths, rows):
    """One sheet: the bold, frozen header row, then each row's cells."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    header_row(sheet, headers, widths)
    for cells in rows:
        append_row(sheet, cells)
    return workbook_bytes(book)


def template_workbook(*, title, columns, required, widths, example, notes, closing):
    """A blank import file: the importer's headers (required ones marked *), one example row in grey, and a
    填写说明 sheet with each column's rule (`notes`, by column key) and the `closing` lines."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    header_row(sheet, [_(text) + ("*" if key in required else "") for key, text in columns.items()], widths)
    append_row(sheet, example)
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="808080")
    rules = book.create_sheet(_("填写说明"))
    rules.append([_("列名"), _("是否必填"), _("填写要求")])
    for key, note in notes.items():
        rules.append([_(columns[key]), _("必填") if key in required else _("选填"), note])
    rules.append([])
    for line in closing:
        rules.append([line])
    rules.column_dimensions["A"].width, rules.column_dimensions["C"].width = 20, 90
    return workbook_bytes(book)


def _bracket_variants(text):
    """Names are typed with half- or full-width brackets: （演示） and (演示) are the same name."""
    full = text.replace("(", "（").replace(")", "）")
    return {text, full, full.replace("（", "(").replace("）", ")")}


def enterprise_name_index(*, actor, texts):
    """Each text to the enterprises among those the person may see that it names: by name, alias (一企多牌) or
    统一社会信用代码, in three queries however many texts there are. Use with `enterprise_named`."""
    from core.models import Enterprise, EnterpriseAlias
    from core.validators import normalize_credit_code

    names = {variant for text in texts for variant in _bracket_variants(text)}
    codes = {normalize_credit_code(text) for text in texts}
    visible = Enterprise.objects.visible_to(actor).select_related("township", "supervising_department")
    found = {}
    for enterprise in visible.filter(models.Q(name__in=names) | models.Q(credit_code__in=codes)):
        for key in (enterprise.name, enterprise.credit_code):
            found.setdefault(key, set()).add(enterprise)
    aliases = EnterpriseAlias.objects.visible_to(actor).filter(name__in=names)
    for alias in aliases.select_related("enterprise__township", "enterprise__supervising_department"):
        found.setdefault(alias.name, set()).add(alias.enterprise)
    return {
        text: set().union(*(found.get(v, set()) for v in _bracket_variants(text) | {normalize_credit_code(text)}))
        for text in texts
    }


def enterprise_named(index, text):
    """The one enterprise of `enterprise_name_index` that `text` names, or a CellError saying why not."""
    found = index.get(text, set())
    if len(found) > 1:
        raise CellError(_("“%(text)s”对应多个单位，请填写统一社会信用代码。") % {"text": text})
    if not found:
        raise CellError(
            _("找不到生产经营单位“%(text)s”：请填写单位全称、别名或统一社会信用代码，且该单位在您的管辖范围内。")
            % {"text": text}
        )
    return next(iter(found))
