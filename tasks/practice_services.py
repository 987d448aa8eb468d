"""Writes of the yearly call for best-practice cases (key action 二): the county office opens a call; units write
their cases. The state changes (submit, return, score, publish) are in tasks.practice_workflow."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.choices import OrgUnitKind, Role
from core.evidence import evidence_attach
from core.scoping import holds_role, scope_for
from tasks.campaign_choices import CallStatus, CaseStatus
from tasks.models import CaseAttachment, CaseTransition, PracticeCall, PracticeCase

WRITER_ROLES = {Role.TOWNSHIP_HEAD, Role.TOWNSHIP_STAFF, Role.DEPT_HEAD, Role.DEPT_STAFF}
CASE_UNIT_KINDS = (OrgUnitKind.TOWNSHIP, OrgUnitKind.DEPARTMENT)
CALL_FIELDS = ("year", "kind", "title", "deadline", "criteria")
CASE_FIELDS = ("title", "summary")
EDITABLE = {CaseStatus.DRAFT, CaseStatus.RETURNED}


def may_manage_calls(user):
    return scope_for(user).changes_all


def may_write_case(user, unit):
    return unit is not None and holds_role(user, unit.pk, WRITER_ROLES)


def case_units(user):
    """The units the person may submit cases for: townships and departments where they write."""
    from core.models import OrgUnit

    scope = scope_for(user)
    ids = [u for u, roles in scope.roles_by_unit.items() if roles & WRITER_ROLES]
    return OrgUnit.objects.filter(pk__in=ids, kind__in=CASE_UNIT_KINDS, is_active=True).order_by("sort_order")


def _check_call(values, instance=None):
    errors = {}
    for name, message in (("title", _("请填写征集名称。")), ("criteria", _("请填写评选标准。"))):
        if not (values.get(name) or "").strip():
            errors[name] = message
    year = values.get("year")
    if year is None or not (2000 <= year <= 2100):
        errors["year"] = _("年度应在2000到2100之间。")
    if values.get("deadline") is None:
        errors["deadline"] = _("请填写申报截止日期。")
    if not errors.get("year") and values.get("kind"):
        same = PracticeCall.objects.filter(year=year, kind=values["kind"])
        if instance is not None:
            same = same.exclude(pk=instance.pk)
        if same.exists():
            errors["kind"] = _("%(year)d年已有该类别的征集。") % {"year": year}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def practice_call_create(*, actor, reviewers=(), **values):
    if not may_manage_calls(actor):
        raise PermissionDenied(_("只有安委办可以发布案例征集。"))
    values = {k: values.get(k) for k in CALL_FIELDS}
    _check_call(values)
    call = PracticeCall.objects.create(created_by=actor, **values)
    call.reviewers.set(reviewers)
    return call


@transaction.atomic
def practice_call_update(*, actor, call, reviewers=None, **values):
    call = PracticeCall.objects.select_for_update().get(pk=call.pk)
    if not may_manage_calls(actor):
        raise PermissionDenied(_("只有安委办可以修改案例征集。"))
    if call.status == CallStatus.PUBLISHED:
        raise ValidationError({"status": _("评选结果已公布，征集不能再修改。")})
    merged = {k: values.get(k, getattr(call, k)) for k in CALL_FIELDS}
    _check_call(merged, instance=call)
    for k, v in merged.items():
        setattr(call, k, v)
    call.save()
    if reviewers is not None:
        call.reviewers.set(reviewers)
    return call


def _check_case(values):
    errors = {}
    if not (values.get("title") or "").strip():
        errors["title"] = _("请填写案例名称。")
    if not (values.get("summary") or "").strip():
        errors["summary"] = _("请填写案例简介。")
    if errors:
        raise ValidationError(errors)


def _attach(case, files, actor):
    evidence_attach(CaseAttachment, files, actor=actor, case=case)


def call_accepts_cases(call, today=None):
    return call.status == CallStatus.OPEN and (today or timezone.localdate()) <= call.deadline


@transaction.atomic
def practice_case_create(*, actor, call, unit, files=(), **values):
    if unit is None or unit.kind not in CASE_UNIT_KINDS:
        raise ValidationError({"unit": _("申报单位应为乡镇（街道）或县级部门。")})
    if not may_write_case(actor, unit):
        raise PermissionDenied(_("只有申报单位的负责人和工作人员可以申报案例。"))
    if not call_accepts_cases(call):
        raise ValidationError({"call": _("该征集已截止（%(d)s），不能再申报。") % {"d": call.deadline.isoformat()}})
    values = {k: (values.get(k) or "").strip() for k in CASE_FIELDS}
    _check_case(values)
    case = PracticeCase.objects.create(call=call, unit=unit, created_by=actor, **values)
    CaseTransition.objects.create(case=case, to_status=CaseStatus.DRAFT, actor=actor)
    _attach(case, files, actor)
    return case


@transaction.atomic
def practice_case_update(*, actor, case, files=(), **values):
    case = PracticeCase.objects.select_for_update(of=("self",)).select_related("unit", "call").get(pk=case.pk)
    if not may_write_case(actor, case.unit):
        raise PermissionDenied(_("只有申报单位的负责人和工作人员可以修改案例。"))
    if case.status not in EDITABLE:
        raise ValidationError({"status": _("“%(s)s”的案例不能修改。") % {"s": case.get_status_display()}})
    merged = {k: (values.get(k, getattr(case, k)) or "").strip() for k in CASE_FIELDS}
    _check_case(merged)
    for k, v in merged.items():
        setattr(case, k, v)
    case.save()
    _attach(case, files, actor)
    return case
