"""Demo leaders, their 2024 duty lists and the departments' sector supervision, written through the services.

Loaded with and without the demo work (the tests use them). One sector (小散工程和零星作业) is left without a
supervising department on purpose, so the sector map shows a blind spot (监管盲区).
"""

from core.models import User
from responsibilities import duty_services as services
from responsibilities.models import DutyList, DutyListKind, Leader

YEAR = 2024

# (name, post, account or None, sort order)
LEADERS = [
    ("张明（演示）", "县长", "county_leader", 1),
    ("李华（演示）", "分管安全生产副县长", None, 2),
]

# leader name -> [(kind, [(duty text, work item numbers, key action numbers)])]
LISTS = {
    "张明（演示）": [
        (
            DutyListKind.LEADER,
            [
                ("全面领导本县安全生产工作，定期主持召开县政府常务会议研究安全生产重大问题。", [1], []),
                ("督促落实安全生产责任制，组织开展安全生产考核巡查。", [2], []),
            ],
        )
    ],
    "李华（演示）": [
        (
            DutyListKind.LEADER,
            [
                ("协助县长负责安全生产工作，统筹推进安全生产治本攻坚三年行动。", [9], [1]),
                ("分管应急管理、消防救援工作，组织重大事故隐患排查整治。", [12], []),
            ],
        ),
        (DutyListKind.ANNUAL_TASKS, [("牵头完成年度防汛抗旱和森林防灭火重点任务。", [], [])]),
    ],
}

# sector -> (department short name, duty text); small_works is left out on purpose: the blind spot.
SUPERVISION = {
    "road_traffic": ("交通局", "负责道路运输、公路水路工程建设安全监管。"),
    "construction": ("住建委", "负责房屋建筑和市政基础设施工程施工安全监管。"),
    "fire": ("消防救援", "负责消防安全综合监管和火灾防控。"),
    "hazardous_chemicals": ("应急局", "负责危险化学品生产、经营企业安全监管。"),
    "gas": ("城市管理局", "负责城镇燃气行业安全监管。"),
    "dangerous_work": ("应急局", "负责工贸企业有限空间、动火等危险作业安全监管。"),
    "special_equipment": ("市场监管局", "负责特种设备安全监察。"),
    "mining": ("规划自然资源局", "负责非煤矿山资源开采秩序监管。"),
    "industry_trade": ("经信委", "负责工业企业行业安全管理。"),
    "natural_disaster": ("应急局", "负责自然灾害防治综合协调。"),
    "other": ("应急局", "负责其他行业领域安全生产综合监管。"),
}


def load_duties(loader):
    from tasks.models import KeyAction, WorkItem

    admin = User.objects.get(username="county_admin")
    county = loader.unit("500231")
    for sector, (short, text) in SUPERVISION.items():
        services.sector_supervision_set(actor=admin, sector=sector, department=loader.unit(short), duty_text=text)
    for name, post, username, order in LEADERS:
        leader, _ = Leader.objects.update_or_create(
            unit=county,
            name=name,
            post=post,
            defaults={"user": User.objects.filter(username=username).first(), "sort_order": order},
        )
        for kind, duties in LISTS[name]:
            if DutyList.objects.filter(leader=leader, year=YEAR, kind=kind).exists():
                continue
            duty_list = services.duty_list_create(actor=admin, leader=leader, year=YEAR, kind=kind)
            for text, items, actions in duties:
                services.duty_add(
                    actor=admin,
                    duty_list=duty_list,
                    text=text,
                    work_items=WorkItem.objects.filter(plan__year=YEAR, number__in=items),
                    key_actions=KeyAction.objects.filter(plan__year=YEAR, number__in=actions),
                )
            loader.counter["created"] += 1
