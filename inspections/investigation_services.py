"""Accident and disaster investigations (事故调查, item 7): open, edit, close (结案) and the responsibility
findings. Every write with a rule goes through here; the pages, the API and the demo call it. A refusal raises
ValidationError or PermissionDenied with a Chinese message, and nothing is saved."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.choices import OrgUnitKind
from inspections.investigation_choices import (
    DEATH_THRESHOLDS,
    FOUR_NOTS,
    LEVEL_RANK,
    LOSS_THRESHOLDS,
    AccidentLevel,
    InvestigationKind,
    InvestigationStatus,
)
from inspections.investigation_permissions import may_change, may_lead, may_open
from inspections.models import Investigation, InvestigationNumber, InvestigationResponsibility

FIELDS = (
    "case_name",
    "kind",
    "level",
    "occurred_at",
    "township",
    "place",
    "lead_department",
    "deaths",
    "injured",
    "missing",
    "direct_loss",
    "summary",
    "cause_findings",
    "responsibility_findings",
    *(name for flag, date, _label in FOUR_NOTS for name in (flag, date)),
)
LINKS = ("enterprises", "hazards", "penalties")
COUNTS = {"deaths": gettext_lazy("死亡人数"), "injured": gettext_lazy("受伤人数"), "missing": gettext_lazy("失踪人数")}
RESPONSIBILITY_FIELDS = ("name", "post", "finding", "handling", "handling_note", "handled", "handled_on")
REFUSE_OPEN = gettext_lazy("只有安委办（应急局）管理员或牵头调查部门的负责人、工作人员可以登记事故调查。")
REFUSE_CHANGE = gettext_lazy("只有安委办（应急局）管理员或牵头调查部门的负责人、工作人员可以修改该事故调查。")


def next_investigation_number(year):
    """SG2024-0001: taken under the year's row lock, so two cases never share one, and never reused."""
    return f"SG{year}-{InvestigationNumber.take(year):04d}"


def _lowest_level(investigation):
    """The lowest level the 条例 allows for a production accident with these deaths (with the missing) and loss."""
    lowest = AccidentLevel.GENERAL
    dead = (investigation.deaths or 0) + (investigation.missing or 0)
    loss = investigation.direct_loss or Decimal(0)
    for thresholds, value in ((DEATH_THRESHOLDS, dead), (LOSS_THRESHOLDS, loss)):
        for at_least, level in thresholds:
            if value >= at_least:
                lowest = max(lowest, level, key=LEVEL_RANK.get)
                break
    return lowest


def _check_figures(inv, errors):
    for name, label in COUNTS.items():
        value = getattr(inv, name)
        if value is not None and value < 0:
            errors[name] = _("%(label)s不能为负数。") % {"label": label}
    if inv.direct_loss is not None and inv.direct_loss < 0:
        errors["direct_loss"] = _("直接经济损失不能为负数。")
    if errors or inv.kind != InvestigationKind.PRODUCTION_ACCIDENT or inv.level not in LEVEL_RANK:
        return
    lowest = _lowest_level(inv)
    if LEVEL_RANK[inv.level] < LEVEL_RANK[lowest]:
        errors["level"] = _(
            "按《生产安全事故报告和调查处理条例》第三条，死亡（含失踪）%(dead)s人、直接经济损失%(loss)s万元的事故"
            "至少为%(level)s事故。"
        ) % {"dead": (inv.deaths or 0) + (inv.missing or 0), "loss": inv.direct_loss, "level": lowest.label}


def _check_four_nots(inv, errors, today):
    occurred = timezone.localdate(inv.occurred_at) if inv.occurred_at else None
    for flag, date, label in FOUR_NOTS:
        if not getattr(inv, flag):
            setattr(inv, date, None)  # an unticked check keeps no date
            continue
        value = getattr(inv, date)
        if value is None:
            errors[date] = _("已勾选“%(label)s”，请填写落实日期。") % {"label": label}
        elif value > today:
            errors[date] = _("“%(label)s”的落实日期不能晚于今天。") % {"label": label}
        elif occurred and value < occurred:
            errors[date] = _("“%(label)s”的落实日期不能早于事故发生日期。") % {"label": label}


def _check_rules(inv):
    errors = {}
    now = timezone.now()
    if inv.occurred_at and inv.occurred_at > now:
        errors["occurred_at"] = _("发生时间不能晚于当前时间。")
    if inv.township_id and inv.township.kind != OrgUnitKind.TOWNSHIP:
        errors["township"] = _("发生地应为乡镇（街道）。")
    if inv.lead_department_id and inv.lead_department.kind != OrgUnitKind.DEPARTMENT:
        errors["lead_department"] = _("牵头调查部门必须是县级部门。")
    _check_figures(inv, errors)
    _check_four_nots(inv, errors, timezone.localdate(now))
    if inv.pk and inv.persons_handled:
        waiting = _unhandled_names(inv)
        if waiting:
            errors["persons_handled"] = _("以下责任人员尚未处理，不能勾选“责任人员未处理不放过”：%(names)s。") % {
                "names": "、".join(waiting)
            }
    if errors:
        raise ValidationError(errors)
    inv.full_clean(exclude=["number"])


