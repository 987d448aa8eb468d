"""Writes of enterprise services (items 6 and 8): trainings and their attendees, certificates, 安全生产责任保险
policies, benchmark enterprises and their incentives. The pages, the API and the demo call these.

A training is its organiser's (a department or a township: its head and staff, or the county office); a
certificate or a policy is the enterprise's, recorded by those who may change the enterprise (its township, its
supervising department, the county office); benchmark enterprises and incentives are the county office's."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Upper
from django.utils.translation import gettext as _

from core.choices import OrgUnitKind
from core.models import Enterprise, OrgUnit
from core.scoping import can_change, scope_for
from inspections.credit_choices import IncentiveKind, PersonRole
from inspections.models import (
    BenchmarkEnterprise,
    Incentive,
    InsurancePolicy,
    SafetyCertificate,
    Training,
    TrainingAttendee,
)

ORGANIZER_KINDS = (OrgUnitKind.COUNTY, OrgUnitKind.DEPARTMENT, OrgUnitKind.TOWNSHIP)


def organizer_choices(user):
    """The units in whose name the person may organise a training."""
    units = OrgUnit.objects.filter(kind__in=ORGANIZER_KINDS, is_active=True).order_by("sort_order", "pk")
    scope = scope_for(user)
    return units if scope.changes_all else units.filter(pk__in=scope.writable_unit_ids)


def may_organize(user, organizer):
    return organizer is not None and scope_for(user).changes_unit(organizer.pk)


def writable_enterprises(user):
    return Enterprise.objects.changeable_by(user).order_by("name")


def may_manage_benchmarks(user):
    return scope_for(user).changes_all


def _refuse_unless(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


def _dates(errors, start, end, field, message, strict=False):
    if start and end and (end <= start if strict else end < start):
        errors[field] = [message]


def _save(obj, unique_field, message):
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ValidationError({unique_field: [message]}) from exc
    return obj


def training_create(*, actor, title, organizer, starts_on, ends_on, place="", hours=0):
    _refuse_unless(may_organize(actor, organizer), _("只能以本单位名义登记培训。"))
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("请填写培训名称。")]
    if organizer.kind not in ORGANIZER_KINDS:
        errors["organizer"] = [_("组织单位须是县、县级部门或乡镇（街道）。")]
    _dates(errors, starts_on, ends_on, "ends_on", _("结束日期不能早于开始日期。"))
    if hours is not None and hours < 0:
        errors["hours"] = [_("学时不能为负数。")]
    if errors:
        raise ValidationError(errors)
    training = Training(
        title=title.strip(),
        organizer=organizer,
        starts_on=starts_on,
        ends_on=ends_on,
        place=place,
        hours=hours or 0,
        recorded_by=actor,
    )
    training.save()
    return training


def training_attendee_add(*, actor, training, enterprise, person_name, role, attended=True, passed=False):
    _refuse_unless(may_organize(actor, training.organizer), _("只有培训组织单位可以登记参训人员。"))
    errors = {}
    if not (person_name or "").strip():
        errors["person_name"] = [_("请填写姓名。")]
    if role not in PersonRole.values:
        errors["role"] = [_("人员类别须是主要负责人或安全管理人员。")]
    if passed and not attended:
        errors["passed"] = [_("未参训的人员不能考核合格。")]
    if errors:
        raise ValidationError(errors)
    row = TrainingAttendee(
        training=training,
        enterprise=enterprise,
        person_name=person_name.strip(),
        role=role,
        attended=attended,
        passed=passed,
    )
    return _save(row, "person_name", _("该单位的这名人员已在本次培训名单中。"))


def certificate_create(*, actor, enterprise, holder_name, kind, number, issued_on, expires_on, training=None):
    _refuse_unless(can_change(actor, enterprise), _("只能为本单位管辖的生产经营单位登记证书。"))
    errors = {}
    if not (holder_name or "").strip():
        errors["holder_name"] = [_("请填写持证人。")]
    if kind not in PersonRole.values:
        errors["kind"] = [_("证书类别须是主要负责人或安全管理人员。")]
    number = (number or "").strip()
    if not number:
        errors["number"] = [_("请填写证书编号。")]
    elif SafetyCertificate.objects.annotate(n=Upper("number")).filter(n=number.upper()).exists():
        errors["number"] = [_("证书编号已登记。")]
    _dates(errors, issued_on, expires_on, "expires_on", _("有效期至须晚于发证日期。"), strict=True)
    if errors:
        raise ValidationError(errors)
    row = SafetyCertificate(
        enterprise=enterprise,
        holder_name=holder_name.strip(),
        kind=kind,
        number=number,
        issued_on=issued_on,
        expires_on=expires_on,
        training=training,
    )
    return _save(row, "number", _("证书编号已登记。"))


def insurance_create(*, actor, enterprise, insurer, policy_number, starts_on, ends_on, premium, insured_amount):
    _refuse_unless(can_change(actor, enterprise), _("只能为本单位管辖的生产经营单位登记保险。"))
    errors = {}
    if not (insurer or "").strip():
        errors["insurer"] = [_("请填写保险机构。")]
    policy_number = (policy_number or "").strip()
    if not policy_number:
        errors["policy_number"] = [_("请填写保单号。")]
    elif InsurancePolicy.objects.annotate(n=Upper("policy_number")).filter(n=policy_number.upper()).exists():
        errors["policy_number"] = [_("保单号已登记。")]
    _dates(errors, starts_on, ends_on, "ends_on", _("保险止期须晚于起期。"), strict=True)
    if premium is None or Decimal(premium) < 0:
        errors["premium"] = [_("保费不能为负数。")]
    if insured_amount is None or Decimal(insured_amount) <= 0:
        errors["insured_amount"] = [_("保险金额须大于零。")]
    if errors:
        raise ValidationError(errors)
    row = InsurancePolicy(
        enterprise=enterprise,
        insurer=insurer.strip(),
        policy_number=policy_number,
        starts_on=starts_on,
        ends_on=ends_on,
        premium=premium,
        insured_amount=insured_amount,
        recorded_by=actor,
    )
    return _save(row, "policy_number", _("保单号已登记。"))


def benchmark_create(*, actor, enterprise, year, note=""):
    _refuse_unless(may_manage_benchmarks(actor), _("只有安委办管理员可以评定标杆企业。"))
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": [_("年度须在 2000 至 2100 之间。")]})
    if BenchmarkEnterprise.objects.filter(enterprise=enterprise, year=year).exists():
        raise ValidationError({"enterprise": [_("该单位已是本年度标杆企业。")]})
    row = BenchmarkEnterprise(enterprise=enterprise, year=year, note=note)
    return _save(row, "enterprise", _("该单位已是本年度标杆企业。"))


def incentive_add(*, actor, benchmark, kind, granted_on, amount=None, note=""):
    _refuse_unless(may_manage_benchmarks(actor), _("只有安委办管理员可以登记激励措施。"))
    errors = {}
    if kind not in IncentiveKind.values:
        errors["kind"] = [_("请选择激励方式。")]
    if amount is not None and Decimal(amount) < 0:
        errors["amount"] = [_("金额不能为负数。")]
    if kind == IncentiveKind.FUNDING and amount is None:
        errors["amount"] = [_("资金奖励须填写金额。")]
    if granted_on and granted_on.year < benchmark.year:
        errors["granted_on"] = [_("激励日期不能早于评定年度。")]
    if errors:
        raise ValidationError(errors)
    row = Incentive(benchmark=benchmark, kind=kind, amount=amount, granted_on=granted_on, note=note)
    row.save()
    return row
