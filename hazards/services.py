"""Registering and editing hazards; their status changes in hazards.workflow only."""

from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.choices import OrgUnitKind
from core.history import history_triggers_for_many_rows
from hazards.choices import EventKind, EvidenceStage, HazardLevel, HazardStatus
from hazards.models import Hazard, HazardEvent, HazardNumber, ProblemList
from hazards.permissions import may_edit, may_list_for_supervision, may_register
from hazards.workflow import attach_files, record_event, record_events

DEFAULT_LIST = "safety"  # 安全生产和自然灾害问题清单
TERRITORY_KINDS = {OrgUnitKind.TOWNSHIP, OrgUnitKind.VILLAGE, OrgUnitKind.GRID}
FIELDS = (
    "title",
    "description",
    "sector",
    "level",
    "source",
    "problem_list",
    "enterprise",
    "place",
    "territory",
    "supervising_department",
    "responsible_person",
    "responsible_phone",
    "found_on",
    "deadline",
    "measures",
    "funds",
    "latitude",
    "longitude",
)
RELATED_FIELDS = ("problem_list", "enterprise", "territory", "supervising_department", "reported_by")
# What may still change once rectification has started; nothing changes after it is submitted.
EDITABLE_WHILE_RECTIFYING = {
    "description",
    "responsible_person",
    "responsible_phone",
    "measures",
    "funds",
    "deadline",
    "latitude",
    "longitude",
}


def next_number(year):
    """YH2024-000123: taken under the year's row lock, so two registrations never share one, and never reused."""
    return hazard_number(year, HazardNumber.take(year))


def hazard_number(year, n):
    return f"YH{year}-{n:06d}"


def _fill_from_enterprise(values):
    enterprise = values.get("enterprise")
    if enterprise is not None:
        if values.get("territory") is None:
            values["territory"] = enterprise.township
        if values.get("supervising_department") is None:
            values["supervising_department"] = enterprise.supervising_department
    if values.get("problem_list") is None:
        values["problem_list"] = ProblemList.objects.get(code=DEFAULT_LIST)


def _check_rules(hazard):
    """The rules between fields; they read only the objects already on the hazard, no query."""
    errors = {}
    if hazard.territory_id and hazard.territory.kind not in TERRITORY_KINDS:
        errors["territory"] = _("属地单位应为乡镇（街道）、村（社区）或网格。")
    dept = hazard.supervising_department
    if dept is not None and dept.kind != OrgUnitKind.DEPARTMENT:
        errors["supervising_department"] = _("行业监管部门必须是县级部门。")
    if hazard.found_on and hazard.deadline and hazard.deadline < hazard.found_on:
        errors["deadline"] = _("整改期限不能早于发现日期。")
    if hazard.funds is not None and hazard.funds < 0:
        errors["funds"] = _("整改资金不能为负数。")
    if (
        hazard.enterprise_id
        and hazard.territory_id
        and not hazard.territory.path.startswith(hazard.enterprise.township.path)
        and not hazard.enterprise.township.path.startswith(hazard.territory.path)
    ):
        errors["territory"] = _("属地单位与生产经营单位所在乡镇（街道）不一致。")
    if errors:
        raise ValidationError(errors)


def _validate(hazard):
    _check_rules(hazard)
    hazard.full_clean(exclude=["number"])


def hazard_create_check(*, actor, **values):
    """The rules of `hazard_create` that need no query, so the ledger import can preview a whole file with them.

    Returns the unsaved hazard, its territory and department filled in from the enterprise. Give the enterprise
    with its township and department loaded, and a problem list.
    """
    values = {k: v for k, v in values.items() if k in FIELDS}
    _fill_from_enterprise(values)
    if values.get("territory") is None:
        raise ValidationError({"territory": _("请选择属地单位或生产经营单位。")})
    hazard = Hazard(**values, reported_by=actor)
    _check_rules(hazard)
    hazard.clean_fields(exclude=["number", *RELATED_FIELDS])  # a related field's check is a query
    if not may_register(actor, hazard.territory, hazard.supervising_department):
        raise PermissionDenied(_("您只能登记本单位属地或本部门监管的隐患。"))
    return hazard


@transaction.atomic
def hazard_create(*, actor, files=(), **values):
    # The check ran every rule and field check; full_clean would add a query for each foreign key and each
    # check constraint (the database still enforces them), which is most of a ledger import's time.
    hazard = hazard_create_check(actor=actor, **values)
    hazard.number = next_number(hazard.found_on.year)
    hazard.save()
    event = record_event(hazard, kind=EventKind.CREATED, to_status=HazardStatus.PENDING, actor=actor)
    attach_files(hazard, event, files, EvidenceStage.BEFORE, actor)
    return hazard


