"""Import of a 任务分解表 (.xlsx) into measures: read, resolve, preview without writing, then import all or none.

The preview resolves every name with a handful of queries for the whole file and applies the rules of
`measure_create` that need none (`measure_create_check`); the import calls `measure_create` once per row.
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel

from core.models import OrgUnit
from tasks import services
from tasks.choices import ReportFrequency
from tasks.import_rows import COLUMNS, REQUIRED, CellError, ImportResult, ImportRow, RowError, cell_text
from tasks.models import KeyAction, Measure, QuantitativeTarget, WorkItem

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
FREQUENCY_WORDS = {"每周": "weekly", "周": "weekly", "每月": "monthly", "月": "monthly", "每季度": "quarterly"}
FREQUENCY_WORDS |= {"季度": "quarterly", "每季": "quarterly"}
WORK_ITEM = re.compile(r"^(\d{1,3})(?:\s*[.．、]\s*|\s+)?(?![\d.．])")
KEY_ACTION = re.compile(
    r"^(?:重点行动\s*(\d)(?!\d)|(?:重点行动\s*)?[（(]?([一二三四五六七八九十]{1,2})[)）]?(?![一二三四五六七八九十]))"
)
DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
CHECKED = ("entry", "owner_units", "lead_unit", "start_date", "deadline", "target", "planned_quantity")


def _header_names():
    """Every header a column may carry: the Chinese of the template, or its translation in any language."""
    names = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names |= {_(header): key for key, header in COLUMNS.items()}
    return names | {header: key for key, header in COLUMNS.items()}


def _header_columns(header):
    names, columns = _header_names(), {}
    for index, cell in enumerate(header or ()):
        key = names.get(cell_text(cell).rstrip("*＊ "))
        if key and key not in columns:
            columns[key] = index
    missing = [_(COLUMNS[key]) for key in REQUIRED if key not in columns]
    if missing:
        raise ValidationError(_("第1行表头缺少必填列：%(names)s。请使用导入模板。") % {"names": "、".join(missing)})
    return columns


def read_sheet(content):
    """The first sheet's non-empty rows as (row number, {column key: cell}); refuses what is not an .xlsx."""
    try:
        book = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl fails in many ways (zip, XML, missing parts) on what is not .xlsx
        raise ValidationError(_("文件不是Excel工作簿（.xlsx），无法读取。旧版.xls请先另存为.xlsx。")) from exc
    try:
        sheet = book.worksheets[0]
        columns = _header_columns(next(sheet.iter_rows(max_row=1, values_only=True), None))
        cells = sheet.iter_rows(min_row=2, max_col=max(columns.values()) + 1, values_only=True)
        rows = []
        for number, values in enumerate(cells, start=2):
            if all(v is None or not str(v).strip() for v in values):
                continue
            row = {key: values[i] if i < len(values) else None for key, i in columns.items()}
            if number > MAX_ROWS + 1:
                raise ValidationError(
                    _("一次最多导入%(n)d行（第2行至第%(last)d行）。") % {"n": MAX_ROWS, "last": MAX_ROWS + 1}
                )
            rows.append((number, row))
    finally:
        book.close()
    if not rows:
        raise ValidationError(_("文件中没有数据行：请从第2行起填写。"))
    return rows


