"""Import of a 任务分解表 (.xlsx) into measures: read, resolve, preview without writing, then import all or none.

The preview resolves every name with a handful of queries for the whole file and applies the rules of
`measure_create` that need none (`measure_create_check`); the import calls `measure_create` once per row.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import OrgUnit
from core.spreadsheets import (
    CellError,
    ImportResult,
    cell_text,
    parse_amount,
    parse_date,
    parse_text,
    unit_name_index,
)
from core.spreadsheets import read_sheet as read_spreadsheet
from tasks import services
from tasks.choices import ReportFrequency
from tasks.import_rows import COLUMNS, FIELD_COLUMNS, REQUIRED, measure_row
from tasks.models import KeyAction, Measure, QuantitativeTarget, WorkItem

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
FREQUENCY_WORDS = {"每周": "weekly", "周": "weekly", "每月": "monthly", "月": "monthly", "每季度": "quarterly"}
FREQUENCY_WORDS |= {"季度": "quarterly", "每季": "quarterly"}
WORK_ITEM = re.compile(r"^(\d{1,3})(?:\s*[.．、]\s*|\s+)?(?![\d.．])")
KEY_ACTION = re.compile(
    r"^(?:重点行动\s*(\d)(?!\d)|(?:重点行动\s*)?[（(]?([一二三四五六七八九十]{1,2})[)）]?(?![一二三四五六七八九十]))"
)
CHECKED = ("entry", "owner_units", "lead_unit", "start_date", "deadline", "target", "planned_quantity")


def read_sheet(content):
    """The first sheet's non-empty rows as (row number, {column key: cell}); refuses what is not an .xlsx."""
    return read_spreadsheet(content, columns=COLUMNS, required=REQUIRED, max_rows=MAX_ROWS)


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
        row = measure_row(number, {key: cell_text(value) for key, value in cells.items()})
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
            return row.fail_with(exc, FIELD_COLUMNS)
        values.setdefault("frequency", ReportFrequency.MONTHLY)
        if measure["target"] and measure["planned_quantity"] is None:
            values["planned_quantity"] = _("按分解任务量")
        if not self._duplicate(row, measure):
            row.arguments = measure

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
        return parse_text(text, Measure._meta.get_field("title").max_length)

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
        return parse_date(value, text)

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
        return parse_amount(text)


def _unit_index():
    """Townships and departments by the names people write for them."""
    units = OrgUnit.objects.filter(kind__in=services.OWNER_KINDS, is_active=True).select_related("parent")
    return unit_name_index(units)


def measure_import_preview(*, actor, plan, content):
    """What the file would create, or why each bad row would not; writes nothing."""
    try:
        rows = read_sheet(content)
    except ValidationError as exc:
        return ImportResult.refused(exc)
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
                result.created += len(services.measure_create(actor=actor, **row.arguments))
            except PermissionDenied:
                row.fail("lead_unit", _("您无权为该单位分解措施。"))
            except ValidationError as exc:
                row.fail_with(exc, FIELD_COLUMNS)
        if result.errors:
            result.created = 0
            transaction.set_rollback(True)
    return result
