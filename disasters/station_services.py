"""Registering monitoring stations (监测站点), receiving their readings, and the offline sweep.

A reading comes from the system that owns the device, through the API, with the account the county office gave
that system (township or department staff). (station, measured_at) is unique, so a reading sent twice is kept
once; a new reading puts the station online (or faulty, when the device says so). The sweep claims each silent
station with a conditional UPDATE, so two sweeps running at once mark it, and tell its unit, once.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.choices import OrgUnitKind
from core.models import Membership
from disasters.models import MonitoringStation, StationReading
from disasters.models.stations import REPORTED_STATES, StationState
from disasters.permissions import DEPARTMENT_ROLES, TOWNSHIP_ROLES, may_keep_point

OFFLINE_SOURCE = "station_offline"
STATION_FIELDS = (
    "code",
    "name",
    "kind",
    "township",
    "village",
    "risk_point",
    "site",
    "longitude",
    "latitude",
    "owner_unit",
    "source_system",
    "external_id",
    "is_active",
    "note",
)


def may_keep_station(user, station):
    """The station's township, its owner department or the county office register it and post its readings."""
    owner = station.owner_unit if station.owner_unit_id else None
    department = owner if owner is not None and owner.kind == OrgUnitKind.DEPARTMENT else None
    township = station.township if station.township_id else None
    return may_keep_point(user, township, department)


def _check(actor, station):
    if not may_keep_station(actor, station):
        raise PermissionDenied(_("您只能登记和修改本乡镇（街道）或本部门负责的监测站点。"))
    station.full_clean()


@transaction.atomic
def station_create(*, actor, **values):
    station = MonitoringStation(**{k: v for k, v in values.items() if k in STATION_FIELDS}, registered_by=actor)
    _check(actor, station)
    station.save()
    return station


@transaction.atomic
def station_update(*, actor, station, **values):
    station = MonitoringStation.objects.select_for_update(of=("self",)).get(pk=station.pk)
    if not may_keep_station(actor, station):
        raise PermissionDenied(_("您只能登记和修改本乡镇（街道）或本部门负责的监测站点。"))
    for name, value in values.items():
        if name in STATION_FIELDS:
            setattr(station, name, value)
    _check(actor, station)
    station.save()
    return station


def _check_reading(measured_at, state, now):
    errors = {}
    if measured_at is None:
        errors["measured_at"] = _("请填写监测时间。")
    elif measured_at > now + timedelta(minutes=settings.STATION_CLOCK_SKEW_MINUTES):
        errors["measured_at"] = _("监测时间%(t)s晚于当前时间，请核对设备时钟。") % {
            "t": timezone.localtime(measured_at).strftime("%Y-%m-%d %H:%M:%S")
        }
    if state and state not in REPORTED_STATES:
        errors["state"] = _("上报状态只能是“在线”或“故障”；离线由平台根据无数据时长判定。")
    if errors:
        raise ValidationError(errors)


def station_reading_record(*, actor, station, measured_at, value=None, unit="", state="", raw=None, now=None):
    """Keep a reading; returns (reading, created). The same measured_at again returns the reading kept the first
    time (created False) and changes nothing."""
    now = now or timezone.now()
    if not may_keep_station(actor, station):
        raise PermissionDenied(_("您只能上报本乡镇（街道）或本部门负责的监测站点的数据。"))
    _check_reading(measured_at, state, now)
    existing = StationReading.objects.filter(station=station, measured_at=measured_at).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            reading = StationReading.objects.create(
                station=station,
                measured_at=measured_at,
                value=value,
                unit=unit or "",
                state=state or "",
                raw=raw or {},
                received_at=now,
                received_by=actor,
            )
            _apply(station, reading, now)
    except IntegrityError:  # the same reading, sent twice at once: the other request kept it
        return StationReading.objects.get(station=station, measured_at=measured_at), False
    return reading, True


def _apply(station, reading, now):
    """The newest reading sets the station's last value; an older one arriving late is only kept. The state
    follows a recent reading only: a backlog the device uploads after a long silence is not a sign of life that
    would end the offline episode (and start another at the next sweep)."""
    station = MonitoringStation.objects.select_for_update(of=("self",)).get(pk=station.pk)
    if station.last_reading_at is not None and station.last_reading_at > reading.measured_at:
        return
    station.last_reading_at = reading.measured_at
    if reading.value is not None:
        station.last_value = reading.value
        station.last_unit = reading.unit
    if reading.measured_at >= now - timedelta(minutes=settings.STATION_OFFLINE_MINUTES):
        station.state = reading.state or StationState.ONLINE
        station.offline_since = None
    station.save(update_fields=["last_reading_at", "last_value", "last_unit", "state", "offline_since", "updated_at"])


def stations_silent(*, now=None):
    """Active stations not yet offline whose last reading (or registration, if none came) is older than
    STATION_OFFLINE_MINUTES."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.STATION_OFFLINE_MINUTES)
    return (
        MonitoringStation.objects.filter(is_active=True)
        .exclude(state=StationState.OFFLINE)
        .alias(seen=Coalesce("last_reading_at", "created_at"))
        .filter(seen__lt=cutoff)
    )


def stations_mark_offline(*, now=None):
    """Mark the silent stations offline and tell each one's responsible unit; returns the stations marked."""
    now = now or timezone.now()
    marked = []
    for pk in stations_silent(now=now).order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            station = _claim(pk, now)
            if station is not None:
                _tell_unit(station)
                marked.append(station)
    return marked


def _claim(pk, now):
    # Conditional: a reading that arrived meanwhile, or another sweep, leaves nothing to claim.
    claimed = (
        stations_silent(now=now).filter(pk=pk).update(state=StationState.OFFLINE, offline_since=now, updated_at=now)
    )
    if not claimed:
        return None
    return MonitoringStation.objects.select_related("township", "owner_unit").get(pk=pk)


def _recipients(unit):
    roles = TOWNSHIP_ROLES if unit.kind == OrgUnitKind.TOWNSHIP else DEPARTMENT_ROLES
    return list(
        Membership.objects.filter(unit=unit, role__in=roles, user__is_active=True).values_list("user_id", flat=True)
    )


def _tell_unit(station):
    """One message per offline episode: the ledger's key is the station, the day and the minute it went
    offline, so a sweep run twice sends nothing more, and a station offline again later is told again."""
    from notifications.outbox import notify_once

    since = timezone.localtime(station.offline_since)
    last = (
        timezone.localtime(station.last_reading_at).strftime("%Y-%m-%d %H:%M")
        if station.last_reading_at
        else _("从未收到数据")
    )
    return notify_once(
        source=OFFLINE_SOURCE,
        object_id=station.pk,
        deadline=since.date(),
        step=since.hour * 60 + since.minute,
        user_ids=_recipients(station.responsible_unit),
        title=_("【监测站点离线】%(s)s（%(t)s）") % {"s": station, "t": station.township.name},
        body=_("超过%(n)d分钟未收到数据（最近数据：%(last)s），请尽快核查设备供电、通信和运行情况。")
        % {"n": settings.STATION_OFFLINE_MINUTES, "last": last},
        url=reverse("disasters:station-detail", args=[station.pk]),
    )
