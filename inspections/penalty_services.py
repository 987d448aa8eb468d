"""行政处罚: record a penalty, or the two of a 一案双罚 case together, and refer a case to justice (行刑衔接).
Every write with a rule goes through here; the pages, the API and the demo call it.

A penalty is decided by a department: only that department's head and staff (or the county administrator)
record it. Its decision number is unique in the county, whatever the letter case.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.choices import OrgUnitKind, Role
from core.models import OrgUnit
from core.scoping import holds_role, scope_for
from inspections.choices import InspectionEventKind, PartyKind
from inspections.models import InspectionEvent, Penalty

PENALTY_ROLES = {Role.DEPT_HEAD, Role.DEPT_STAFF}


def may_record_penalty(user, department):
    scope = scope_for(user)
    return scope.changes_all or holds_role(user, department.pk, PENALTY_ROLES)


def penalty_departments(user):
    """The departments in whose name the person may record penalties."""
    departments = OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT, is_active=True).order_by("sort_order", "pk")
    scope = scope_for(user)
    if scope.changes_all:
        return departments
    own = [unit_id for unit_id, roles in scope.roles_by_unit.items() if roles & PENALTY_ROLES]
    return departments.filter(pk__in=own)


def _check_actor(actor, department):
    if department.kind != OrgUnitKind.DEPARTMENT:
        raise ValidationError({"department": _("处罚部门须是县级部门。")})
    if not may_record_penalty(actor, department):
        raise PermissionDenied(
            _("只有%(d)s的负责人和工作人员或安委办管理员可以登记该部门的行政处罚。") % {"d": department.name}
        )


def _amount(value, field, errors):
    try:
        amount = Decimal(str(value).strip()) if value is not None and str(value).strip() else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        errors.setdefault(field, []).append(_("请填写罚款金额（元）。"))
        return value
    if amount < 0:
        errors.setdefault(field, []).append(_("罚款金额不能为负数。"))
    return amount


def _number_taken(number):
    return Penalty.objects.filter(decision_number__iexact=number).exists()


def _check_case(case, errors, *, today):
    """The rules the enterprise's penalty and its principal's share: dates, basis, inspection, referral."""
    if not case["legal_basis"].strip():
        errors.setdefault("legal_basis", []).append(_("须写明处罚依据。"))
    decided_on = case["decided_on"]
    if decided_on is None:
        errors.setdefault("decided_on", []).append(_("请填写决定日期。"))
    elif decided_on > today:
        errors.setdefault("decided_on", []).append(_("决定日期不能晚于今天。"))
    inspection = case["inspection"]
    if inspection is not None:
        if inspection.department_id != case["department"].pk:
            errors.setdefault("inspection", []).append(_("所选检查不是本部门的检查。"))
        if inspection.enterprise_id != case["enterprise"].pk:
            errors.setdefault("inspection", []).append(_("所选检查的被检查单位不是该生产经营单位。"))
        if decided_on is not None and decided_on < inspection.inspected_on:
            errors.setdefault("decided_on", []).append(
                _("决定日期不能早于检查日期（%(d)s）。") % {"d": inspection.inspected_on.isoformat()}
            )
    _check_referral(case["referred_to_justice"], case["referred_on"], decided_on, errors, today=today)


def _check_referral(referred, referred_on, decided_on, errors, *, today):
    if referred and referred_on is None:
        errors.setdefault("referred_on", []).append(_("移送司法机关的，须填写移送日期。"))
    elif referred_on is not None and not referred:
        errors.setdefault("referred_to_justice", []).append(_("填写了移送日期的，须勾选“移送司法机关”。"))
    elif referred_on is not None:
        if referred_on > today:
            errors.setdefault("referred_on", []).append(_("移送日期不能晚于今天。"))
        elif decided_on is not None and referred_on < decided_on:
            errors.setdefault("referred_on", []).append(_("移送日期不能早于决定日期。"))


def _check_number(number, field, errors, seen):
    if not number:
        errors.setdefault(field, []).append(_("请填写决定书文号。"))
    elif number.upper() in seen:
        errors.setdefault(field, []).append(_("单位和个人的决定书文号不能相同：%(n)s。") % {"n": number})
    elif _number_taken(number):
        errors.setdefault(field, []).append(_("决定书文号“%(n)s”已存在。") % {"n": number})
    seen.add(number.upper())


def _describe(penalty):
    party = penalty.person_name if penalty.party_kind == PartyKind.PERSON else penalty.enterprise.name
    return _("行政处罚：%(n)s，对%(p)s罚款%(a)s元。") % {
        "n": penalty.decision_number,
        "p": party,
        "a": f"{penalty.amount:,.2f}",
    }


def _save(penalties, actor):
    """Save the case's penalties; a number taken meanwhile by another request is refused like any duplicate."""
    try:
        with transaction.atomic():
            for penalty in penalties:
                penalty.full_clean(validate_constraints=False)
                penalty.save()
    except IntegrityError as exc:
        if "penalty_decision_number_unique" in str(exc):
            raise ValidationError({"decision_number": _("决定书文号已存在。")}) from exc
        raise
    events = [
        InspectionEvent(inspection=p.inspection, kind=InspectionEventKind.PENALTY, actor=actor, comment=_describe(p))
        for p in penalties
        if p.inspection_id
    ]
    InspectionEvent.objects.bulk_create(events)
    return penalties


def _case(**kwargs):
    kwargs["decision_number"] = (kwargs.get("decision_number") or "").strip()
    kwargs["legal_basis"] = (kwargs.get("legal_basis") or "").strip()
    kwargs["case_number"] = (kwargs.get("case_number") or "").strip()
    return kwargs


