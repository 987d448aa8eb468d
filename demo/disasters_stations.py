"""Demo 监测站点 (item 20): rain, water-level and video stations in 桂溪街道 and 沙坪镇, beside their demo risk
points, written through the disasters services. One is offline (its system stopped sending), one faulty; the
others got a reading when created. Loading again changes nothing."""

import datetime
from decimal import Decimal

from django.utils import timezone

from core.models import User
from disasters import station_services
from disasters.models import MonitoringStation, RiskPoint
from disasters.models.stations import StationKind, StationState

WATER = StationKind.WATER_LEVEL
SYSTEM = "垫江县山洪灾害监测预警系统（演示）"
# (code, name, kind, township, owner unit: department short name or None, site, reading (value, unit) or state)
STATIONS = [
    ("JC-GX-001", "桂溪东街雨量站（演示）", StationKind.RAIN, "桂溪街道", None, "东街社区", (Decimal("12.5"), "mm")),
    ("JC-GX-002", "桂溪河水位站（演示）", WATER, "桂溪街道", "水利局", "桂溪河大桥", (Decimal("2.36"), "m")),
    ("JC-GX-003", "桂溪滑坡视频点（演示）", StationKind.VIDEO, "桂溪街道", None, "", StationState.OFFLINE),
    ("JC-SP-001", "沙坪场镇雨量站（演示）", StationKind.RAIN, "沙坪镇", None, "场镇中心", (Decimal("3.0"), "mm")),
    ("JC-SP-002", "沙坪水库水位站（演示）", WATER, "沙坪镇", "水利局", "沙坪水库坝前", StationState.FAULTY),
]


def load_stations(loader):
    admin = User.objects.get(username="county_admin")
    now = timezone.now()
    for n, (code, name, kind, township_name, owner, site, reading) in enumerate(STATIONS):
        if MonitoringStation.objects.filter(code=code).exists():
            continue
        township = loader.unit(township_name)
        point = RiskPoint.objects.filter(township=township).order_by("code").first() if not site else None
        anchor = point or RiskPoint.objects.filter(township=township).order_by("code").first()
        station = station_services.station_create(
            actor=admin,
            code=code,
            name=name,
            kind=kind,
            township=township,
            risk_point=point,
            site=site,
            longitude=anchor.longitude + Decimal("0.002") * n if anchor else Decimal("107.35"),
            latitude=anchor.latitude if anchor else Decimal("30.33"),
            owner_unit=loader.unit(owner) if owner else None,
            source_system=SYSTEM,
            external_id=f"DEV{n + 1:04d}",
        )
        loader.counter["created"] += 1
        _first_reading(admin, station, reading, now - datetime.timedelta(minutes=10))


def _first_reading(admin, station, reading, at):
    if reading == StationState.OFFLINE:  # its last reading came yesterday; the sweep marked it offline
        station_services.station_reading_record(
            actor=admin, station=station, measured_at=at - datetime.timedelta(days=1), state=StationState.ONLINE
        )
        MonitoringStation.objects.filter(pk=station.pk).update(
            state=StationState.OFFLINE, offline_since=at - datetime.timedelta(hours=22)
        )
    elif reading == StationState.FAULTY:
        station_services.station_reading_record(actor=admin, station=station, measured_at=at, state=reading)
    else:
        value, unit = reading
        station_services.station_reading_record(actor=admin, station=station, measured_at=at, value=value, unit=unit)
