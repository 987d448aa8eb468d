"""Import of a department's or township's 隐患台账 (.xlsx): read, resolve, preview without writing, then import
every row at once through `hazard_create_many` (one transaction, every row or none).

The preview resolves the names of the whole file with a handful of queries and applies the rules of
`hazard_create` that need none (`hazard_create_check`).
"""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.choices import OrgUnitKind, Sector
from core.models import Enterprise, EnterpriseAlias, OrgUnit
from core.spreadsheets import (
    CellError,
    ImportResult,
    ImportRow,
    cell_text,
    choice_words,
    parse_amount,
    parse_date,
    parse_text,
    read_sheet,
    unit_name_index,
    unit_named,
)
from core.validators import normalize_credit_code
from hazards import services
from hazards.choices import HazardLevel, HazardSource, HazardStatus
from hazards.models import Hazard, ProblemList

MAX_ROWS = 10000
MAX_BYTES = 5 * 1024 * 1024
# The headers are the file's format: the template writes them, the reader accepts them in any language.
COLUMNS = {
    "title": gettext_noop("问题描述"),
    "sector": gettext_noop("行业领域"),
    "level": gettext_noop("隐患等级"),
    "source": gettext_noop("发现来源"),
    "problem_list": gettext_noop("问题清单"),
    "enterprise": gettext_noop("生产经营单位"),
    "place": gettext_noop("地点"),
    "territory": gettext_noop("属地单位"),
    "supervising_department": gettext_noop("行业监管部门"),
    "responsible_person": gettext_noop("整改责任人"),
    "responsible_phone": gettext_noop("责任人电话"),
    "found_on": gettext_noop("发现日期"),
    "deadline": gettext_noop("整改期限"),
    "measures": gettext_noop("整改措施"),
    "funds": gettext_noop("整改资金（万元）"),
    "status": gettext_noop("状态"),
}
REQUIRED = ("title", "sector", "level", "source", "found_on", "deadline")
TEXT_COLUMNS = ("title", "place", "responsible_person", "responsible_phone", "measures")
FIELD_CHOICES = {"sector": Sector, "level": HazardLevel, "source": HazardSource, "status": HazardStatus}
LEVEL_WORDS = {"重大隐患": HazardLevel.MAJOR, "重大": HazardLevel.MAJOR, "一般": HazardLevel.GENERAL}
TERRITORY_KINDS = (OrgUnitKind.TOWNSHIP, OrgUnitKind.VILLAGE, OrgUnitKind.GRID)


def read_ledger(content):
    return read_sheet(content, columns=COLUMNS, required=REQUIRED, max_rows=MAX_ROWS)


def _bracket_variants(text):
    """Names are typed with half- or full-width brackets: （演示） and (演示) are the same name."""
    full = text.replace("(", "（").replace(")", "）")
    return {text, full, full.replace("（", "(").replace("）", ")")}


