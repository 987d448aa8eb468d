"""Registering and changing risk points and risk zones; the dates the targets of item 11 count are kept here."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from disasters.choices import RiskPointState
from disasters.models import RiskPoint, RiskZone
from disasters.permissions import may_keep_point, may_write_off

POINT_FIELDS = (
    "code",
    "name",
    "kind",
    "township",
    "village",
    "supervising_department",
    "place",
    "longitude",
    "latitude",
    "households",
    "people",
    "property_value",
    "monitor_name",
    "monitor_phone",
    "responsible_person",
    "responsible_phone",
    "has_monitoring",
    "monitoring_installed_on",
    "state",
    "governed_on",
    "written_off_on",
    "patrols_per_week_in_season",
    "patrols_per_month_off_season",
    "note",
)
ZONE_FIELDS = (
    "code",
    "name",
    "township",
    "level",
    "area_description",
    "households",
    "people",
    "responsible_person",
    "responsible_phone",
)


def _fill_dates(point, today):
    """A state or monitoring switched on without its date gets today's: the targets count by these dates."""
    if point.has_monitoring and not point.monitoring_installed_on:
        point.monitoring_installed_on = today
    if not point.has_monitoring:
        point.monitoring_installed_on = None
    if point.state == RiskPointState.GOVERNED and not point.governed_on:
        point.governed_on = today
    if point.state == RiskPointState.WRITTEN_OFF and not point.written_off_on:
        point.written_off_on = today


def _check_dates(point, today):
    errors = {}
    for name in ("monitoring_installed_on", "governed_on", "written_off_on"):
        value = getattr(point, name)
        if value and value > today:
            errors[name] = _("%(field)s不能晚于今天。") % {"field": RiskPoint._meta.get_field(name).verbose_name}
    if errors:
        raise ValidationError(errors)


def risk_point_check(*, actor, point, query_free=False):
    """The rules of a risk point, the same for the form, the API and the ledger import (no save).

    `query_free` leaves out the checks that query (related rows exist, the code is unique, the database's
    check constraints, which `clean` states too), so the ledger's preview checks a whole file in a few
    queries: give it the related units loaded; the import then runs the full check through the services.
    """
    if not may_keep_point(actor, point.township if point.township_id else None, point.supervising_department):
        raise PermissionDenied(_("您只能登记和修改本乡镇（街道）或本部门主管的隐患点。"))
    today = timezone.localdate()
    _fill_dates(point, today)
    _check_dates(point, today)
    if query_free:
        _clean_without_queries(point)
    else:
        point.full_clean(exclude=["zones"])
    return point


def _clean_without_queries(point):
    errors = {}
    related = [f.name for f in RiskPoint._meta.fields if f.is_relation]
    for check in (lambda: point.clean_fields(exclude=related), point.clean):
        try:
            check()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def risk_point_create(*, actor, zones=(), **values):
    point = RiskPoint(**{k: v for k, v in values.items() if k in POINT_FIELDS}, registered_by=actor)
    if point.state == RiskPointState.WRITTEN_OFF and not may_write_off(actor):
        raise PermissionDenied(_("隐患点核销由安委办（应急局）办理。"))
    risk_point_check(actor=actor, point=point)
    point.save()
    _set_zones(point, zones)
    return point


@transaction.atomic
def risk_point_update(*, actor, point, zones=None, **values):
    point = RiskPoint.objects.select_for_update(of=("self",)).get(pk=point.pk)
    if not may_keep_point(actor, point.township, point.supervising_department):
        raise PermissionDenied(_("您只能登记和修改本乡镇（街道）或本部门主管的隐患点。"))
    was_written_off = point.state == RiskPointState.WRITTEN_OFF
    for name, value in values.items():
        if name in POINT_FIELDS:
            setattr(point, name, value)
    written_off = point.state == RiskPointState.WRITTEN_OFF
    if written_off != was_written_off and not may_write_off(actor):
        raise PermissionDenied(_("隐患点核销由安委办（应急局）办理。"))
    risk_point_check(actor=actor, point=point)
    point.save()
    _set_zones(point, point.zones.all() if zones is None else zones)
    return point


def _set_zones(point, zones):
    zones = list(zones)
    foreign = [z for z in zones if z.township_id != point.township_id]
    if foreign:
        names = "、".join(z.name for z in foreign)
        raise ValidationError(
            {"zones": _("风险区%(names)s不属于%(township)s。") % {"names": names, "township": point.township.name}}
        )
    point.zones.set(zones)


@transaction.atomic
def risk_zone_create(*, actor, **values):
    zone = RiskZone(**{k: v for k, v in values.items() if k in ZONE_FIELDS})
    if not may_keep_point(actor, zone.township if zone.township_id else None):
        raise PermissionDenied(_("您只能登记本乡镇（街道）的风险区。"))
    zone.full_clean()
    zone.save()
    return zone


@transaction.atomic
def risk_zone_update(*, actor, zone, **values):
    zone = RiskZone.objects.select_for_update().get(pk=zone.pk)
    if not may_keep_point(actor, zone.township):
        raise PermissionDenied(_("您只能修改本乡镇（街道）的风险区。"))
    for name, value in values.items():
        if name in ZONE_FIELDS:
            setattr(zone, name, value)
    zone.full_clean()
    if zone.points.exclude(township_id=zone.township_id).exists():
        raise ValidationError(
            {"township": _("风险区内已有其他乡镇（街道）的隐患点，不能改到%(t)s。") % {"t": zone.township.name}}
        )
    zone.save()
    return zone
