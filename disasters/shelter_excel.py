"""应急避难场所 in Excel: the import of a shelter list (read, preview without writing, then create every row
through `shelter_create` in one transaction, or none), the export of the list with its filters, and the blank
template.

The preview resolves the townships and villages of the whole file with a few queries and applies the rules of
`shelter_create` that need none (`shelter_create_check`).
"""

import re
from decimal import Decimal, InvalidOperation
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from core.choices import OrgUnitKind
from core.models import OrgUnit
from core.spreadsheets import (
    CellError,
    ImportResult,
    ImportRow,
    cell_text,
    choice_words,
    export_workbook,
    parse_amount,
    parse_text,
    read_sheet,
    template_workbook,
    unit_name_index,
    unit_named,
)
from disasters import shelter_services as services
from disasters.models import Shelter
from disasters.models.shelters import ShelterKind

MAX_ROWS = 1000
MAX_BYTES = 5 * 1024 * 1024
COLUMNS = {
    "code": gettext_noop("编号"),
    "name": gettext_noop("名称"),
    "kind": gettext_noop("类型"),
    "township": gettext_noop("乡镇（街道）"),
    "village": gettext_noop("所在村（社区）"),
    "address": gettext_noop("地址"),
    "longitude": gettext_noop("经度"),
    "latitude": gettext_noop("纬度"),
    "capacity": gettext_noop("可容纳人数"),
    "area_m2": gettext_noop("面积（平方米）"),
    "manager_name": gettext_noop("管理人"),
    "manager_phone": gettext_noop("管理人电话"),
    "covered_villages": gettext_noop("覆盖村（社区）"),
    "note": gettext_noop("备注"),
}
REQUIRED = ("code", "name", "kind", "township", "longitude", "latitude", "capacity")
TEXT_COLUMNS = ("code", "name", "address", "manager_name", "manager_phone", "note")
KIND_WORDS = {"紧急": ShelterKind.EMERGENCY, "固定": ShelterKind.FIXED, "中心": ShelterKind.CENTRAL}
NAME_SEPARATORS = re.compile(r"[、,，;；\s]+")


def read_shelter_list(content):
    return read_sheet(content, columns=COLUMNS, required=REQUIRED, max_rows=MAX_ROWS)


class ShelterLookups:
    """The townships, villages and codes the file names, fetched once for the whole file."""

    def __init__(self, *, actor, rows):
        self.actor = actor
        units = OrgUnit.objects.filter(kind__in=(OrgUnitKind.TOWNSHIP, OrgUnitKind.VILLAGE), is_active=True)
        units = list(units.select_related("parent"))
        self.townships = unit_name_index(u for u in units if u.kind == OrgUnitKind.TOWNSHIP)
        self.villages = unit_name_index(u for u in units if u.kind == OrgUnitKind.VILLAGE)
        codes = {cell_text(cells.get("code")) for _number, cells in rows}
        self.existing = set(Shelter.objects.filter(code__in=codes).values_list("code", flat=True))
        self.seen = {}
        self.kinds = choice_words(ShelterKind) | KIND_WORDS

    def row(self, number, cells):
        row = ImportRow.resolved(number, cells, columns=COLUMNS, required=REQUIRED, resolve=self._value)
        if not row.errors:
            self._check(row)
        return row

    def _value(self, key, value, text, values):
        if key in TEXT_COLUMNS:
            return parse_text(text, Shelter._meta.get_field(key).max_length)
        if key in ("longitude", "latitude"):
            return _coordinate(text)
        if key == "area_m2":
            return parse_amount(text, allow_zero=True)
        return getattr(self, f"_{key}")(text, values)

    def _kind(self, text, values):
        if text not in self.kinds:
            labels = "、".join(str(label) for label in ShelterKind.labels)
            raise CellError(_("“%(text)s”不是可选的值，应为：%(labels)s。") % {"text": text, "labels": labels})
        return self.kinds[text]

    def _capacity(self, text, values):
        digits = text.replace(",", "").replace("，", "")
        if not digits.isdigit() or int(digits) > 2_000_000:
            raise CellError(_("“%(text)s”不是人数，请填写正整数。") % {"text": text})
        if int(digits) <= 0:
            raise CellError(_("可容纳人数应大于0。"))
        return int(digits)

    def _township(self, text, values):
        return unit_named(self.townships, text, _("找不到名为“%(text)s”的乡镇（街道）。"))

    def _village_named(self, text, township):
        """A village by name, within the township; a name only another township has (written with that
        township's name in front) is found too, and the service decides whether this person may use it."""
        found = self.villages.get(text, set())
        own = {v for v in found if township is not None and v.parent_id == township.pk}
        found = own or found
        if len(found) > 1:
            raise CellError(
                _("“%(text)s”对应多个村（社区），请在前面加上乡镇（街道）名称，如“桂溪街道东街社区”。") % {"text": text}
            )
        if not found:
            where = township.name if township is not None else _("各乡镇（街道）")
            raise CellError(_("在%(where)s找不到村（社区）“%(text)s”。") % {"where": where, "text": text})
        return next(iter(found))

    def _village(self, text, values):
        return self._village_named(text, values.get("township"))

    def _covered_villages(self, text, values):
        names = [name for name in NAME_SEPARATORS.split(text) if name]
        villages, errors = [], []
        for name in dict.fromkeys(names):
            try:
                villages.append(self._village_named(name, values.get("township")))
            except CellError as exc:
                errors.append(str(exc))
        if errors:
            raise CellError("".join(errors))
        return villages

    def _check(self, row):
        values = {k: v for k, v in row.values.items() if k in services.FIELDS or k == "covered_villages"}
        values.setdefault("covered_villages", [])
        try:
            services.shelter_create_check(actor=self.actor, **values)
        except PermissionDenied as exc:
            return row.fail("township", str(exc))
        except ValidationError as exc:
            return row.fail_with(exc)
        code = values["code"]
        if code in self.existing:
            row.fail("code", _("编号%(code)s已登记。") % {"code": code})
        elif code in self.seen:
            row.fail("code", _("与第%(row)d行编号重复。") % {"row": self.seen[code]})
        self.seen.setdefault(code, row.number)
        if not row.errors:
            row.arguments = values
        # The preview shows the villages by name, not as a Python list.
        row.values["covered_villages"] = "、".join(v.name for v in values["covered_villages"])


