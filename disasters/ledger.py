"""Import of a 地灾隐患点台账 (.xlsx): read, resolve, preview without writing, then import every row in one
transaction, or none.

A row whose 统一编号 is registered updates that point (the ledger is sent again every year with its
changes); a new code registers one. The preview resolves the names of the whole file with a handful of
queries, checks each row with the rules of the services that need none (`risk_point_check(query_free=True)`),
and says of each row 新增, 更新 (and what changes) or 未变. In an update an empty cell, or a column the file
lacks, keeps the registered value.
"""

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.choices import OrgUnitKind
from core.models import OrgUnit
from core.spreadsheets import (
    ActionResult,
    CellError,
    ImportRow,
    cell_text,
    choice_words,
    parse_amount,
    parse_date,
    parse_text,
    read_sheet,
    shown,
    unit_name_index,
    unit_named,
)
from disasters import services
from disasters.choices import RiskKind, RiskPointState
from disasters.geo import coordinate_errors
from disasters.models import RiskPoint, RiskZone
from disasters.permissions import may_keep_point, may_write_off

MAX_ROWS = 3000
MAX_BYTES = 5 * 1024 * 1024
# The headers are the file's format (the export writes the same ones); the keys are RiskPoint's fields.
COLUMNS = {
    "code": gettext_noop("统一编号"),
    "name": gettext_noop("名称"),
    "kind": gettext_noop("类型"),
    "township": gettext_noop("乡镇（街道）"),
    "village": gettext_noop("村（社区）"),
    "place": gettext_noop("具体位置"),
    "longitude": gettext_noop("经度"),
    "latitude": gettext_noop("纬度"),
    "households": gettext_noop("威胁户数"),
    "people": gettext_noop("威胁人数"),
    "property_value": gettext_noop("威胁财产（万元）"),
    "monitor_name": gettext_noop("群测群防员"),
    "monitor_phone": gettext_noop("群测群防员电话"),
    "responsible_person": gettext_noop("责任人"),
    "responsible_phone": gettext_noop("责任人电话"),
    "has_monitoring": gettext_noop("已建技防"),
    "monitoring_installed_on": gettext_noop("技防建成日期"),
    "state": gettext_noop("状态"),
    "governed_on": gettext_noop("治理完成日期"),
    "supervising_department": gettext_noop("主管部门"),
    "zones": gettext_noop("所属风险区"),
    "patrols_per_week_in_season": gettext_noop("汛期每周巡查次数"),
    "patrols_per_month_off_season": gettext_noop("非汛期每月巡查次数"),
    "note": gettext_noop("备注"),
}
REQUIRED = ("code", "name", "kind", "township", "longitude", "latitude")
TEXT_COLUMNS = ("code", "name", "place", "monitor_name", "monitor_phone", "responsible_person", "responsible_phone")
TEXT_COLUMNS += ("note",)
COUNT_COLUMNS = ("households", "people", "patrols_per_week_in_season", "patrols_per_month_off_season")
DATE_COLUMNS = ("monitoring_installed_on", "governed_on")
RELATED = ("township", "village", "supervising_department")
# Words other ledgers use for the kinds: 不稳定斜坡 is registered as a landslide, 岩溶/采空塌陷 as 地面塌陷.
KIND_WORDS = {
    "不稳定斜坡": RiskKind.LANDSLIDE,
    "潜在不稳定斜坡": RiskKind.LANDSLIDE,
    "岩溶塌陷": RiskKind.SUBSIDENCE,
    "采空塌陷": RiskKind.SUBSIDENCE,
    "塌陷": RiskKind.SUBSIDENCE,
    "危岩体": RiskKind.DANGEROUS_ROCK,
    "内涝点": RiskKind.WATERLOGGING,
    "易涝区": RiskKind.WATERLOGGING,
    "山洪": RiskKind.FLASH_FLOOD,
    "山洪灾害危险区": RiskKind.FLASH_FLOOD,
    "森林火险": RiskKind.FOREST_FIRE,
    "森林火灾高风险区": RiskKind.FOREST_FIRE,
}
STATE_WORDS = {"监测": RiskPointState.MONITORING, "治理中": RiskPointState.ENGINEERING}
STATE_WORDS |= {"工程治理": RiskPointState.ENGINEERING}
YES = {"是", "已建", "有", "Y", "YES", "TRUE", "1", "√"}
NO = {"否", "未建", "无", "N", "NO", "FALSE", "0", "×"}
KIND_NOISE = re.compile(r"[\s（）()【】\[\]:：\-—_·/、]")
COORDINATE_NOISE = re.compile(r"[°度\s]|^(东经|北纬|[EN])|[EN]$", re.IGNORECASE)
ZONE_SEPARATORS = re.compile(r"[、，,；;\n]+")
MICRODEGREE = Decimal("0.000001")
CREATE, UPDATE, SAME = "create", "update", "same"
WRITE_OFF_REFUSED = gettext_noop("隐患点核销由安委办（应急局）办理。")  # the services' words
OUTCOMES = {CREATE: gettext_noop("新增"), UPDATE: gettext_noop("更新"), SAME: gettext_noop("未变")}


