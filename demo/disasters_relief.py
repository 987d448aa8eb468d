"""Demo 救灾救助 (item 18): the 2024年7月暴雨洪涝 in 桂溪街道 and 沙坪镇 — eight households in three villages, what
each is owed and paid (one unpaid, one paid in part, one paid a second time with its reason), two damaged houses
(one rebuilt and lived in), tents dispatched from the county depot — and a small 风雹 in 沙坪镇 only. The relief
office is a group of 应急局 staff holding disasters.view_relief_identity. Written through the services; loading
again changes nothing. ID numbers are invented, with valid check digits."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group, Permission

from core.models import OrgUnit, User
from disasters import relief_services as services
from disasters.models import Depot, DisasterEvent, SupplyItem
from disasters.models.relief import DisasterKind, HouseDamage, ReconstructionPlan, ReconstructionStage, ReliefKind
from disasters.relief_identity import id_check_char

RELIEF_OFFICE_GROUP = "县应急局救灾科"
EVENT = "2024年7月暴雨洪涝（演示）"
EMERGENCY, TRANSITION = ReliefKind.EMERGENCY, ReliefKind.TRANSITION
JULY, AUTUMN = "2024年7月", "2024年8-10月"
D = datetime.date
# (village code, head, members, birth date + sequence (14 digits), card, entitlements [(kind, period, amount)],
#  payments [(kind, period, amount, paid_on, reason)])
HOUSEHOLDS = [
    (
        "500231001001",
        "张德明",
        3,
        "19620314021",
        "6217995310001234",
        [(EMERGENCY, JULY, 2000)],
        [(EMERGENCY, JULY, 1500, D(2024, 7, 20), ""), (EMERGENCY, JULY, 500, D(2024, 8, 2), "核增受灾人口后补发差额")],
    ),
    (
        "500231001001",
        "李秀英",
        2,
        "19580921042",
        "6217995310002345",
        [(EMERGENCY, JULY, 1000)],
        [(EMERGENCY, JULY, 1000, D(2024, 7, 20), "")],
    ),
    (
        "500231001001",
        "王建国",
        4,
        "19700105013",
        "6217995310003456",
        [(EMERGENCY, JULY, 2000), (TRANSITION, AUTUMN, 3600)],
        [(EMERGENCY, JULY, 2000, D(2024, 7, 20), ""), (TRANSITION, AUTUMN, 3600, D(2024, 8, 15), "")],
    ),
    (
        "500231001002",
        "刘桂兰",
        1,
        "19450612026",
        "",
        [(EMERGENCY, JULY, 800)],
        [(EMERGENCY, JULY, 800, D(2024, 7, 21), "")],
    ),
    (
        "500231001002",
        "陈志强",
        5,
        "19801130037",
        "6217995310005678",
        [(EMERGENCY, JULY, 2500)],
        [(EMERGENCY, JULY, 2500, D(2024, 7, 21), "")],
    ),
    ("500231001002", "赵玉梅", 3, "19751208048", "6217995310006789", [(EMERGENCY, JULY, 1500)], []),
    (
        "500231102201",
        "周大福",
        4,
        "19660415059",
        "6217995310007890",
        [(EMERGENCY, JULY, 2000), (TRANSITION, AUTUMN, 3600)],
        [(EMERGENCY, JULY, 2000, D(2024, 7, 22), "")],
    ),
    (
        "500231102201",
        "吴春花",
        2,
        "19820722064",
        "6217995310008901",
        [(EMERGENCY, JULY, 1000)],
        [(EMERGENCY, JULY, 500, D(2024, 7, 22), "")],
    ),
]
# head -> (damage, plan, [(stage, date, note)])
HOUSES = {
    "王建国": (
        HouseDamage.COLLAPSED,
        ReconstructionPlan.REBUILD,
        [
            (ReconstructionStage.BUILDING, D(2024, 9, 1), "原址重建开工"),
            (ReconstructionStage.STRUCTURE_DONE, D(2024, 11, 20), "主体封顶"),
            (ReconstructionStage.COMPLETED, D(2025, 1, 18), "验收合格，春节前入住"),
        ],
    ),
    "周大福": (
        HouseDamage.SEVERE,
        ReconstructionPlan.REPAIR,
        [
            (ReconstructionStage.BUILDING, D(2024, 9, 10), "加固维修"),
        ],
    ),
}


def id_number(birth_and_sequence):
    first17 = "500231" + birth_and_sequence
    return first17 + id_check_char(first17)


def load_relief(loader):
    _relief_office()
    if DisasterEvent.objects.filter(name=EVENT).exists():
        return
    admin = User.objects.get(username="county_admin")
    event = services.disaster_event_create(
        actor=admin,
        name=EVENT,
        kind=DisasterKind.FLOOD,
        started_on=D(2024, 7, 11),
        ended_on=D(2024, 7, 14),
        description="7月11日至14日持续强降雨，桂溪街道东街、南街社区和沙坪镇前进村房屋进水、部分倒损。（演示数据）",
        townships=[loader.unit("桂溪街道"), loader.unit("沙坪镇")],
        villages=list(OrgUnit.objects.filter(code__in=["500231001001", "500231001002", "500231102201"])),
    )
    households = {}
    for n, (village, head, members, birth, card, owed, paid) in enumerate(HOUSEHOLDS):
        household = services.relief_household_create(
            actor=admin,
            event=event,
            village=OrgUnit.objects.get(code=village),
            head_name=head,
            member_count=members,
            id_number=id_number(birth),
            bank_card=card,
            phone=f"1390000{n:04d}",
        )
        households[head] = household
        for kind, period, amount in owed:
            services.relief_entitlement_create(
                actor=admin, household=household, kind=kind, period=period, amount=amount
            )
        for m, (kind, period, amount, on, reason) in enumerate(paid):
            services.relief_payment_create(
                actor=admin,
                household=household,
                kind=kind,
                period=period,
                amount=Decimal(amount),
                paid_on=on,
                transfer_reference=f"YKT2024{n:02d}{m:02d}{on:%m%d}",
                reason=reason,
            )
        loader.counter["created"] += 1
    _houses(admin, households)
    _dispatch(admin, event)
    services.disaster_event_create(
        actor=admin,
        name="2024年8月风雹（演示）",
        kind=DisasterKind.WIND_HAIL,
        started_on=D(2024, 8, 3),
        ended_on=D(2024, 8, 3),
        description="沙坪镇局地冰雹大风，农作物和少量房屋受损。（演示数据）",
        townships=[loader.unit("沙坪镇")],
    )


def _houses(admin, households):
    for head, (damage, plan, steps) in HOUSES.items():
        house = services.house_reconstruction_create(
            actor=admin, household=households[head], damage=damage, plan=plan, on=D(2024, 7, 25)
        )
        for stage, on, note in steps:
            house = services.reconstruction_advance(actor=admin, reconstruction=house, to=stage, on=on, note=note)


def _dispatch(admin, event):
    depot = Depot.objects.filter(name="县应急物资储备库（演示）").first()
    tents = SupplyItem.objects.filter(depot=depot, name="帐篷").first()
    if tents is None:
        return
    services.relief_dispatch_create(
        actor=admin,
        event=event,
        village=OrgUnit.objects.get(code="500231102201"),
        item=tents,
        quantity=Decimal(10),
        dispatched_on=D(2024, 7, 12),
        receiver="前进村村委会",
    )


def _relief_office():
    group, _created = Group.objects.get_or_create(name=RELIEF_OFFICE_GROUP)
    group.permissions.add(Permission.objects.get(codename="view_relief_identity", content_type__app_label="disasters"))
    for user in User.objects.filter(username__in=["yjj_head", "yjj_staff"]):
        user.groups.add(group)
