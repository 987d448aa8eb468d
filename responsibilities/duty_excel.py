"""Import of leaders' duty lists (责任清单导入, .xlsx): read, resolve, preview without writing, then write every
row through the duty services in one transaction, or none.

A row is one duty: the leader (姓名, 职务, 所在单位) and the list (年度, 清单类别) are found, or registered the
first time the file names them; the duty numbered 序号 in that list is added, rewritten when its text or links
differ (新增/更新), or left alone (未变). The row is the whole duty: an empty 关联工作任务 means no work items.
The preview resolves the whole file with a handful of queries. Only the county office keeps duty lists.
"""

import re
from dataclasses import dataclass, field
from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.choices import OrgUnitKind
from core.models import OrgUnit
from core.spreadsheets import (
    ActionResult,
    CellError,
    ImportRow,
    RowError,
    cell_text,
    choice_words,
    export_workbook,
    parse_text,
    read_sheet,
    shown,
    template_workbook,
    unit_name_index,
    unit_named,
)
from responsibilities import duty_services as services
from responsibilities.models import Duty, DutyList, DutyListKind, Leader
from tasks.models import KeyAction, WorkItem

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
# The headers are the file's format (the export writes the same ones); the keys are the services' arguments.
COLUMNS = {
    "year": gettext_noop("年度"),
    "name": gettext_noop("领导姓名"),
    "post": gettext_noop("职务"),
    "unit": gettext_noop("所在单位"),
    "kind": gettext_noop("清单类别"),
    "order": gettext_noop("序号"),
    "text": gettext_noop("职责内容"),
    "work_items": gettext_noop("关联工作任务"),
    "key_actions": gettext_noop("关联重点行动"),
}
REQUIRED = ("year", "name", "post", "unit", "kind", "order", "text")
LEADER_UNIT_KINDS = (OrgUnitKind.COUNTY, OrgUnitKind.TOWNSHIP, OrgUnitKind.DEPARTMENT)
KIND_WORDS = {
    "党政领导干部": DutyListKind.LEADER,
    "领导干部责任清单": DutyListKind.LEADER,
    "责任清单": DutyListKind.LEADER,
    "年度重点任务": DutyListKind.ANNUAL_TASKS,
    "重点任务清单": DutyListKind.ANNUAL_TASKS,
}
NUMERALS = {n: i for i, n in enumerate("一二三四五六七八九十", start=1)}
SEPARATORS = re.compile(r"[、,，;；\s]+")
NUMBER_NOISE = re.compile(r"^(?:第|重点行动)?[（(]?|[)）]?项?$")
CREATE, UPDATE, SAME = services.DUTY_CREATED, services.DUTY_UPDATED, services.DUTY_UNCHANGED
OUTCOMES = {CREATE: gettext_noop("新增"), UPDATE: gettext_noop("更新"), SAME: gettext_noop("未变")}
KEEPERS_ONLY = gettext_noop("只有县安委办可以维护责任清单。")  # the services' words


def read_duty_lists(content):
    return read_sheet(content, columns=COLUMNS, required=REQUIRED, max_rows=MAX_ROWS)


def link_words(text):
    return [word for word in SEPARATORS.split(text) if word]


def work_items_text(items):
    return "、".join(str(item.number) for item in sorted(items, key=lambda item: item.number))


def key_actions_text(actions):
    return "、".join(action.code for action in sorted(actions, key=lambda action: action.number))


def _year(text):
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise CellError(_("“%(text)s”不是年度，请填写如 2024 的四位年份。") % {"text": text})
    return int(text)


def _number(word):
    """1, 01, 第1项, （一）, 一 … as a number, or None."""
    word = NUMBER_NOISE.sub("", word)
    if word.isdigit():
        return int(word)
    return NUMERALS.get(word)


@dataclass
class DutyRow(ImportRow):
    action: str = ""
    notes: list = field(default_factory=list)  # what else the row registers (a leader, a list)
    changes: list = field(default_factory=list)  # (column header, old, new) of an update

    @property
    def cells(self):
        values = self.values
        shown_values = {
            "work_items": work_items_text(values["work_items"]) if "work_items" in values else None,
            "key_actions": key_actions_text(values["key_actions"]) if "key_actions" in values else None,
        }
        return [shown(shown_values.get(key, values.get(key)), self.text.get(key, "")) for key in self.columns]

    @property
    def outcome(self):
        return _(OUTCOMES[self.action]) if self.action else ""


@dataclass
class DutyResult(ActionResult):
    updated: int = 0

    WRITE_ACTIONS = (CREATE, UPDATE)


