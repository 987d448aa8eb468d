"""Demo public boards: the four responsible persons of every demo enterprise and two major-risk boards, written
through the board services (with history). All names and phone numbers are invented."""

import datetime

from core.models import Enterprise, User
from responsibilities.board_services import major_risk_create, responsible_person_set
from responsibilities.models import MajorRisk, ResponsiblePerson

SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建华", "晓梅", "国强", "丽娟", "志勇", "海燕", "文军", "春兰", "明辉", "雪梅", "德明", "秀英"]
SINCE = datetime.date(2024, 1, 1)

RISKS = [
    (
        "液化气站",
        "液化石油气储罐区",
        "储罐、装卸区液化石油气泄漏，遇点火源引发火灾、爆炸",
        "red",
        "1. 储罐区可燃气体报警与紧急切断联锁，每日检查；\n2. 装卸作业双人操作、全程监护；\n"
        "3. 严禁烟火，进入罐区交出火种；\n4. 每月开展一次泄漏处置演练。",
    ),
    (
        "加油站",
        "加油站卸油区",
        "卸油时油气挥发聚集，静电或明火引发火灾",
        "orange",
        "1. 卸油前静电接地、静置15分钟；\n2. 卸油全程专人监护，配足灭火器材；\n3. 油气回收装置每季度检测。",
    ),
]


def _name(serial, role_index):
    return SURNAMES[(serial * 3 + role_index) % len(SURNAMES)] + GIVEN[(serial + role_index * 5) % len(GIVEN)]


def _phone(serial, role_index):
    return f"1390{serial:04d}{role_index:03d}"


def _posts(enterprise):
    department = enterprise.supervising_department.short_name if enterprise.supervising_department else "行业主管部门"
    return [
        ("administrative", f"{enterprise.township.name}副镇长（街道办事处副主任）"),
        ("industry", f"县{department}安全监管股股长"),
        ("professional", f"县{department}执法大队队员"),
        ("enterprise", "总经理（主要负责人）"),
    ]


def load_boards(loader):
    admin = User.objects.get(username="county_admin")
    enterprises = Enterprise.objects.filter(is_demo=True).select_related("township", "supervising_department")
    current = set(ResponsiblePerson.objects.current().values_list("enterprise_id", "role"))
    for serial, enterprise in enumerate(enterprises.order_by("credit_code"), 1):
        for index, (role, post) in enumerate(_posts(enterprise)):
            if (enterprise.pk, role) in current:
                continue
            responsible_person_set(
                actor=admin,
                enterprise=enterprise,
                role=role,
                name=_name(serial, index),
                post=post,
                phone=_phone(serial, index),
                since=SINCE,
            )
            loader.counter["created"] += 1
    _load_risks(admin, enterprises)


def _load_risks(admin, enterprises):
    for n, (stem, site, description, level, measures) in enumerate(RISKS):
        enterprise = enterprises.filter(name__contains=stem).order_by("credit_code").first()
        if MajorRisk.objects.filter(enterprise=enterprise, site=site).exists():
            continue
        major_risk_create(
            actor=admin,
            enterprise=enterprise,
            site=site,
            description=description,
            level=level,
            in_charge_name="刘安全",
            in_charge_phone=f"1380000{n}101",
            department_head_name="陈设备",
            department_head_phone=f"1380000{n}102",
            direct_name="周班长",
            direct_phone=f"1380000{n}103",
            measures=measures,
            is_public=True,
        )