def read_ledger(content):
    return read_sheet(content, columns=COLUMNS, required=REQUIRED, max_rows=MAX_ROWS)


def zone_words(text):
    return [word.strip() for word in ZONE_SEPARATORS.split(text) if word.strip()]


def displayed(value, text=""):
    """A value as the preview and the list of changes show it."""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, list | tuple):
        return "、".join(zone.code for zone in value)
    return shown(value, text)


@dataclass
class LedgerRow(ImportRow):
    action: str = ""
    point: RiskPoint | None = None  # the registered point a row updates
    changes: list = field(default_factory=list)  # (column header, old, new) of an update

    @property
    def cells(self):
        return [displayed(self.values.get(key), self.text.get(key, "")) for key in self.columns]

    @property
    def outcome(self):
        return _(OUTCOMES[self.action]) if self.action else ""


@dataclass
class LedgerResult(ActionResult):
    updated: int = 0

    WRITE_ACTIONS = (CREATE, UPDATE)


class LedgerLookups:
    """Everything the rows name, fetched once for the whole file: a few queries, however long it is."""

    def __init__(self, *, actor, rows):
        self.actor = actor
        texts = [{key: cell_text(value) for key, value in cells.items()} for _number, cells in rows]
        kinds = (OrgUnitKind.TOWNSHIP, OrgUnitKind.VILLAGE, OrgUnitKind.DEPARTMENT)
        units = list(OrgUnit.objects.filter(kind__in=kinds, is_active=True).select_related("parent"))
        self.townships = unit_name_index(u for u in units if u.kind == OrgUnitKind.TOWNSHIP)
        self.villages = unit_name_index(u for u in units if u.kind == OrgUnitKind.VILLAGE)
        self.departments = unit_name_index(u for u in units if u.kind == OrgUnitKind.DEPARTMENT)
        codes = {t["code"] for t in texts if t.get("code")}
        registered = RiskPoint.objects.filter(code__in=codes).select_related(*RELATED).prefetch_related("zones")
        self.existing = {point.code: point for point in registered}
        words = {word for t in texts for word in zone_words(t.get("zones", ""))}
        self.zones = list(RiskZone.objects.filter(Q(code__in=words) | Q(name__in=words)))
        self.seen = {}
        self.kinds = choice_words(RiskKind) | KIND_WORDS
        self.states = choice_words(RiskPointState) | STATE_WORDS

    def row(self, number, cells):
        row = LedgerRow.resolved(number, cells, columns=COLUMNS, required=REQUIRED, resolve=self._value)
        self._coordinates(row)
        self._duplicate(row)
        if not row.errors:
            self._check(row)
        return row

    def _value(self, key, value, text, values):
        if key in TEXT_COLUMNS:
            return parse_text(text, RiskPoint._meta.get_field(key).max_length)
        if key in COUNT_COLUMNS:
            return _parse_count(text)
        if key in DATE_COLUMNS:
            return parse_date(value, text)
        if key in ("longitude", "latitude"):
            return _parse_coordinate(text, key)
        if key == "property_value":
            return parse_amount(text, allow_zero=True)
        return getattr(self, f"_{key}")(text, values)

    def _kind(self, text, values):
        key = KIND_NOISE.sub("", text)
        for prefix in ("地质灾害", "地灾"):
            key = key.removeprefix(prefix)
        found = self.kinds.get(text) or self.kinds.get(key) or self.kinds.get(key.removesuffix("隐患点"))
        if found is None:
            found = self.kinds.get(key.removesuffix("隐患"))
        if found is None:
            labels = "、".join(str(label) for label in RiskKind.labels)
            raise CellError(_("“%(text)s”不是可选的类型，应为：%(labels)s。") % {"text": text, "labels": labels})
        return found

    def _state(self, text, values):
        if text not in self.states:
            labels = "、".join(str(label) for label in RiskPointState.labels)
            raise CellError(_("“%(text)s”不是可选的状态，应为：%(labels)s。") % {"text": text, "labels": labels})
        return self.states[text]

    def _has_monitoring(self, text, values):
        word = text.upper()
        if word in YES or word in NO:
            return word in YES
        raise CellError(_("请填写“是”或“否”。"))

    def _township(self, text, values):
        return unit_named(self.townships, text, _("找不到名为“%(text)s”的乡镇（街道）。"))

    def _village(self, text, values):
        township = values.get("township")
        if township is None:  # the township's own cell says what is wrong
            return None
        found = self.villages.get(text, set())
        here = {village for village in found if village.parent_id == township.pk}
        if len(here) == 1:
            return next(iter(here))
        if found and not here:
            raise CellError(_("“%(text)s”不属于%(township)s。") % {"text": text, "township": township.name})
        raise CellError(_("%(township)s没有名为“%(text)s”的村（社区）。") % {"text": text, "township": township.name})

    def _supervising_department(self, text, values):
        return unit_named(self.departments, text, _("找不到名为“%(text)s”的县级部门，请填写全称或简称。"))

    def _zones(self, text, values):
        township = values.get("township")
        if township is None:
            return None
        return [self._zone(word, township) for word in zone_words(text)]

    def _zone(self, word, township):
        found = [zone for zone in self.zones if word in (zone.code, zone.name)]
        here = [zone for zone in found if zone.township_id == township.pk]
        if len(here) == 1:
            return here[0]
        if len(here) > 1:
            raise CellError(
                _("%(township)s有多个名为“%(word)s”的风险区，请填写编号。") % {"word": word, "township": township.name}
            )
        if found:
            raise CellError(_("风险区“%(word)s”不属于%(township)s。") % {"word": word, "township": township.name})
        raise CellError(_("找不到编号或名称为“%(word)s”的风险区。") % {"word": word})

    def _coordinates(self, row):
        longitude, latitude = row.values.get("longitude"), row.values.get("latitude")
        for key, message in coordinate_errors(longitude, latitude).items():
            row.fail(key, message)

    def _duplicate(self, row):
        code = row.values.get("code")
        if code in self.seen:
            row.fail("code", _("与第%(row)d行的统一编号相同。") % {"row": self.seen[code]})
        elif code:
            self.seen[code] = row.number

    def _check(self, row):
        values = dict(row.values)
        zones = values.pop("zones", None)
        existing = self.existing.get(values["code"])
        point = _candidate(existing, values, self.actor)
        try:
            self._permitted(existing, point)
            _zones_follow(existing, point, zones)
            services.risk_point_check(actor=self.actor, point=point, query_free=True)
        except PermissionDenied as exc:
            return row.fail(_refused_column(exc), str(exc))
        except ValidationError as exc:
            return row.fail_with(exc)
        row.values |= {name: getattr(point, name) for name in DATE_COLUMNS if getattr(point, name)}
        row.arguments = values if zones is None else values | {"zones": zones}
        row.point = existing
        if existing is None:
            row.action = CREATE
        else:
            row.changes = _changes(existing, point, zones)
            row.action = UPDATE if row.changes else SAME

    def _permitted(self, existing, point):
        """The person must keep the point where it is and where the file puts it; 核销 is the county's."""
        if existing is not None and not may_keep_point(self.actor, existing.township, existing.supervising_department):
            raise PermissionDenied(_("您只能登记和修改本乡镇（街道）或本部门主管的隐患点。"))
        was_written_off = existing is not None and existing.state == RiskPointState.WRITTEN_OFF
        if (point.state == RiskPointState.WRITTEN_OFF) != was_written_off and not may_write_off(self.actor):
            raise PermissionDenied(_(WRITE_OFF_REFUSED))
        if point.monitoring_installed_on and not point.has_monitoring:  # the service would drop the date
            raise ValidationError({"monitoring_installed_on": _("未建技防的隐患点不应填写技防建成日期。")})