class DutyLookups:
    """The units, plans, leaders, lists and duties the file names, fetched once: a few queries, however long."""

    def __init__(self, *, actor, rows):
        self.actor = actor
        texts = [{key: cell_text(value) for key, value in cells.items()} for _number, cells in rows]
        units = OrgUnit.objects.filter(kind__in=LEADER_UNIT_KINDS, is_active=True).select_related("parent")
        self.units = unit_name_index(units)
        years = {int(t["year"]) for t in texts if t.get("year", "").isdigit()}
        # With their plans: the services check the year rule on them again when the rows are written.
        items = WorkItem.objects.filter(plan__year__in=years).select_related("plan")
        self.work_items = {(item.plan.year, item.number): item for item in items}
        actions = KeyAction.objects.filter(plan__year__in=years).select_related("plan")
        self.key_actions = {(action.plan.year, action.number): action for action in actions}
        leaders = Leader.objects.filter(name__in={t["name"] for t in texts if t.get("name")})
        self.leaders = {(leader.unit_id, leader.name, leader.post): leader for leader in leaders}
        lists = DutyList.objects.filter(leader__in=list(self.leaders.values()), year__in=years)
        self.lists = {(dl.leader_id, dl.year, dl.kind): dl for dl in lists}
        duties = Duty.objects.filter(duty_list__in=list(self.lists.values())).prefetch_related(
            "work_items", "key_actions"
        )
        self.duties = {(duty.duty_list_id, duty.order): duty for duty in duties}
        self.kinds = choice_words(DutyListKind) | KIND_WORDS
        self.seen = {}
        self.registered = set()  # leaders and lists a row before this one registers

    def row(self, number, cells):
        row = DutyRow.resolved(number, cells, columns=COLUMNS, required=REQUIRED, resolve=self._value)
        if not row.errors:
            self._duplicate(row)
        if not row.errors:
            self._check(row)
        return row

    def _value(self, key, value, text, values):
        if key in ("name", "post"):
            return parse_text(text, Leader._meta.get_field(key).max_length)
        if key == "text":
            return text
        return getattr(self, f"_{key}")(text, values)

    def _year(self, text, values):
        return _year(text)

    def _order(self, text, values):
        if not text.isdigit() or not 0 < int(text) < 32768:
            raise CellError(_("“%(text)s”不是序号，请填写正整数。") % {"text": text})
        return int(text)

    def _kind(self, text, values):
        if text not in self.kinds:
            labels = "、".join(str(label) for label in DutyListKind.labels)
            raise CellError(_("“%(text)s”不是可选的清单类别，应为：%(labels)s。") % {"text": text, "labels": labels})
        return self.kinds[text]

    def _unit(self, text, values):
        message = _("找不到名为“%(text)s”的单位，请填写县、县级部门或乡镇（街道）的全称或简称。")
        return unit_named(self.units, text, message)

    def _work_items(self, text, values):
        return self._links(text, values.get("year"), self.work_items, _("所关联的工作任务不属于%(year)s年工作要点"))

    def _key_actions(self, text, values):
        return self._links(text, values.get("year"), self.key_actions, _("所关联的重点行动不属于%(year)s年工作要点"))

    def _links(self, text, year, found, year_rule):
        """The entries of `year`'s plan the words number; one outside that plan breaks the year rule."""
        if year is None:  # the year's own cell says what is wrong
            return None
        words = list(dict.fromkeys(link_words(text)))
        numbers = {word: _number(word) for word in words}
        bad = [word for word in words if numbers[word] is None]
        if bad:
            message = _("“%(words)s”不是序号，请填写如 1、3 的数字，用顿号或逗号分隔。")
            raise CellError(message % {"words": "、".join(bad)})
        missing = [word for word in words if (year, numbers[word]) not in found]
        if missing:
            message = year_rule % {"year": year}
            raise CellError(
                _("%(rule)s：%(year)s年工作要点中没有“%(words)s”。")
                % {"rule": message, "year": year, "words": "、".join(missing)}
            )
        return [found[year, numbers[word]] for word in words]

    def _duplicate(self, row):
        values = row.values
        key = (values["unit"].pk, *(values[k] for k in ("name", "post", "year", "kind", "order")))
        if key in self.seen:
            row.fail("order", _("与第%(row)d行的序号相同（同一领导、年度和清单类别）。") % {"row": self.seen[key]})
        else:
            self.seen[key] = row.number

    def _check(self, row):
        values = row.values
        values.setdefault("work_items", [])
        values.setdefault("key_actions", [])
        leader = self.leaders.get((values["unit"].pk, values["name"], values["post"]))
        duty_list = leader and self.lists.get((leader.pk, values["year"], values["kind"]))
        duty = duty_list and self.duties.get((duty_list.pk, values["order"]))
        self._notes(row, leader, duty_list)
        row.arguments = dict(values)
        if duty is None:
            row.action = CREATE
            return
        links = {"work_items": values["work_items"], "key_actions": values["key_actions"]}
        row.action = UPDATE if services.duty_differs(duty, text=values["text"], **links) else SAME
        if row.action == UPDATE:
            row.changes = _changes(duty, values)

    def _notes(self, row, leader, duty_list):
        values = row.values
        leader_key = ("leader", values["unit"].pk, values["name"], values["post"])
        if leader is None and leader_key not in self.registered:
            self.registered.add(leader_key)
            row.notes.append(_("登记领导干部%(name)s（%(post)s）") % {"name": values["name"], "post": values["post"]})
        list_key = (*leader_key, values["year"], values["kind"])
        if duty_list is None and list_key not in self.registered:
            self.registered.add(list_key)
            label = DutyListKind(values["kind"]).label
            row.notes.append(_("新建%(year)s年%(kind)s") % {"year": values["year"], "kind": label})