@transaction.atomic
def hazard_create_many(*, actor, hazards):
    """Register many hazards at once (the ledger import), as `hazard_create` registers each without files.

    `hazards` are unsaved, each returned by `hazard_create_check` for this actor: the caller has checked every
    row before any is written (the ledger's preview, run again on confirming), so a file is not checked twice.
    The numbers are taken as a block per year, in the rows' order; the hazards and their 'created' events are
    inserted with bulk_create (the history triggers fire for each row all the same)."""
    if any(h.pk is not None or h.number or h.reported_by_id != actor.pk for h in hazards):
        raise ValueError("hazard_create_many takes new hazards checked for this actor")
    _number_all(hazards)
    history_triggers_for_many_rows()
    Hazard.objects.bulk_create(hazards)
    created = {"kind": EventKind.CREATED, "to_status": HazardStatus.PENDING, "actor": actor}
    record_events([HazardEvent(hazard=hazard, **created) for hazard in hazards])
    return hazards


def _number_all(hazards):
    """The numbers one by one registration would give in the same order: a year's block, in the rows' order."""
    counts = Counter(h.found_on.year for h in hazards)
    following = {year: HazardNumber.take_block(year, count) for year, count in sorted(counts.items())}
    for hazard in hazards:
        year = hazard.found_on.year
        hazard.number = hazard_number(year, following[year])
        following[year] += 1


def editable_fields(hazard):
    if hazard.status == HazardStatus.PENDING:
        return set(FIELDS)
    return EDITABLE_WHILE_RECTIFYING if hazard.status == HazardStatus.RECTIFYING else set()


@transaction.atomic
def hazard_update(*, actor, hazard, comment="", files=(), **values):
    hazard = Hazard.objects.select_for_update(of=("self",)).get(pk=hazard.pk)
    if not may_edit(actor, hazard):
        raise PermissionDenied(_("您无权修改该隐患。"))
    changes = {k: v for k, v in values.items() if k in FIELDS and getattr(hazard, k) != v}
    allowed = (
        set(FIELDS)
        if hazard.status == HazardStatus.PENDING
        else (EDITABLE_WHILE_RECTIFYING if hazard.status == HazardStatus.RECTIFYING else set())
    )
    refused = sorted(set(changes) - allowed)
    if refused:
        raise ValidationError(
            {name: _("“%(status)s”的隐患不能修改此项。") % {"status": hazard.get_status_display()} for name in refused}
        )
    if "deadline" in changes and hazard.status != HazardStatus.PENDING and not comment.strip():
        raise ValidationError({"comment": _("调整整改期限必须说明理由。")})
    for name, value in changes.items():
        setattr(hazard, name, value)
    _validate(hazard)
    hazard.save()
    if changes or files:
        labels = "、".join(str(Hazard._meta.get_field(n).verbose_name) for n in changes)
        note = (_("修改了：%(fields)s。") % {"fields": labels} if changes else "") + (comment or "").strip()
        event = record_event(hazard, kind=EventKind.EDITED, actor=actor, comment=note)
        stage = EvidenceStage.BEFORE if hazard.status == HazardStatus.PENDING else EvidenceStage.AFTER
        attach_files(hazard, event, files, stage, actor)
    return hazard


@transaction.atomic
def hazard_list_for_supervision(*, actor, hazard, leader, deadline, comment=""):
    """挂牌督办 a major hazard: the county office names the supervising leader and a deadline."""
    if not may_list_for_supervision(actor):
        raise PermissionDenied(_("只有安委办可以挂牌督办。"))
    hazard = Hazard.objects.select_for_update(of=("self",)).get(pk=hazard.pk)
    if hazard.level != HazardLevel.MAJOR:
        raise ValidationError({"level": _("只有重大事故隐患可以挂牌督办。")})
    if hazard.status == HazardStatus.CLOSED:
        raise ValidationError({"status": _("已销号的隐患不需要挂牌督办。")})
    if not (leader or "").strip() or deadline is None:
        raise ValidationError({"listing_leader": _("挂牌督办须写明督办领导和督办期限。")})
    hazard.is_listed, hazard.listing_leader, hazard.listing_deadline = True, leader.strip(), deadline
    hazard.save(update_fields=["is_listed", "listing_leader", "listing_deadline", "updated_at"])
    record_event(
        hazard,
        kind=EventKind.SUPERVISION,
        actor=actor,
        comment=_("督办领导：%(leader)s；督办期限：%(deadline)s。%(comment)s")
        % {"leader": leader.strip(), "deadline": deadline, "comment": comment},
    )
    return hazard