class LedgerLookups:
    """Everything the rows name, fetched once for the whole file: a few queries, however long it is."""

    def __init__(self, *, actor, rows):
        self.actor = actor
        texts = [{key: cell_text(value) for key, value in cells.items()} for _number, cells in rows]
        lists = list(ProblemList.objects.all())
        self.problem_lists = {p.name: p for p in lists if p.is_active}
        self.default_list = next((p for p in lists if p.code == services.DEFAULT_LIST), None)
        units = OrgUnit.objects.filter(kind__in=(*TERRITORY_KINDS, OrgUnitKind.DEPARTMENT), is_active=True)
        units = list(units.select_related("parent"))
        self.territories = unit_name_index(u for u in units if u.kind in TERRITORY_KINDS)
        self.departments = unit_name_index(u for u in units if u.kind == OrgUnitKind.DEPARTMENT)
        self.enterprises = self._enterprises({t["enterprise"] for t in texts if t.get("enterprise")})
        self.existing = self._existing(texts)
        self.seen = {}
        self.words = {key: choice_words(choices) for key, choices in FIELD_CHOICES.items()}
        self.words["level"] |= LEVEL_WORDS

    def _enterprises(self, texts):
        """Each text to the enterprises (among those the person may see) it names: name, alias or credit code."""
        names = {variant for text in texts for variant in _bracket_variants(text)}
        codes = {normalize_credit_code(text) for text in texts}
        visible = Enterprise.objects.visible_to(self.actor).select_related("township", "supervising_department")
        found = {}
        for enterprise in visible.filter(Q(name__in=names) | Q(credit_code__in=codes)):
            for key in (enterprise.name, enterprise.credit_code):
                found.setdefault(key, set()).add(enterprise)
        aliases = EnterpriseAlias.objects.visible_to(self.actor).filter(name__in=names)
        for alias in aliases.select_related("enterprise__township", "enterprise__supervising_department"):
            found.setdefault(alias.name, set()).add(alias.enterprise)
        return {
            text: set().union(*(found.get(v, set()) for v in _bracket_variants(text) | {normalize_credit_code(text)}))
            for text in texts
        }

    def _existing(self, texts):
        """Hazards already registered with a title and found date of the file, for the duplicate check."""
        titles = {t["title"] for t in texts if t.get("title")}
        existing = Hazard.objects.filter(title__in=titles).values_list(
            "enterprise_id", "territory_id", "place", "title", "found_on", "number"
        )
        return {_duplicate_key(*fields): number for *fields, number in existing}

    def row(self, number, cells):
        row = ImportRow.resolved(number, cells, columns=COLUMNS, required=REQUIRED, resolve=self._value)
        if not row.errors:
            self._check(row)
        return row

    def _value(self, key, value, text, values):
        if key in TEXT_COLUMNS:
            return parse_text(text, Hazard._meta.get_field(key).max_length)
        if key in self.words:
            return self._word(key, text)
        if key in ("found_on", "deadline"):
            return parse_date(value, text)
        if key == "funds":
            return parse_amount(text, allow_zero=True)
        return getattr(self, f"_{key}")(text, values)

    def _word(self, key, text):
        found = self.words[key].get(text)
        if key == "status" and found is not None and found != HazardStatus.PENDING:
            raise CellError(
                _("导入的隐患一律从“待交办”开始，不能导入“%(text)s”的隐患：请删去此行或清空状态，导入后再交办。")
                % {"text": text}
            )
        if found is None:
            labels = [HazardStatus.PENDING.label] if key == "status" else FIELD_CHOICES[key].labels
            labels = "、".join(str(label) for label in labels)
            raise CellError(_("“%(text)s”不是可选的值，应为：%(labels)s。") % {"text": text, "labels": labels})
        return found

    def _problem_list(self, text, values):
        if text not in self.problem_lists:
            raise CellError(_("没有名为“%(text)s”的问题清单。") % {"text": text})
        return self.problem_lists[text]

    def _enterprise(self, text, values):
        found = self.enterprises.get(text, set())
        if len(found) > 1:
            raise CellError(_("“%(text)s”对应多个单位，请填写统一社会信用代码。") % {"text": text})
        if not found:
            raise CellError(
                _("找不到生产经营单位“%(text)s”：请填写单位全称、别名或统一社会信用代码，且该单位在您的管辖范围内。")
                % {"text": text}
            )
        return next(iter(found))

    def _territory(self, text, values):
        found = self.territories.get(text, set())
        enterprise = values.get("enterprise")
        if len(found) > 1 and enterprise is not None:  # a village name many townships have: the enterprise's
            found = {unit for unit in found if unit.path.startswith(enterprise.township.path)} or found
        if len(found) > 1:
            raise CellError(
                _("“%(text)s”对应多个单位，请在前面加上乡镇（街道）名称，如“桂溪街道东街社区”。") % {"text": text}
            )
        if not found:
            raise CellError(_("找不到名为“%(text)s”的乡镇（街道）、村（社区）或网格。") % {"text": text})
        return next(iter(found))

    def _supervising_department(self, text, values):
        return unit_named(self.departments, text, _("找不到名为“%(text)s”的县级部门，请填写全称或简称。"))

    def _check(self, row):
        values = {k: v for k, v in row.values.items() if k != "status"}
        values.setdefault("problem_list", self.default_list)
        if values.get("enterprise") is None and values.get("territory") is None:
            return row.fail("territory", _("未填写生产经营单位时必填。"))
        try:
            hazard = services.hazard_create_check(actor=self.actor, **values)
        except PermissionDenied as exc:
            return row.fail(_refused_column(values), str(exc))
        except ValidationError as exc:
            return row.fail_with(exc)
        row.values |= {"territory": hazard.territory, "supervising_department": hazard.supervising_department}
        row.values["problem_list"] = values["problem_list"]
        if not self._duplicate(row, hazard):
            row.arguments, row.checked = values, hazard

    def _duplicate(self, row, hazard):
        key = _duplicate_key(hazard.enterprise_id, hazard.territory_id, hazard.place, hazard.title, hazard.found_on)
        if key in self.existing:
            row.fail(
                "title",
                _("与已登记的隐患%(number)s重复（同一单位或地点、问题描述和发现日期）。")
                % {"number": self.existing[key]},
            )
        elif key in self.seen:
            row.fail("title", _("与第%(row)d行重复（同一单位或地点、问题描述和发现日期）。") % {"row": self.seen[key]})
        self.seen.setdefault(key, row.number)
        return bool(row.errors)


def _refused_column(values):
    """A refusal is about the unit the hazard would belong to: the enterprise's, or the one typed."""
    return "enterprise" if values.get("enterprise") else "territory"


def _duplicate_key(enterprise_id, territory_id, place, title, found_on):
    """The same problem: at the same enterprise (or, without one, the same place in the same unit), same day."""
    where = ("enterprise", enterprise_id) if enterprise_id else ("place", territory_id, place.strip())
    return (*where, title.strip(), found_on)


def hazard_ledger_preview(*, actor, content):
    """What the file would create, or why each bad row would not; writes nothing."""
    return ImportResult.previewed(content, read=read_ledger, lookups=partial(LedgerLookups, actor=actor))


def hazard_ledger_import(*, actor, content):
    """Check the file again against today's data, then register every row's hazard at once, or none of them."""
    result = hazard_ledger_preview(actor=actor, content=content)
    if result.ok:
        hazards = services.hazard_create_many(actor=actor, hazards=[row.checked for row in result.rows])
        result.numbers = [hazard.number for hazard in hazards]
    result.created = len(result.numbers)
    return result
