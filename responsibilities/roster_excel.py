"""The four-person roster (监管责任人名册) in Excel: the import (read, preview without writing, then name every
row's person through `responsible_person_set` in one transaction, or none), the export with its filters, in the
import's columns, and the blank template.

A row is one enterprise and one of the four roles. The current holder named again (same name, post and phone) is
未变; another person is 变更: the current holder's row is closed and kept as history; a role with nobody yet is
新增. The person may write only the enterprises whose boards they may change.
"""

from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.spreadsheets import (
    ActionResult,
    CellError,
    ImportRow,
    cell_text,
    choice_words,
    enterprise_name_index,
    enterprise_named,
    export_workbook,
    parse_date,
    parse_text,
    read_sheet,
    template_workbook,
)
from responsibilities import board_services as services
from responsibilities.board_choices import ResponsibleRole
from responsibilities.models import ResponsiblePerson

MAX_ROWS = 4000
MAX_BYTES = 5 * 1024 * 1024
COLUMNS = {
    "enterprise": gettext_noop("企业名称"),
    "credit_code": gettext_noop("统一社会信用代码"),
    "role": gettext_noop("责任类别"),
    "name": gettext_noop("姓名"),
    "post": gettext_noop("职务"),
    "phone": gettext_noop("联系电话"),
    "since": gettext_noop("任职日期"),
}
REQUIRED = ("role", "name", "post", "phone", "since")
ROLE_WORDS = {
    "行政": ResponsibleRole.ADMINISTRATIVE,
    "行政负责人": ResponsibleRole.ADMINISTRATIVE,
    "行业": ResponsibleRole.INDUSTRY,
    "行业监管人": ResponsibleRole.INDUSTRY,
    "行业监管负责人": ResponsibleRole.INDUSTRY,
    "专业": ResponsibleRole.PROFESSIONAL,
    "专业监管人": ResponsibleRole.PROFESSIONAL,
    "专业监管负责人": ResponsibleRole.PROFESSIONAL,
    "企业": ResponsibleRole.ENTERPRISE,
    "企业（单位）负责人": ResponsibleRole.ENTERPRISE,
    "企业(单位)": ResponsibleRole.ENTERPRISE,
    "企业负责人": ResponsibleRole.ENTERPRISE,
    "单位": ResponsibleRole.ENTERPRISE,
}
CREATE, CHANGE, SAME = "create", "change", "same"
OUTCOMES = {CREATE: gettext_noop("新增"), CHANGE: gettext_noop("变更"), SAME: gettext_noop("未变")}
PERSON_FIELDS = ("name", "post", "phone")


def read_roster(content):
    return read_sheet(content, columns=COLUMNS, required=REQUIRED, max_rows=MAX_ROWS)


@dataclass
class RosterRow(ImportRow):
    action: str = ""
    changes: list = field(default_factory=list)  # (column header, old, new) of a change

    @property
    def outcome(self):
        return _(OUTCOMES[self.action]) if self.action else ""


@dataclass
class RosterResult(ActionResult):
    changed: int = 0

    WRITE_ACTIONS = (CREATE, CHANGE)


class RosterLookups:
    """The enterprises (among those the person may see) and their current holders, fetched once for the file."""

    def __init__(self, *, actor, rows):
        self.actor = actor
        texts = [cell_text(cells.get(key)) for _number, cells in rows for key in ("enterprise", "credit_code")]
        self.enterprises = enterprise_name_index(actor=actor, texts={text for text in texts if text})
        found = {e.pk for named in self.enterprises.values() for e in named}
        current = ResponsiblePerson.objects.current().filter(enterprise_id__in=found)
        self.current = {(person.enterprise_id, person.role): person for person in current}
        self.roles = choice_words(ResponsibleRole) | ROLE_WORDS
        self.seen = {}

    def row(self, number, cells):
        row = RosterRow.resolved(number, cells, columns=COLUMNS, required=REQUIRED, resolve=self._value)
        self._enterprise(row)
        if not row.errors:
            self._duplicate(row)
        if not row.errors:
            self._check(row)
        return row

    def _value(self, key, value, text, values):
        if key in PERSON_FIELDS:
            return parse_text(text, ResponsiblePerson._meta.get_field(key).max_length)
        if key == "since":
            return parse_date(value, text)
        if key == "role":
            return self._role(text)
        return enterprise_named(self.enterprises, text)

    def _role(self, text):
        found = self.roles.get(text) or self.roles.get(text.replace("(", "（").replace(")", "）"))
        if found is None:
            labels = "、".join(str(label) for label in ResponsibleRole.labels)
            raise CellError(_("“%(text)s”不是可选的责任类别，应为：%(labels)s。") % {"text": text, "labels": labels})
        return found

    def _enterprise(self, row):
        """Named by its name or its code; where both are given they must be the same enterprise."""
        by_name, by_code = row.values.get("enterprise"), row.values.get("credit_code")
        if not row.text.get("enterprise") and not row.text.get("credit_code"):
            row.fail("enterprise", _("请填写企业名称或统一社会信用代码。"))
        elif by_name is not None and by_code is not None and by_name != by_code:
            row.fail(
                "credit_code",
                _("统一社会信用代码对应的是“%(code_name)s”，与企业名称“%(name)s”不一致。")
                % {"code_name": by_code.name, "name": by_name.name},
            )
        elif by_name is not None or by_code is not None:
            enterprise = by_code or by_name
            row.values |= {"enterprise": enterprise, "credit_code": enterprise.credit_code}

    def _duplicate(self, row):
        key = (row.values["enterprise"].pk, row.values["role"])
        if key in self.seen:
            row.fail("role", _("与第%(row)d行的单位和责任类别相同。") % {"row": self.seen[key]})
        else:
            self.seen[key] = row.number

    def _check(self, row):
        values = {key: row.values[key] for key in ("enterprise", "role", *PERSON_FIELDS, "since")}
        enterprise = values.pop("enterprise")
        current = self.current.get((enterprise.pk, values["role"]))
        try:
            if current is not None and services.responsible_person_same(current, **_person(values)):
                services.board_edit_check(actor=self.actor, enterprise=enterprise)
                row.action = SAME
            else:
                services.responsible_person_check(actor=self.actor, enterprise=enterprise, current=current, **values)
                row.action = CHANGE if current is not None else CREATE
        except PermissionDenied as exc:
            return row.fail(_refused_column(row), str(exc))
        except ValidationError as exc:
            return row.fail_with(exc)
        row.arguments = values | {"enterprise": enterprise}
        if row.action == CHANGE:
            row.changes = [
                (_(COLUMNS[key]), getattr(current, key), values[key].strip())
                for key in PERSON_FIELDS
                if getattr(current, key) != values[key].strip()
            ]