def _penalty(case, *, actor, number, amount, party_kind, person_name="", person_post=""):
    return Penalty(
        decision_number=number,
        case_number=case["case_number"],
        decided_on=case["decided_on"],
        department=case["department"],
        inspection=case["inspection"],
        party_kind=party_kind,
        enterprise=case["enterprise"],
        person_name=person_name,
        person_post=person_post,
        legal_basis=case["legal_basis"],
        violation=case["violation"],
        amount=amount,
        referred_to_justice=case["referred_to_justice"],
        referred_on=case["referred_on"],
        recorded_by=actor,
    )


@transaction.atomic
def penalty_record(
    *,
    actor,
    department,
    enterprise,
    decision_number,
    decided_on,
    legal_basis,
    amount,
    violation="",
    inspection=None,
    case_number="",
    referred_to_justice=False,
    referred_on=None,
):
    """One penalty on an enterprise (单位). Returns the list of created penalties (one)."""
    _check_actor(actor, department)
    case = _case(
        department=department,
        enterprise=enterprise,
        decision_number=decision_number,
        decided_on=decided_on,
        legal_basis=legal_basis,
        violation=violation,
        inspection=inspection,
        case_number=case_number,
        referred_to_justice=referred_to_justice,
        referred_on=referred_on,
    )
    errors = {}
    _check_number(case["decision_number"], "decision_number", errors, set())
    amount = _amount(amount, "amount", errors)
    _check_case(case, errors, today=timezone.localdate())
    if errors:
        raise ValidationError(errors)
    number = case["decision_number"]
    return _save([_penalty(case, actor=actor, number=number, amount=amount, party_kind=PartyKind.ENTERPRISE)], actor)


@transaction.atomic
def penalty_record_double(
    *,
    actor,
    department,
    enterprise,
    decision_number,
    decided_on,
    legal_basis,
    enterprise_amount,
    person_name,
    person_post,
    person_amount,
    person_decision_number,
    violation="",
    inspection=None,
    case_number="",
    referred_to_justice=False,
    referred_on=None,
):
    """一案双罚: the enterprise and its principal (主要负责人) fined in one case, both or neither. The case number
    is the enterprise's decision number unless given. Returns [enterprise's penalty, principal's penalty]."""
    _check_actor(actor, department)
    case = _case(
        department=department,
        enterprise=enterprise,
        decision_number=decision_number,
        decided_on=decided_on,
        legal_basis=legal_basis,
        violation=violation,
        inspection=inspection,
        case_number=case_number,
        referred_to_justice=referred_to_justice,
        referred_on=referred_on,
    )
    person_number = (person_decision_number or "").strip()
    person_name = (person_name or "").strip()
    errors, seen = {}, set()
    _check_number(case["decision_number"], "decision_number", errors, seen)
    _check_number(person_number, "person_decision_number", errors, seen)
    enterprise_amount = _amount(enterprise_amount, "enterprise_amount", errors)
    person_amount = _amount(person_amount, "person_amount", errors)
    if not person_name:
        errors.setdefault("person_name", []).append(_("一案双罚须填写被处罚的主要负责人姓名。"))
    _check_case(case, errors, today=timezone.localdate())
    if errors:
        raise ValidationError(errors)
    case["case_number"] = case["case_number"] or case["decision_number"]
    return _save(
        [
            _penalty(
                case,
                actor=actor,
                number=case["decision_number"],
                amount=enterprise_amount,
                party_kind=PartyKind.ENTERPRISE,
            ),
            _penalty(
                case,
                actor=actor,
                number=person_number,
                amount=person_amount,
                party_kind=PartyKind.PERSON,
                person_name=person_name,
                person_post=(person_post or "").strip(),
            ),
        ],
        actor,
    )


@transaction.atomic
def penalty_refer(*, actor, penalty, referred_on):
    """行刑衔接: the case is referred to the judicial authorities. Once; every penalty of the case is marked."""
    penalty = Penalty.objects.select_for_update().select_related("department").get(pk=penalty.pk)
    _check_actor(actor, penalty.department)
    if penalty.referred_to_justice:
        raise ValidationError(
            _("该案已于%(d)s移送司法机关。") % {"d": penalty.referred_on.isoformat() if penalty.referred_on else ""}
        )
    errors = {}
    if referred_on is None:
        errors["referred_on"] = [_("移送司法机关的，须填写移送日期。")]
    else:
        _check_referral(True, referred_on, penalty.decided_on, errors, today=timezone.localdate())
    if errors:
        raise ValidationError(errors)
    case = Penalty.objects.filter(pk=penalty.pk)
    if penalty.case_number:
        case = Penalty.objects.filter(case_number=penalty.case_number, department=penalty.department)
    rows = list(case.select_for_update().select_related("enterprise"))
    for row in rows:
        row.referred_to_justice, row.referred_on = True, referred_on
        row.save(update_fields=["referred_to_justice", "referred_on", "updated_at"])
    comment = _("行刑衔接：%(n)s已于%(d)s移送司法机关。")
    InspectionEvent.objects.bulk_create(
        InspectionEvent(
            inspection_id=row.inspection_id,
            kind=InspectionEventKind.PENALTY,
            actor=actor,
            comment=comment % {"n": row.decision_number, "d": referred_on.isoformat()},
        )
        for row in rows
        if row.inspection_id
    )
    return next(row for row in rows if row.pk == penalty.pk)
