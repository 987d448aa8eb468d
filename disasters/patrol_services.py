"""Recording patrols of risk points (opening a hazard from one in the same step), and setting flood seasons."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.choices import Role, Sector
from core.evidence import evidence_checked, evidence_keep
from core.scoping import holds_role, holds_role_over, scope_for
from disasters.choices import PatrolKind, PatrolSituation
from disasters.models import FloodSeason, Patrol, PatrolEvidence

TERRITORY_ROLES = {Role.TOWNSHIP_HEAD, Role.TOWNSHIP_STAFF, Role.GRID_MEMBER}
DEPARTMENT_ROLES = {Role.DEPT_HEAD, Role.DEPT_STAFF}
# The hazard's fields as the patrol form names them, so a refusal lands beside the right input.
HAZARD_FIELD_NAMES = {"title": "hazard_title", "deadline": "hazard_deadline", "level": "hazard_level"}


def is_territory_of(user, risk_point):
    """The township's head, staff or grid members (over the township, or over the point's village)."""
    units = [risk_point.township] + ([risk_point.village] if risk_point.village_id else [])
    return any(holds_role_over(user, unit, TERRITORY_ROLES) for unit in units)


def may_record_patrol(user, risk_point):
    if scope_for(user).changes_all or is_territory_of(user, risk_point):
        return True
    dept = risk_point.supervising_department_id
    return dept is not None and holds_role(user, dept, DEPARTMENT_ROLES)


def may_set_flood_season(user):
    return scope_for(user).changes_all


def _check_patrol(patrol, open_hazard, hazard_deadline):
    errors = {}
    if patrol.patrolled_at is not None and patrol.patrolled_at > timezone.now():
        errors["patrolled_at"] = _("巡查时间不能晚于现在。")
    patrol.findings = (patrol.findings or "").strip()
    if patrol.situation == PatrolSituation.ABNORMAL and not patrol.findings:
        errors["findings"] = _("巡查情况异常时须写明发现情况。")
    if open_hazard:
        if patrol.situation != PatrolSituation.ABNORMAL or not patrol.findings:
            errors.setdefault("situation", _("开具隐患的巡查应为“异常”，并写明发现情况。"))
        if hazard_deadline is None:
            errors["hazard_deadline"] = _("开具隐患须填写整改期限。")
    if errors:
        raise ValidationError(errors)
    patrol.full_clean(exclude=["hazard"])


def _hazard_values(*, actor, patrol, title, deadline, level):
    from hazards.choices import HazardSource

    point = patrol.risk_point
    # A patrol by the point's own township is its own finding (自查自报, counted in its favour); by a department
    # or the county office, an inspection by others. HazardSource has no 巡查 of its own.
    source = HazardSource.SELF_REPORTED if is_territory_of(actor, point) else HazardSource.DEPARTMENT_CHECK
    context = _("%(kind)s（%(point)s，%(at)s）发现：") % {
        "kind": patrol.get_kind_display(),
        "point": point,
        "at": timezone.localtime(patrol.patrolled_at).strftime("%Y-%m-%d %H:%M"),
    }
    return {
        "title": (title or "").strip() or patrol.findings.splitlines()[0][:200],
        "description": f"{context}\n{patrol.findings}",
        "sector": Sector.NATURAL_DISASTER,
        "level": level,
        "source": source,
        "territory": point.village or point.township,
        "supervising_department": point.supervising_department,
        "place": point.place or point.name,
        "responsible_person": point.responsible_person,
        "responsible_phone": point.responsible_phone,
        "found_on": timezone.localdate(patrol.patrolled_at),
        "deadline": deadline,
        "measures": patrol.measures,
        "latitude": point.latitude,
        "longitude": point.longitude,
    }


def _as_patrol_fields(call):
    """Run a hazards call; its refusal names the patrol form's fields (hazard_title …) instead of the hazard's."""
    try:
        return call()
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        renamed = {}
        for field, errors in exc.error_dict.items():
            renamed.setdefault(HAZARD_FIELD_NAMES.get(field, NON_FIELD_ERRORS), []).extend(errors)
        raise ValidationError(renamed) from None


def _evidence_copies(patrol):
    """The patrol's stored files as new uploads for the hazard (an upload may be moved away once saved)."""
    return [ContentFile(item.file.open("rb").read(), name=item.original_name) for item in patrol.evidence.all()]


@transaction.atomic
def patrol_record(
    *,
    actor,
    risk_point,
    kind,
    patrolled_at,
    findings,
    situation,
    measures="",
    patroller_name="",
    files=(),
    open_hazard=False,
    hazard_title="",
    hazard_deadline=None,
    hazard_level="general",
):
    """Record a patrol; with open_hazard, open a 自然灾害 hazard from its findings too. All or nothing."""
    if not may_record_patrol(actor, risk_point):
        raise PermissionDenied(_("您只能记录本乡镇（街道）或本部门主管的隐患点的巡查。"))
    patrol = Patrol(
        risk_point=risk_point,
        kind=kind or PatrolKind.ROUTINE,
        patrolled_at=patrolled_at,
        patroller=actor,
        patroller_name=(patroller_name or "").strip(),
        situation=situation or PatrolSituation.NORMAL,
        findings=findings,
        measures=(measures or "").strip(),
    )
    _check_patrol(patrol, open_hazard, hazard_deadline)
    checked = evidence_checked(files)
    if open_hazard:
        from hazards.services import hazard_create, hazard_create_check

        values = _hazard_values(
            actor=actor, patrol=patrol, title=hazard_title, deadline=hazard_deadline, level=hazard_level
        )
        # The hazard's rules before anything is written, so a refused hazard leaves no files behind either.
        _as_patrol_fields(lambda: hazard_create_check(actor=actor, **values))
    patrol.save()
    evidence_keep(PatrolEvidence, checked, actor=actor, patrol=patrol)
    if open_hazard:
        patrol.hazard = _as_patrol_fields(lambda: hazard_create(actor=actor, files=_evidence_copies(patrol), **values))
        patrol.save(update_fields=["hazard", "updated_at"])
    return patrol


@transaction.atomic
def flood_season_set(*, actor, year, starts_on, ends_on):
    """The county office sets (or moves) a year's 主汛期."""
    if not may_set_flood_season(actor):
        raise PermissionDenied(_("只有安委办（应急局）管理员可以设置汛期。"))
    season = FloodSeason.objects.select_for_update().filter(year=year).first() or FloodSeason(year=year)
    season.starts_on, season.ends_on, season.set_by = starts_on, ends_on, actor
    season.full_clean(validate_unique=season.pk is None)
    season.save()
    return season