class Lookups:
    """Everything the rows name, fetched once for the whole file: a few queries, however long it is."""

    def __init__(self, *, actor, plan):
        self.actor, self.plan = actor, plan
        self.units = _unit_index()
        work_items = list(WorkItem.objects.filter(plan=plan).select_related("lead_unit"))
        key_actions = list(KeyAction.objects.filter(plan=plan).select_related("lead_unit"))
        self.work_items = {w.number: w for w in work_items}
        self.key_actions = {k.code: k for k in key_actions} | {str(k.number): k for k in key_actions}
        self.titles = {e.title: e for e in work_items + key_actions} | {str(e): e for e in work_items + key_actions}
        self.targets = {t.name: t for t in QuantitativeTarget.objects.filter(plan=plan)}
        existing = Measure.objects.filter(plan=plan)
        self.existing = set(existing.values_list("work_item_id", "key_action_id", "owner_unit_id", "title"))
        self.seen = {}

    def row(self, number, cells):
        row = ImportRow(number, {key: cell_text(value) for key, value in cells.items()})
        for key in COLUMNS:
            if not row.text.get(key):
                if key in REQUIRED:
                    row.fail(key, _("必填，不能为空。"))
                continue
            try:
                row.values[key] = getattr(self, f"_{key}")(cells[key], row.text[key])
            except CellError as exc:
                row.fail(key, str(exc))
        if not row.errors:
            self._check(row)
        return row

    def _check(self, row):
        values = row.values
        measure = {
            "entry": values["entry"],
            "title": values["title"],
            "deliverable": values.get("deliverable", ""),
            "owner_units": [values["owner_unit"]],
            "lead_unit": values.get("lead_unit"),
            "start_date": values["start_date"],
            "deadline": values["deadline"],
            "frequency": values.get("frequency", ReportFrequency.MONTHLY),
            "target": values.get("target"),
            "planned_quantity": values.get("planned_quantity"),
        }
        try:
            values["lead_unit"] = services.measure_create_check(actor=self.actor, **{k: measure[k] for k in CHECKED})
        except PermissionDenied:
            return row.fail("lead_unit", _("您无权为该单位分解措施。"))
        except ValidationError as exc:
            return row.fail_with(exc)
        values.setdefault("frequency", ReportFrequency.MONTHLY)
        if measure["target"] and measure["planned_quantity"] is None:
            values["planned_quantity"] = _("按分解任务量")
        if not self._duplicate(row, measure):
            row.measure = measure

    def _duplicate(self, row, measure):
        entry, owner = measure["entry"], measure["owner_units"][0]
        key = (
            entry.pk if isinstance(entry, WorkItem) else None,
            entry.pk if isinstance(entry, KeyAction) else None,
            owner.pk,
            measure["title"],
        )
        if key in self.existing:
            row.fail("title", _("%(unit)s在该项下已有相同的具体措施。") % {"unit": owner.name})
        elif key in self.seen:
            row.fail("title", _("与第%(row)d行重复。") % {"row": self.seen[key]})
        self.seen.setdefault(key, row.number)
        return bool(row.errors)

    def _entry(self, value, text):
        found = self.titles.get(text)
        if found is None and (match := WORK_ITEM.match(text)):
            found = self.work_items.get(int(match[1]))
        elif found is None and (match := KEY_ACTION.match(text)):
            found = self.key_actions.get(match[1] or match[2])
        if found is None:
            raise CellError(
                _("%(year)d年度工作要点中没有“%(text)s”。请填写工作任务序号（如 11）或重点行动（如 （一））。")
                % {"year": self.plan.year, "text": text}
            )
        return found

    def _title(self, value, text):
        limit = Measure._meta.get_field("title").max_length
        if len(text) > limit:
            raise CellError(_("不能超过%(n)d个字。") % {"n": limit})
        return text

    def _deliverable(self, value, text):
        return text

    def _owner_unit(self, value, text):
        units = self.units.get(text, ())
        if len(units) > 1:
            raise CellError(_("“%(text)s”对应多个单位，请填写全称。") % {"text": text})
        if not units:
            raise CellError(_("找不到名为“%(text)s”的乡镇（街道）或县级部门。") % {"text": text})
        return next(iter(units))

    _lead_unit = _owner_unit

    def _start_date(self, value, text):
        return _date(value, text)

    _deadline = _start_date

    def _frequency(self, value, text):
        words = (
            FREQUENCY_WORDS | {str(label): v for v, label in ReportFrequency.choices} | {v: v for v in ReportFrequency}
        )
        if text not in words:
            raise CellError(_("“%(text)s”不是填报周期，应为每周、每月或每季度。") % {"text": text})
        return ReportFrequency(words[text])

    def _target(self, value, text):
        if text not in self.targets:
            raise CellError(
                _("%(year)d年度工作要点中没有名为“%(text)s”的量化指标。") % {"year": self.plan.year, "text": text}
            )
        return self.targets[text]

    def _planned_quantity(self, value, text):
        try:
            quantity = Decimal(text.replace(",", ""))
        except InvalidOperation:
            quantity = None
        if quantity is None or not quantity.is_finite() or quantity <= 0 or quantity >= 10**10:
            raise CellError(_("“%(text)s”不是大于0的数字。") % {"text": text})
        if quantity != quantity.quantize(Decimal("0.01")):
            raise CellError(_("最多保留两位小数。"))
        return quantity


def _unit_index():
    """Townships and departments by full name, short name, and a department's name without the county's."""
    index = {}
    units = OrgUnit.objects.filter(kind__in=services.OWNER_KINDS, is_active=True).select_related("parent")
    for unit in units:
        names = {unit.name, unit.short_name, unit.name.removeprefix(unit.parent.name if unit.parent else "")}
        for name in names - {""}:
            index.setdefault(name, set()).add(unit)
    return index


def _date(value, text):
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


def measure_import_preview(*, actor, plan, content):
    """What the file would create, or why each bad row would not; writes nothing."""
    try:
        rows = read_sheet(content)
    except ValidationError as exc:
        return ImportResult(file_errors=[RowError(None, "", message) for message in exc.messages])
    lookups = Lookups(actor=actor, plan=plan)
    return ImportResult(rows=[lookups.row(number, cells) for number, cells in rows])


def measure_import(*, actor, plan, content):
    """Check the file again against today's data, then create every row's measure, or none of them."""
    result = measure_import_preview(actor=actor, plan=plan, content=content)
    if not result.ok:
        return result
    with transaction.atomic():
        for row in result.rows:
            try:
                result.created += len(services.measure_create(actor=actor, **row.measure))
            except PermissionDenied:
                row.fail("lead_unit", _("您无权为该单位分解措施。"))
            except ValidationError as exc:
                row.fail_with(exc)
        if result.errors:
            result.created = 0
            transaction.set_rollback(True)
    return result