def _unhandled_names(inv):
    return list(inv.responsibilities.filter(handled=False).order_by("pk").values_list("name", flat=True))


def _set_links(inv, links):
    for name in LINKS:
        if links.get(name) is not None:
            getattr(inv, name).set(links[name])


@transaction.atomic
def investigation_create(*, actor, enterprises=(), hazards=(), penalties=(), **values):
    if not may_open(actor):
        raise PermissionDenied(REFUSE_OPEN)
    values = {k: v for k, v in values.items() if k in FIELDS}
    inv = Investigation(**values, recorded_by=actor)
    if inv.lead_department_id and not may_lead(actor, inv.lead_department_id):
        raise PermissionDenied(_("您只能以本部门为牵头调查部门登记事故调查。"))
    _check_rules(inv)
    inv.number = next_investigation_number(timezone.localdate(inv.occurred_at).year)
    inv.save()
    _set_links(inv, {"enterprises": enterprises, "hazards": hazards, "penalties": penalties})
    return inv


def _locked(*, actor, investigation, open_only=True):
    inv = (
        Investigation.objects.select_for_update(of=("self",)).select_related("lead_department").get(pk=investigation.pk)
    )
    if not may_change(actor, inv):
        raise PermissionDenied(REFUSE_CHANGE)
    if open_only and inv.is_closed:
        raise ValidationError(_("该事故调查已结案，不能再修改。"))
    return inv


@transaction.atomic
def investigation_update(*, actor, investigation, enterprises=None, hazards=None, penalties=None, **values):
    """Change the case while it is under investigation; the lead department may pass it to another department
    only if the person may lead for that one too. Links given as None stay as they are."""
    inv = _locked(actor=actor, investigation=investigation)
    for name, value in values.items():
        if name in FIELDS:
            setattr(inv, name, value)
    if not may_lead(actor, inv.lead_department_id):
        raise PermissionDenied(_("您只能以本部门为牵头调查部门登记事故调查。"))
    _check_rules(inv)
    inv.save()
    _set_links(inv, {"enterprises": enterprises, "hazards": hazards, "penalties": penalties})
    return inv


@transaction.atomic
def investigation_close(*, actor, investigation):
    """结案: only when all four checks of "四不放过" are ticked and every responsibility finding is handled."""
    inv = _locked(actor=actor, investigation=investigation, open_only=False)
    if inv.is_closed:
        raise ValidationError(_("该事故调查已结案。"))
    missing = inv.missing_four_nots
    if missing:
        raise ValidationError(
            _("“四不放过”未全部落实，不能结案。尚未落实：%(items)s。") % {"items": "、".join(missing)}
        )
    waiting = _unhandled_names(inv)
    if waiting:
        raise ValidationError(_("以下责任人员尚未处理，不能结案：%(names)s。") % {"names": "、".join(waiting)})
    inv.status, inv.closed_at = InvestigationStatus.CLOSED, timezone.now()
    inv.save(update_fields=["status", "closed_at", "updated_at"])
    return inv


def _check_handled(row, inv, today):
    if not row.handled:
        row.handled_on = None
        return
    if row.handled_on is None:
        raise ValidationError({"handled_on": _("已处理的，请填写处理日期。")})
    if row.handled_on > today:
        raise ValidationError({"handled_on": _("处理日期不能晚于今天。")})
    if row.handled_on < timezone.localdate(inv.occurred_at):
        raise ValidationError({"handled_on": _("处理日期不能早于事故发生日期。")})


@transaction.atomic
def investigation_responsibility_add(*, actor, investigation, **values):
    """责任认定 of one person or unit, with the handling proposed (处理意见)."""
    inv = _locked(actor=actor, investigation=investigation)
    values = {k: v for k, v in values.items() if k in RESPONSIBILITY_FIELDS}
    row = InvestigationResponsibility(investigation=inv, **values)
    for name in ("name", "finding"):
        if not (getattr(row, name) or "").strip():
            label = InvestigationResponsibility._meta.get_field(name).verbose_name
            raise ValidationError({name: _("请填写%(label)s。") % {"label": label}})
    _check_handled(row, inv, timezone.localdate())
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def investigation_responsibility_mark_handled(*, actor, responsibility, handled_on=None, handling_note=None):
    """The handling proposed has been carried out (处分已作出、处罚已决定、已移送)."""
    inv = _locked(actor=actor, investigation=responsibility.investigation)
    row = InvestigationResponsibility.objects.select_for_update().get(pk=responsibility.pk, investigation=inv)
    if row.handled:
        raise ValidationError(_("%(name)s已于%(on)s处理。") % {"name": row.name, "on": row.handled_on})
    row.handled, row.handled_on = True, handled_on or timezone.localdate()
    if handling_note is not None:
        row.handling_note = handling_note
    _check_handled(row, inv, timezone.localdate())
    row.full_clean()
    row.save()
    return row
