"""Demo rescue teams (专、常、群), emergency plans and 2024 drills, written through the readiness services.

Loaded with and without the demo work (the tests use them). One plan is past its revision date whatever the day;
the others' dates are counted back from today so they stay current.
"""

import datetime

from django.utils import timezone

from core.models import User
from disasters import readiness_services as services
from disasters.models import Drill, EmergencyPlan, RescueTeam

D = datetime.date

# (name, kind, owner, specialities, leader, leader phone, duty phone, base,
#  members: [(name, post, phone, certificates, joined, left or None)], equipment: [(name, spec, qty, unit)])
TEAMS = [
    (
        "垫江县综合应急救援大队（演示）",
        "professional",
        "应急局",
        ["general", "flood", "forest_fire", "geohazard", "water_rescue"],
        "刘建国",
        "13900000101",
        "023-74600119",
        "桂溪街道演示路1号",
        [
            ("刘建国", "大队长", "13900000101", "应急救援员（三级）", D(2021, 3, 1), None),
            ("陈志强", "副大队长", "13900000102", "水域救援技术员", D(2021, 3, 1), None),
            ("王磊", "队员", "13900000103", "森林消防员", D(2022, 4, 15), None),
            ("赵勇", "队员", "13900000104", "潜水员证", D(2022, 4, 15), None),
            ("黄涛", "通信员", "13900000105", "无线电操作证", D(2023, 6, 1), None),
            ("周明", "队员", "13900000106", "", D(2021, 3, 1), D(2024, 2, 29)),
        ],
        [
            ("冲锋舟", "HLD-470 带40马力船外机", 4, "艘"),
            ("救生衣", "成人型", 60, "件"),
            ("风力灭火机", "6MF-30", 20, "台"),
            ("卫星电话", "天通一号", 3, "部"),
            ("无人机", "多旋翼，带热成像", 2, "架"),
        ],
    ),
    (
        "桂溪街道综合应急救援队（演示）",
        "standing",
        "桂溪街道",
        ["general", "flood", "forest_fire"],
        "李海",
        "13900000201",
        "023-74610001",
        "桂溪街道办事处",
        [
            ("李海", "队长", "13900000201", "", D(2022, 5, 1), None),
            ("孙伟", "队员", "13900000202", "", D(2022, 5, 1), None),
            ("吴刚", "队员", "13900000203", "", D(2023, 5, 1), None),
            ("郑芳", "卫生员", "13900000204", "红十字救护员证", D(2023, 5, 1), None),
        ],
        [
            ("抽水泵", "柴油 4寸", 3, "台"),
            ("发电机", "5kW", 2, "台"),
            ("铁锹", "", 40, "把"),
        ],
    ),
    (
        "沙坪镇群众义务抢险队（演示）",
        "volunteer",
        "沙坪镇",
        ["flood", "geohazard"],
        "张德明",
        "13900000301",
        "",
        "沙坪镇演示村村委会",
        [
            ("张德明", "队长", "13900000301", "", D(2023, 4, 1), None),
            ("何春生", "队员", "13900000302", "", D(2023, 4, 1), None),
            ("罗小兵", "队员", "13900000303", "", D(2024, 3, 1), None),
        ],
        [("铜锣", "", 6, "面"), ("手持扩音器", "", 4, "个")],
    ),
]


def _plans(today):
    # (title, level, owner, incident kinds, document number, approved on, revised on)
    return [
        (
            "垫江县突发事件总体应急预案（演示）",
            "county_general",
            "应急局",
            ["natural_disaster", "production_safety"],
            "垫江府发〔演示〕1号",
            today - datetime.timedelta(days=400),
            None,
        ),
        (
            "垫江县防汛抗旱应急预案（演示）",
            "special",
            "应急局",
            ["flood", "weather"],
            "垫江府办发〔演示〕2号",
            D(2021, 4, 20),
            today - datetime.timedelta(days=200),
        ),
        # Approved in 2020 and never revised: past its revision date, so the list flags it.
        (
            "桂溪街道地质灾害应急预案（演示）",
            "township",
            "桂溪街道",
            ["geohazard"],
            "桂溪街道发〔演示〕3号",
            D(2020, 5, 20),
            None,
        ),
    ]


