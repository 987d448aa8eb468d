"""API clients (外部系统) and their tokens. Only the county office (scope.changes_all) creates clients and issues
or revokes tokens; the command line (create_api_token) calls the same functions with no actor.

An API client is an account with a Membership of role api_client at a unit: at the county it reads everything,
at a department or township that unit's records (core.scoping). Writing needs a read-write token *and* one of
the ordinary roles below, given to the account at the same unit; the services' permission checks then apply
as they do to a person holding that role.
"""

import secrets

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.choices import READ_ONLY_ROLES, ROLE_UNIT_KINDS, Role
from core.models import Membership, User
from core.models_tokens import PREFIX_LENGTH, ApiToken, hash_key
from core.scoping import scope_for

# Roles a client may hold beside api_client, for writing; never the county administrator's.
CLIENT_WRITE_ROLES = [r for r in Role if r not in READ_ONLY_ROLES and r != Role.COUNTY_ADMIN]


def _check_office(actor):
    if actor is not None and not scope_for(actor).changes_all:
        raise PermissionDenied(_("只有安委办管理员可以管理外部系统和接口令牌。"))


def client_unit(user):
    """The unit of the account's api_client membership (None: not an API client)."""
    membership = user.memberships.select_related("unit").filter(role=Role.API_CLIENT).first()
    return membership.unit if membership else None


def write_roles_for(unit):
    return [r for r in CLIENT_WRITE_ROLES if unit.kind in ROLE_UNIT_KINDS[r]]


def _check_roles(unit, roles):
    allowed = write_roles_for(unit)
    wrong = [Role(r).label for r in roles if r not in allowed]
    if wrong:
        message = _("%(unit)s的外部系统不能兼任：%(roles)s。") % {
            "unit": unit.name,
            "roles": "、".join(map(str, wrong)),
        }
        raise ValidationError({"roles": message})


@transaction.atomic
def api_client_create(*, actor, username, full_name, unit, roles=()):
    """A new API client account at `unit`, with no password (it signs in by token only)."""
    _check_office(actor)
    username = (username or "").strip()
    errors = {}
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as exc:
        errors["username"] = exc.messages
    if username and User.objects.filter(username__iexact=username).exists():
        errors["username"] = [_("账号名“%(name)s”已被使用。") % {"name": username}]
    if not (full_name or "").strip():
        errors["full_name"] = [_("请填写外部系统的名称。")]
    if unit is not None and unit.kind not in ROLE_UNIT_KINDS[Role.API_CLIENT]:
        errors["unit"] = [_("外部系统只能设在县、县级部门或乡镇（街道）。")]
    if unit is None:
        errors["unit"] = [_("请选择外部系统可以读取的单位范围。")]
    if errors:
        raise ValidationError(errors)
    _check_roles(unit, roles)
    user = User(username=username, full_name=full_name.strip())
    user.set_unusable_password()
    user.save()
    for role in [Role.API_CLIENT, *roles]:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


@transaction.atomic
def api_client_set_roles(*, actor, client, roles):
    """Replace the writing roles the client holds at its unit (its api_client membership stays)."""
    _check_office(actor)
    unit = client_unit(client)
    if unit is None:
        raise ValidationError(_("该账号不是外部系统。"))
    _check_roles(unit, roles)
    current = Membership.objects.filter(user=client, unit=unit).exclude(role=Role.API_CLIENT)
    current.exclude(role__in=roles).delete()
    have = set(current.values_list("role", flat=True))
    for role in roles:
        if role not in have:
            Membership.objects.create(user=client, unit=unit, role=role)
    return client


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def new_key():
    return secrets.token_urlsafe(32)


@transaction.atomic
def api_token_issue(*, actor, user, name, read_only=True):
    """A new token: returns (token, key). The key is not kept; show it once."""
    _check_office(actor)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写令牌用途，便于日后辨认和吊销。")})
    if not user.is_active:
        raise ValidationError(_("账号“%(name)s”已停用，不能签发令牌。") % {"name": user.username})
    key = new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=key[:PREFIX_LENGTH],
        key_hash=hash_key(key),
        read_only=read_only,
        created_by=actor,
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor, token, reason):
    _check_office(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请说明吊销原因。")})
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError(_("该令牌已于%(at)s吊销。") % {"at": _local(token.revoked_at)})
    token.revoked_at, token.revoked_by, token.revoke_reason = timezone.now(), actor, reason[:200]
    token.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    return token
