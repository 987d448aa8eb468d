"""Demo 应急避难场所 and 物资储备库, written through the disasters services (with history). Deterministic, and
loaded with or without the demo work, so the tests have them.

Most townships get one shelter covering most of their villages, a few none: the coverage figure is high but
not 100 %. One supply item is below its line.
"""

from decimal import Decimal

from core.choices import OrgUnitKind
from core.models import OrgUnit, User
from demo.disasters import township_centre
from disasters import shelter_services, supply_services
from disasters.models import Depot, Shelter, SupplyItem
from disasters.models.shelters import ShelterKind

# Townships (by sort order, from 0) without a shelter yet, and those whose last village is not covered.
WITHOUT_SHELTER = {20, 25}
KINDS = [ShelterKind.FIXED, ShelterKind.EMERGENCY]
# (name, owner unit: department short name or township name, address, (longitude, latitude), manager, phone)
DEPOTS = [
    ("县应急物资储备库（演示）", "应急局", "工业园区物流路8号", ("107.3521", "30.3184"), "李保管", "13800001001"),
    ("桂溪街道应急物资储备点（演示）", "桂溪街道", "东街12号", ("107.3456", "30.3312"), "王储备", "13800001002"),
    ("沙坪镇应急物资储备点（演示）", "沙坪镇", "场镇建设路3号", ("107.4308", "30.2305"), "赵库管", "13800001003"),
]
# (depot index, category, name, specification, unit, quantity, low-stock line)
ITEMS = [
    (0, "flood", "冲锋舟", "玻璃钢 6人", "艘", 6, 2),
    (0, "flood", "救生衣", "成人", "件", 300, 100),
    (0, "flood", "编织袋", "50×80cm", "条", 20000, 5000),
    (0, "relief", "帐篷", "12平方米单帐篷", "顶", 120, 40),
    (0, "relief", "折叠床", "单人", "床", 200, 50),
    (0, "relief", "棉被", "1.5×2m", "床", 400, 100),
    (0, "communication", "卫星电话", "天通一号", "部", 2, 5),  # below its line
    (0, "forest_fire", "风力灭火机", "6MF-30", "台", 40, 10),
    (0, "earthquake_geo", "发电机", "5kW 汽油", "台", 8, 2),
    (1, "flood", "编织袋", "50×80cm", "条", 3000, 1000),
    (1, "other", "强光手电", "", "个", 60, 20),
    (2, "forest_fire", "风力灭火机", "6MF-30", "台", 12, 4),
    (2, "relief", "帐篷", "12平方米单帐篷", "顶", 30, 10),
]


def _coordinates(index, count):
    """Beside the township's demo risk points (demo/disasters.py places each township in a cell of a grid)."""
    longitude, latitude = township_centre(index, count)
    return Decimal(f"{longitude + 0.012:.6f}"), Decimal(f"{latitude - 0.012:.6f}")


def load_shelters(loader):
    admin = User.objects.get(username="county_admin")
    townships = list(OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP).order_by("sort_order", "code"))
    for index, township in enumerate(townships):
        code = f"BN-{township.code[-3:]}-01"
        if index in WITHOUT_SHELTER or Shelter.objects.filter(code=code).exists():
            continue
        villages = list(OrgUnit.objects.filter(parent=township, kind=OrgUnitKind.VILLAGE).order_by("code"))
        covered = villages[:-1] if index % 3 == 0 and len(villages) > 1 else villages
        longitude, latitude = _coordinates(index, len(townships))
        shelter_services.shelter_create(
            actor=admin,
            code=code,
            name=f"{township.name}应急避难场所（演示）",
            kind=ShelterKind.CENTRAL if index == 0 else KINDS[index % 2],
            township=township,
            village=villages[0] if villages else None,
            address=f"{township.name}场镇中心广场",
            longitude=longitude,
            latitude=latitude,
            capacity=500 + 100 * (index % 5),
            area_m2=Decimal(2000 + 250 * (index % 4)),
            manager_name="应急办值班员",
            manager_phone=f"1380000{index:04d}",
            covered_villages=covered,
        )
        loader.counter["created"] += 1
    _depots(loader, admin)


def _depots(loader, admin):
    depots = []
    for name, owner, address, (longitude, latitude), manager, phone in DEPOTS:
        depot = Depot.objects.filter(name=name).first()
        if depot is None:
            depot = supply_services.depot_create(
                actor=admin,
                name=name,
                owner_unit=loader.unit(owner),
                address=address,
                longitude=Decimal(longitude),
                latitude=Decimal(latitude),
                manager_name=manager,
                manager_phone=phone,
            )
            loader.counter["created"] += 1
        depots.append(depot)
    for depot_index, category, name, specification, unit, quantity, line in ITEMS:
        depot = depots[depot_index]
        if SupplyItem.objects.filter(depot=depot, name=name, specification=specification).exists():
            continue
        supply_services.supply_item_create(
            actor=admin,
            depot=depot,
            category=category,
            name=name,
            specification=specification,
            unit_of_measure=unit,
            low_stock_line=Decimal(line),
            initial_quantity=Decimal(quantity),
        )
        loader.counter["created"] += 1