def _changes(duty, values):
    changes = []
    if duty.text != values["text"]:
        changes.append((_(COLUMNS["text"]), _short(duty.text), _short(values["text"])))
    pairs = [
        ("work_items", work_items_text(duty.work_items.all()), work_items_text(values["work_items"])),
        ("key_actions", key_actions_text(duty.key_actions.all()), key_actions_text(values["key_actions"])),
    ]
    for key, old, new in pairs:
        if old != new:
            changes.append((_(COLUMNS[key]), old or _("（空）"), new or _("（空）")))
    return changes


def _short(text, limit=20):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def duty_lists_preview(*, actor, content):
    """What the file would add or change, or why each bad row would not; writes nothing."""
    if not services.may_keep_duties(actor):
        return DutyResult(file_errors=[RowError(None, "", _(KEEPERS_ONLY))])
    return DutyResult.previewed(content, read=read_duty_lists, lookups=partial(DutyLookups, actor=actor))


class _Writer:
    """Writes the rows in order; a leader or list registered by one row is the one the next rows use."""

    def __init__(self, actor):
        self.actor = actor
        self.leaders, self.lists = {}, {}

    def __call__(self, row):
        args = row.arguments
        leader_key = (args["unit"].pk, args["name"], args["post"])
        if leader_key not in self.leaders:
            self.leaders[leader_key] = services.leader_find_or_create(
                actor=self.actor, unit=args["unit"], name=args["name"], post=args["post"]
            )
        leader = self.leaders[leader_key]
        list_key = (leader.pk, args["year"], args["kind"])
        if list_key not in self.lists:
            self.lists[list_key] = services.duty_list_find_or_create(
                actor=self.actor, leader=leader, year=args["year"], kind=args["kind"]
            )
        services.duty_set(
            actor=self.actor,
            duty_list=self.lists[list_key],
            order=args["order"],
            text=args["text"],
            work_items=args["work_items"],
            key_actions=args["key_actions"],
        )


def duty_lists_import(*, actor, content):
    """Check the file again against today's data, then write every row's duty, or none."""
    result = duty_lists_preview(actor=actor, content=content)
    if not result.ok:
        return result
    if result.write_all_or_none(write=_Writer(actor), refused_column=lambda row, exc: ""):
        result.created, result.updated = result.count(CREATE), result.count(UPDATE)
    return result


# ---- the export (in the import's columns, so a file can be sent back) and the blank template ----------------------

WIDTHS = [8, 14, 22, 24, 24, 6, 60, 16, 16]


def _cells(duty):
    duty_list = duty.duty_list
    leader = duty_list.leader
    return [
        duty_list.year,
        leader.name,
        leader.post,
        leader.unit.name,
        duty_list.get_kind_display(),
        duty.order,
        duty.text,
        work_items_text(duty.work_items.all()),
        key_actions_text(duty.key_actions.all()),
    ]


def duties_workbook(duties):
    """Give the duties with their list, leader and unit joined and their links prefetched."""
    headers = [_(text) for text in COLUMNS.values()]
    return export_workbook(title=_("责任清单"), headers=headers, widths=WIDTHS, rows=map(_cells, duties))


def _template_notes():
    kinds = "、".join(str(label) for label in DutyListKind.labels)
    return {
        "year": _("四位年份，如 2024；关联的工作任务和重点行动须属于该年度的工作要点"),
        "name": _("领导干部姓名；同一单位、同名同职务的领导干部视为同一人，未登记的将新登记"),
        "post": _("如 县长、分管安全生产副县长"),
        "unit": _("县、县级部门或乡镇（街道）的全称或简称"),
        "kind": kinds + _("；该领导本年度还没有这类清单的将新建"),
        "order": _("职责在清单中的序号（正整数）；同一清单中已有该序号的职责将按本行更新，同一文件中不能重复"),
        "text": _("职责内容"),
        "work_items": _("工作要点中工作任务的序号，如 1、3；多个用顿号或逗号分隔；留空表示不关联"),
        "key_actions": _("重点行动的序号，如 一、三 或 1、3；多个用顿号或逗号分隔；留空表示不关联"),
    }


def duty_template_workbook():
    example = [2024, _("王某某"), _("分管安全生产副县长"), "垫江县", str(DutyListKind.LEADER.label), 1]
    example += [_("协助县长负责安全生产工作，统筹推进安全生产治本攻坚三年行动。"), "9、12", "一"]
    closing = [_("第2行为示例，导入前请删除或改写。每行一条职责；任何一行有误则整个文件都不导入。")]
    closing += [_("每行即一条完整的职责：更新时以本行的职责内容和关联为准。导出的Excel可修改后直接导入。")]
    return template_workbook(
        title=_("责任清单"),
        columns=COLUMNS,
        required=REQUIRED,
        widths=WIDTHS,
        example=example,
        notes=_template_notes(),
        closing=closing,
    )