def _zones_follow(existing, point, zones):
    """A point moved to another township without new zones would keep zones of the old one."""
    if existing is None or zones is not None:
        return
    foreign = [zone for zone in existing.zones.all() if zone.township_id != point.township_id]
    if foreign:
        names = {"names": "、".join(zone.name for zone in foreign), "township": point.township.name}
        raise ValidationError({"zones": _("风险区%(names)s不属于%(township)s。") % names})


def _parse_count(text):
    try:
        number = Decimal(text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number < 0 or number != number.to_integral_value():
        raise CellError(_("“%(text)s”不是大于或等于0的整数。") % {"text": text})
    if number >= 10**9:
        raise CellError(_("“%(text)s”太大。") % {"text": text})
    return int(number)


def _parse_coordinate(text, key):
    """Decimal degrees, as GPS readers and 天地图 give them (107.348512, 107.348512°E), to six places."""
    try:
        value = Decimal(COORDINATE_NOISE.sub("", text))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value) > 180:
        example = "107.348512" if key == "longitude" else "30.327645"
        raise CellError(
            _("“%(text)s”不是有效的坐标，请填写十进制度数，如 %(example)s。") % {"text": text, "example": example}
        )
    return value.quantize(MICRODEGREE, rounding=ROUND_HALF_UP)


