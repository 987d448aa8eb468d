"""Registering and editing 应急避难场所 and the villages they cover.

Who writes: the county administrator anywhere, a township's head and staff in their own township. A shelter
covers villages of its own township; only the county administrator may add a neighbouring township's village
(a shelter across the border that is nearer than the township's own), since that changes another township's
coverage figure.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.choices import OrgUnitKind, Role
from core.scoping import holds_role_over, scope_for
from disasters.models import Shelter

FIELDS = (
    "code",
    "name",
    "kind",
    "township",
    "village",
    "address",
    "longitude",
    "latitude",
    "capacity",
    "area_m2",
    "manager_name",
    "manager_phone",
    "is_active",
    "note",
)
WRITER_ROLES = {Role.TOWNSHIP_HEAD, Role.TOWNSHIP_STAFF}


def may_change_shelters_of(user, township):
    return scope_for(user).changes_all or (township is not None and holds_role_over(user, township, WRITER_ROLES))


def _village_errors(actor, township, villages, kept=frozenset()):
    """The covered villages' rule; reads only the villages' own fields (no query). `kept`: the ids of villages
    the shelter already covers, which a township may leave in place though the administrator added them."""
    wrong_kind = [v.name for v in villages if v.kind != OrgUnitKind.VILLAGE]
    if wrong_kind:
        return _("只能选择村（社区）：%(names)s。") % {"names": "、".join(wrong_kind)}
    if township is None or scope_for(actor).changes_all:
        return None
    others = [v.name for v in villages if v.parent_id != township.pk and v.pk not in kept]
    if others:
        return _("%(names)s不属于%(township)s；跨乡镇（街道）覆盖的避难场所由县应急管理员登记。") % {
            "names": "、".join(others),
            "township": township.name,
        }
    return None


def shelter_create_check(*, actor, covered_villages=(), **values):
    """The rules of `shelter_create` that need no query (the import previews a whole file with them).

    Returns the unsaved shelter. Give the township and villages as loaded objects."""
    shelter = Shelter(**{k: v for k, v in values.items() if k in FIELDS})
    errors = {}
    try:
        shelter.clean_fields(exclude=["township", "village"])
    except ValidationError as exc:
        errors |= exc.message_dict
    try:
        shelter.clean()
    except ValidationError as exc:
        errors |= {k: v for k, v in exc.message_dict.items() if k not in errors}
    message = _village_errors(actor, shelter.township if shelter.township_id else None, covered_villages)
    if message:
        errors["covered_villages"] = [message]
    if errors:
        raise ValidationError(errors)
    if not may_change_shelters_of(actor, shelter.township):
        raise PermissionDenied(_("您只能登记本乡镇（街道）的应急避难场所。"))
    return shelter


@transaction.atomic
def shelter_create(*, actor, covered_villages=(), **values):
    shelter = shelter_create_check(actor=actor, covered_villages=covered_villages, **values)
    shelter.full_clean()
    shelter.save()
    shelter.covered_villages.set(covered_villages)
    return shelter


@transaction.atomic
def shelter_update(*, actor, shelter, covered_villages=None, **values):
    """Change the fields given; `covered_villages`, when given, replaces the list of covered villages."""
    shelter = Shelter.objects.select_for_update(of=("self",)).select_related("township").get(pk=shelter.pk)
    if not may_change_shelters_of(actor, shelter.township):
        raise PermissionDenied(_("您无权修改该应急避难场所。"))
    for name, value in values.items():
        if name in FIELDS:
            setattr(shelter, name, value)
    if not may_change_shelters_of(actor, shelter.township):
        raise PermissionDenied(_("您只能登记本乡镇（街道）的应急避难场所。"))
    errors = {}
    try:
        shelter.full_clean()
    except ValidationError as exc:
        errors = exc.message_dict
    if covered_villages is not None:
        kept = frozenset(shelter.covered_villages.values_list("pk", flat=True))
        message = _village_errors(actor, shelter.township, covered_villages, kept)
        if message:
            errors["covered_villages"] = [message]
    if errors:
        raise ValidationError(errors)
    shelter.save()
    if covered_villages is not None:
        shelter.covered_villages.set(covered_villages)
    return shelter