# (title, held on, kind, organiser, plan title or None, participating units, team names, participants,
#  scenario, findings, improvements)
DRILLS = [
    (
        "垫江县2024年防汛抢险综合应急演练（演示）",
        D(2024, 5, 22),
        "comprehensive",
        "应急局",
        "垫江县防汛抗旱应急预案（演示）",
        ["水利局", "消防救援", "桂溪街道"],
        ["垫江县综合应急救援大队（演示）", "桂溪街道综合应急救援队（演示）"],
        180,
        "强降雨致龙溪河水位超警，沿河低洼区域群众需转移，一名群众被困河心洲。",
        "预警信息传递到村组用时偏长；冲锋舟编组衔接不够顺畅。",
        "建立村组“叫应”直通名单；每季度开展一次水域救援编组训练。",
    ),
    (
        "桂溪街道地质灾害避险转移实战演练（演示）",
        D(2024, 6, 12),
        "live",
        "桂溪街道",
        "桂溪街道地质灾害应急预案（演示）",
        ["桂溪街道", "规划自然资源局"],
        ["桂溪街道综合应急救援队（演示）"],
        120,
        "滑坡隐患点出现裂缝加宽，群测群防员发现后按预案组织受威胁群众撤离。",
        "部分老人行动不便，转移路线有一处台阶无扶手。",
        "为行动不便群众落实一对一帮扶人；在转移路线加装扶手。",
    ),
    (
        "沙坪镇森林防灭火桌面推演（演示）",
        D(2024, 11, 8),
        "tabletop",
        "沙坪镇",
        None,
        ["沙坪镇", "林业局"],
        ["沙坪镇群众义务抢险队（演示）"],
        25,
        "秋冬季林区祭祀用火引发山火，火线向村庄蔓延。",
        "取水点位置不清楚。",
        "绘制林区取水点分布图并发到各村。",
    ),
]


def load_readiness(loader):
    admin = User.objects.get(username="county_admin")
    today = timezone.localdate()
    for name, kind, owner, specialities, leader, phone, duty, base, members, equipment in TEAMS:
        if RescueTeam.objects.filter(name=name).exists():
            continue
        team = services.rescue_team_create(
            actor=admin,
            name=name,
            kind=kind,
            owner_unit=loader.unit(owner),
            specialities=specialities,
            leader_name=leader,
            leader_phone=phone,
            on_duty_phone=duty,
            base_address=base,
        )
        for member_name, post, member_phone, certificates, joined, left in members:
            member = services.team_member_add(
                actor=admin,
                team=team,
                name=member_name,
                post=post,
                phone=member_phone,
                certificates=certificates,
                joined_on=joined,
            )
            if left:
                services.team_member_leave(actor=admin, member=member, left_on=left)
        for item, spec, quantity, measure in equipment:
            services.team_equipment_add(
                actor=admin, team=team, name=item, specification=spec, quantity=quantity, unit_of_measure=measure
            )
        loader.counter["created"] += 1
    for title, level, owner, kinds, number, approved, revised in _plans(today):
        if EmergencyPlan.objects.filter(title=title).exists():
            continue
        services.emergency_plan_create(
            actor=admin,
            title=title,
            level=level,
            owner_unit=loader.unit(owner),
            incident_kinds=kinds,
            document_number=number,
            approved_on=approved,
            revised_on=revised,
        )
        loader.counter["created"] += 1
    _drills(loader, admin)


def _drills(loader, admin):
    for title, held, kind, organiser, plan, units, teams, people, scenario, findings, improvements in DRILLS:
        if Drill.objects.filter(title=title).exists():
            continue
        services.drill_create(
            actor=admin,
            title=title,
            held_on=held,
            kind=kind,
            organiser=loader.unit(organiser),
            plan=EmergencyPlan.objects.get(title=plan) if plan else None,
            participating_units=[loader.unit(u) for u in units],
            teams=list(RescueTeam.objects.filter(name__in=teams)),
            participants=people,
            scenario=scenario,
            findings=findings,
            improvements=improvements,
        )
        loader.counter["created"] += 1