def _candidate(existing, values, actor):
    """The unsaved point the row describes: a new one, or a copy of the registered one with the row's values."""
    if existing is None:
        return RiskPoint(**values, registered_by=actor)
    point = RiskPoint(**{f.attname: getattr(existing, f.attname) for f in RiskPoint._meta.concrete_fields})
    for name in RELATED:  # loaded already: the model's clean reads them
        if getattr(existing, f"{name}_id"):
            setattr(point, name, getattr(existing, name))
    for name, value in values.items():
        setattr(point, name, value)
    return point


def _changes(existing, point, zones):
    changes = []
    for key, header in COLUMNS.items():
        if key == "zones":
            old, new = sorted(existing.zones.all(), key=lambda z: z.code), sorted(zones or [], key=lambda z: z.code)
            if zones is None or [z.pk for z in old] == [z.pk for z in new]:
                continue
        else:
            attname = RiskPoint._meta.get_field(key).attname
            if getattr(existing, attname) == getattr(point, attname):
                continue
            old, new = _field_value(existing, key), _field_value(point, key)
        changes.append((_(header), _short(displayed(old)) or _("（空）"), _short(displayed(new)) or _("（空）")))
    return changes


def _field_value(point, key):
    return getattr(point, f"get_{key}_display")() if key in ("kind", "state") else getattr(point, key)


def _refused_column(exc):
    return "state" if str(exc) == _(WRITE_OFF_REFUSED) else "township"


def _short(text, limit=20):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def risk_point_ledger_preview(*, actor, content):
    """What the file would register or change, or why each bad row would not; writes nothing."""
    return LedgerResult.previewed(content, read=read_ledger, lookups=partial(LedgerLookups, actor=actor))


def _write(actor, row):
    if row.action == CREATE:
        services.risk_point_create(actor=actor, **row.arguments)
    elif row.action == UPDATE:
        services.risk_point_update(actor=actor, point=row.point, **row.arguments)


def risk_point_ledger_import(*, actor, content):
    """Check the file again against today's data, then register or update every row's point, or none."""
    result = risk_point_ledger_preview(actor=actor, content=content)
    if not result.ok:
        return result
    if result.write_all_or_none(write=partial(_write, actor), refused_column=lambda row, exc: _refused_column(exc)):
        result.created, result.updated = result.count(CREATE), result.count(UPDATE)
    return result
