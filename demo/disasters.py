"""Demo risk points and zones: three to five per township, invented, placed on a grid over the county so the
map has something to draw. Names end in （演示）."""

import datetime
import random
from decimal import Decimal

from core.choices import OrgUnitKind
from core.loading import upsert
from core.models import OrgUnit
from disasters.choices import RiskKind, RiskPointState, RiskZoneLevel
from disasters.models import RiskPoint, RiskZone

# Inside 垫江县's extent (about 107.22–107.69 E, 29.64–30.52 N), where the townships' demo points are spread.
WEST, SOUTH, EAST, NORTH = 107.26, 29.70, 107.64, 30.46
COLUMNS = 5
KINDS = [
    RiskKind.LANDSLIDE,
    RiskKind.LANDSLIDE,
    RiskKind.COLLAPSE,
    RiskKind.DANGEROUS_ROCK,
    RiskKind.DEBRIS_FLOW,
    RiskKind.WATERLOGGING,
    RiskKind.FLASH_FLOOD,
    RiskKind.FOREST_FIRE,
]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗"
DEPARTMENT_OF_KIND = {
    RiskKind.WATERLOGGING: "城市管理局",
    RiskKind.FLASH_FLOOD: "水利局",
    RiskKind.FOREST_FIRE: "林业局",
}


def _cell_centre(index, rows):
    column, row = index % COLUMNS, index // COLUMNS
    lon = WEST + (EAST - WEST) * (column + 0.5) / COLUMNS
    lat = NORTH - (NORTH - SOUTH) * (row + 0.5) / rows
    return lon, lat


def township_centre(index, count):
    """Where the demo puts the township at `index` of `count` (by sort order): the centre of its grid cell."""
    return _cell_centre(index, -(-count // COLUMNS))


def _departments(loader):
    names = {*DEPARTMENT_OF_KIND.values(), "规划自然资源局"}
    return {name: loader.unit(name) for name in names}


def load_risk_points(loader):
    rng = random.Random(2024)
    townships = list(OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP).order_by("sort_order", "code"))
    villages = {}
    for village in OrgUnit.objects.filter(kind=OrgUnitKind.VILLAGE).order_by("code"):
        villages.setdefault(village.parent_id, []).append(village)
    departments = _departments(loader)
    rows = -(-len(townships) // COLUMNS)
    serial = 0
    for index, township in enumerate(townships):
        lon, lat = _cell_centre(index, rows)
        zone = _zone(loader, township, index)
        for n in range(3 + index % 3):
            serial += 1
            kind = KINDS[(index + n) % len(KINDS)]
            point = _point(loader, rng, township, villages.get(township.pk, []), kind, serial, n, lon, lat, departments)
            if n < 2 and zone is not None:
                point.zones.add(zone)


def _zone(loader, township, index):
    if index % 2:
        return None
    return upsert(
        RiskZone,
        lookup={"code": f"FXQ-{township.code[-3:]}-01"},
        counter=loader.counter,
        values={
            "name": f"{township.name}风险区（演示）",
            "township": township,
            "level": RiskZoneLevel.HIGH if index % 4 == 0 else RiskZoneLevel.MEDIUM,
            "households": 20 + index,
            "people": 60 + 3 * index,
        },
    )


def _point(loader, rng, township, villages, kind, serial, n, lon, lat, departments):
    # 40 of the points got 技防 in 2024 (target 64), three were governed in 2024 (target 5): partial progress.
    monitored = serial % 2 == 0 and serial <= 80
    governed = serial in (7, 29, 51)
    state = RiskPointState.GOVERNED if governed else RiskPointState.MONITORING
    if serial % 17 == 0:
        state = RiskPointState.ENGINEERING
    village = villages[(n * 3) % len(villages)] if villages else None
    surname = SURNAMES[serial % len(SURNAMES)]
    return upsert(
        RiskPoint,
        lookup={"code": f"{township.code}{n + 1:03d}"},
        counter=loader.counter,
        values={
            "name": f"{(village.name if village else township.name)[:6]}{kind.label}（演示）",
            "kind": kind,
            "township": township,
            "village": village,
            "supervising_department": departments[DEPARTMENT_OF_KIND.get(kind, "规划自然资源局")],
            "longitude": Decimal(f"{lon + rng.uniform(-0.03, 0.03):.6f}"),
            "latitude": Decimal(f"{lat + rng.uniform(-0.025, 0.025):.6f}"),
            "households": rng.randint(2, 30),
            "people": rng.randint(5, 120),
            "property_value": Decimal(rng.randint(10, 500)),
            "monitor_name": f"{surname}群防（演示）",
            "monitor_phone": f"1390000{serial:04d}",
            "responsible_person": f"{surname}主任（演示）",
            "has_monitoring": monitored,
            "monitoring_installed_on": datetime.date(2024, 3 + serial % 8, 1 + serial % 27) if monitored else None,
            "state": state,
            "governed_on": datetime.date(2024, 10, 15) if governed else None,
        },
    )