def _coordinate(text):
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise CellError(_("“%(text)s”不是数字，请填写如 107.35 的十进制度数。") % {"text": text})
    if value != value.quantize(Decimal("0.000001")):
        raise CellError(_("最多保留六位小数。"))
    return value


def shelter_list_preview(*, actor, content):
    """What the file would create, or why each bad row would not; writes nothing."""
    return ImportResult.previewed(content, read=read_shelter_list, lookups=partial(ShelterLookups, actor=actor))


def shelter_list_import(*, actor, content):
    """Check the file again against today's data, then create every row's shelter, or none of them."""
    result = shelter_list_preview(actor=actor, content=content)

    def create(row):
        result.numbers.append(services.shelter_create(actor=actor, **row.arguments).code)

    if result.ok and not result.write_all_or_none(write=create, refused_column=lambda row, exc: "township"):
        result.numbers = []
    result.created = len(result.numbers)
    return result


def _name(unit):
    return unit.name if unit is not None else ""


EXPORT_COLUMNS = [
    (gettext_lazy("编号"), lambda s: s.code),
    (gettext_lazy("名称"), lambda s: s.name),
    (gettext_lazy("类型"), lambda s: s.get_kind_display()),
    (gettext_lazy("乡镇（街道）"), lambda s: s.township.name),
    (gettext_lazy("所在村（社区）"), lambda s: _name(s.village)),
    (gettext_lazy("地址"), lambda s: s.address),
    (gettext_lazy("经度"), lambda s: s.longitude),
    (gettext_lazy("纬度"), lambda s: s.latitude),
    (gettext_lazy("可容纳人数"), lambda s: s.capacity),
    (gettext_lazy("面积（平方米）"), lambda s: s.area_m2),
    (gettext_lazy("管理人"), lambda s: s.manager_name),
    (gettext_lazy("管理人电话"), lambda s: s.manager_phone),
    (gettext_lazy("覆盖村（社区）"), lambda s: "、".join(v.name for v in s.covered_villages.all())),
    (gettext_lazy("覆盖村数"), lambda s: len(s.covered_villages.all())),
    (gettext_lazy("启用"), lambda s: _("是") if s.is_active else _("否")),
    (gettext_lazy("备注"), lambda s: s.note),
]
EXPORT_WIDTHS = [14, 30, 14, 12, 20, 30, 12, 12, 10, 12, 10, 14, 60, 8, 6, 30]


def shelters_workbook(shelters):
    headers = [title for title, _value in EXPORT_COLUMNS]
    rows = ([value(shelter) for _title, value in EXPORT_COLUMNS] for shelter in shelters)
    return export_workbook(title=_("应急避难场所"), headers=headers, widths=EXPORT_WIDTHS, rows=rows)


def _template_notes():
    return {
        "code": _("场所编号，全县唯一，如 BN-GX-001"),
        "name": _("场所名称"),
        "kind": "、".join(str(label) for label in ShelterKind.labels),
        "township": _("所在乡镇（街道）名称"),
        "village": _("可不填；所在村（社区）名称，须属于上一列的乡镇（街道）"),
        "address": _("可不填"),
        "longitude": _("十进制度数，最多六位小数，须在本县范围内"),
        "latitude": _("十进制度数，最多六位小数，须在本县范围内；注意不要与经度填反"),
        "capacity": _("整数，大于0"),
        "area_m2": _("可不填；数字，最多一位小数"),
        "manager_name": _("可不填"),
        "manager_phone": _("可不填"),
        "covered_villages": _("该场所服务的村（社区）名称，用顿号或逗号分隔，在本乡镇（街道）内匹配")
        + _("，可省略“村民委员会”"),
        "note": _("可不填"),
    }


def shelter_template_workbook():
    example = ["BN-GX-901", _("桂溪街道东街社区广场避难点"), _("紧急避难场所"), "桂溪街道", "东街社区"]
    example += [_("东街广场"), 107.348, 30.331, 800, 3200, _("张三"), "13800000000", "东街社区、南街社区", ""]
    return template_workbook(
        title=_("应急避难场所"),
        columns=COLUMNS,
        required=REQUIRED,
        widths=[14, 30, 14, 12, 18, 30, 12, 12, 10, 12, 10, 14, 50, 20],
        example=example,
        notes=_template_notes(),
        closing=[_("第2行为示例，导入前请删除或改写。每行登记一个避难场所；任何一行有误则整个文件都不导入。")],
    )