def _person(values):
    return {key: values[key] for key in PERSON_FIELDS}


def _refused_column(row):
    """A refusal is about the enterprise: under the column that named it."""
    return "enterprise" if row.text.get("enterprise") else "credit_code"


def roster_preview(*, actor, content):
    """What the file would name or change, or why each bad row would not; writes nothing."""
    return RosterResult.previewed(content, read=read_roster, lookups=partial(RosterLookups, actor=actor))


def _write(actor, row):
    if row.action in (CREATE, CHANGE):
        services.responsible_person_set(actor=actor, **row.arguments)


def roster_import(*, actor, content):
    """Check the file again against today's data, then name every row's person, or none of them."""
    result = roster_preview(actor=actor, content=content)
    if not result.ok:
        return result
    if result.write_all_or_none(write=partial(_write, actor), refused_column=lambda row, exc: _refused_column(row)):
        result.created, result.changed = result.count(CREATE), result.count(CHANGE)
    return result


# ---- the export (the import's columns and 卸任日期, which the import ignores) and the blank template ----------------

EXPORT_HEADERS = [*COLUMNS.values(), gettext_noop("卸任日期")]
WIDTHS = [30, 22, 14, 10, 30, 16, 12, 12]


def _cells(person):
    enterprise = person.enterprise
    values = [enterprise.name, enterprise.credit_code, person.get_role_display(), person.name, person.post]
    return [*values, person.phone, person.since, person.until]


def roster_workbook(persons):
    """Give the persons with their enterprises joined."""
    headers = [_(text) for text in EXPORT_HEADERS]
    return export_workbook(title=_("监管责任人名册"), headers=headers, widths=WIDTHS, rows=map(_cells, persons))


def _template_notes():
    return {
        "enterprise": _("单位全称或别名（一企多牌）；与统一社会信用代码至少填一项，须是您可以修改公示牌的单位"),
        "credit_code": _("18位统一社会信用代码；与企业名称都填写时须是同一单位"),
        "role": "、".join(str(label) for label in ResponsibleRole.labels),
        "name": _("责任人姓名"),
        "post": _("如 副镇长、安全监管股股长、总经理"),
        "phone": _("手机或座机，如 13800000000、023-74600000"),
        "since": _("日期，如 2024-04-01；变更责任人时须晚于现任责任人的任职日期"),
    }


def roster_template_workbook():
    example = [_("示例化工有限公司"), "", str(ResponsibleRole.ADMINISTRATIVE.label), _("王某某"), _("副镇长")]
    example += ["13800000000", "2024-04-01"]
    closing = [_("第2行为示例，导入前请删除或改写。每行为一个单位的一类责任人；任何一行有误则整个文件都不导入。")]
    closing += [_("与现任责任人姓名、职务、电话相同的行不作变更；不同的将变更责任人，原责任人记入历任记录。")]
    closing += [_("导出的名册（仅现任）可修改后直接导入；“卸任日期”列导入时不读取。")]
    return template_workbook(
        title=_("监管责任人名册"),
        columns=COLUMNS,
        required=REQUIRED,
        widths=WIDTHS[:-1],
        example=example,
        notes=_template_notes(),
        closing=closing,
    )
