"""The writes of the public boards: a change of responsible person (closing the current one) and the
major-risk boards. The pages, the API and the demo call these; nothing is saved when one refuses."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from responsibilities.board_choices import RISK_PERSONS
from responsibilities.board_permissions import may_edit_board
from responsibilities.models import EnterpriseBoard, MajorRisk, ResponsiblePerson

RISK_FIELDS = (
    "site",
    "description",
    "level",
    "in_charge_name",
    "in_charge_phone",
    "department_head_name",
    "department_head_phone",
    "direct_name",
    "direct_phone",
    "measures",
    "is_public",
)


def _check_actor(actor, enterprise):
    if not may_edit_board(actor, enterprise):
        raise PermissionDenied(
            _("只有安委办管理员、%(name)s所属乡镇（街道）或其行业监管部门可以修改公示牌。") % {"name": enterprise.name}
        )


def enterprise_board(*, enterprise):
    """The enterprise's public board (its unguessable token), made the first time it is asked for."""
    board, _created = EnterpriseBoard.objects.get_or_create(enterprise=enterprise)
    return board


@transaction.atomic
def responsible_person_set(*, actor, enterprise, role, name, post, phone, since):
    """Name the person now holding `role`: the current holder's row is closed the day before `since` and a
    new row opened, never updated in place, so the board keeps its history."""
    _check_actor(actor, enterprise)
    # The lock keeps two simultaneous changes from both closing the same row.
    current = (
        ResponsiblePerson.objects.select_for_update()
        .filter(enterprise=enterprise, role=role, until__isnull=True)
        .first()
    )
    values = {"role": role, "name": name, "post": post, "phone": phone, "since": since}
    person = responsible_person_check(actor=actor, enterprise=enterprise, current=current, **values)
    if current is not None:
        current.until = since - timedelta(days=1)
        current.save(update_fields=["until", "updated_at"])
    person.save()
    enterprise_board(enterprise=enterprise)
    return person


def responsible_person_check(*, actor, enterprise, current, role, name, post, phone, since):
    """The rules of naming a new holder that need no query, given the `current` one (or None): who may, that
    the person differs, that the term starts after the current one's. Returns the unsaved row; the importer's
    preview calls it too."""
    _check_actor(actor, enterprise)
    person = ResponsiblePerson(
        enterprise=enterprise,
        role=role,
        name=(name or "").strip(),
        post=(post or "").strip(),
        phone=(phone or "").strip(),
        since=since,
    )
    if current is not None:
        if responsible_person_same(current, name=person.name, post=person.post, phone=person.phone):
            raise ValidationError(_("与现任责任人的姓名、职务和电话相同，无需变更。"))
        if since is not None and since <= current.since:
            raise ValidationError(
                {"since": _("任职日期须晚于现任责任人的任职日期（%(date)s）。") % {"date": current.since.isoformat()}}
            )
    person.full_clean(exclude=["enterprise"], validate_constraints=False)
    return person


def responsible_person_same(current, *, name, post, phone):
    """Whether the row names the current holder again (nothing to change)."""
    named = tuple((value or "").strip() for value in (name, post, phone))
    return (current.name, current.post, current.phone) == named


def board_edit_check(*, actor, enterprise):
    """Raises PermissionDenied, with the reason, unless the person may change the enterprise's boards."""
    _check_actor(actor, enterprise)


def _check_risk_persons(risk):
    missing = [str(label) for prefix, label in RISK_PERSONS if not getattr(risk, f"{prefix}_name").strip()]
    missing += [
        _("%(label)s电话") % {"label": label}
        for prefix, label in RISK_PERSONS
        if getattr(risk, f"{prefix}_name").strip() and not getattr(risk, f"{prefix}_phone").strip()
    ]
    if missing:
        raise ValidationError(_("公示牌缺少：%(missing)s。") % {"missing": "、".join(missing)})


def _save_risk(risk):
    _check_risk_persons(risk)
    risk.full_clean()
    risk.save()
    return risk


@transaction.atomic
def major_risk_create(*, actor, enterprise, **values):
    _check_actor(actor, enterprise)
    risk = MajorRisk(enterprise=enterprise, **{k: v for k, v in values.items() if k in RISK_FIELDS})
    return _save_risk(risk)


@transaction.atomic
def major_risk_update(*, actor, risk, **values):
    _check_actor(actor, risk.enterprise)
    risk = MajorRisk.objects.select_for_update().get(pk=risk.pk)
    for key, value in values.items():
        if key in RISK_FIELDS:
            setattr(risk, key, value)
    return _save_risk(risk)


def mask_phone(phone):
    """138****0001: the public sees enough to recognise a number, not to harvest it (PUBLIC_BOARD_MASK_PHONES)."""
    if not phone or not settings.PUBLIC_BOARD_MASK_PHONES:
        return phone
    digits = phone.replace(" ", "")
    if len(digits) < 8:
        return digits[:2] + "*" * (len(digits) - 2)
    return f"{digits[:3]}****{digits[-4:]}"
