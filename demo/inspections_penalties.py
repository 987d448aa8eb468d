"""Demo penalties (行政处罚) of May 2024, written through the penalty services: 应急局 fines a chemical plant and
its principal in one case (一案双罚) and a filling station; 交通局 fines two transport companies. Each is linked to
a demo inspection of that department and enterprise when one exists (inspections are loaded by their own demo
module), and recorded without one otherwise.

Loaded only with the demo's work records: the tests count penalties and make their own.
"""

import datetime
from decimal import Decimal

from core.models import Enterprise, User
from inspections import penalty_services as services
from inspections.models import Inspection, Penalty

SAFETY_LAW = "《中华人民共和国安全生产法》"
ROAD_RULES = "《中华人民共和国道路运输条例》"

# (actor, department, demo enterprise (sector, name stem), decision number, day of May, basis,
#  violation, amount, the principal's (name, post, decision number, amount) for 一案双罚 or None)
PENALTIES = [
    (
        "yjj_staff",
        "应急局",
        ("hazardous_chemicals", "化工"),
        "垫应急罚〔2024〕15号",
        14,
        SAFETY_LAW + "第一百零一条、第九十四条",
        "未建立安全风险分级管控制度，未如实记录隐患排查治理情况（演示）",
        "30000",
        ("陈建国", "总经理", "垫应急罚〔2024〕16号", "6000"),
    ),
    (
        "yjj_staff",
        "应急局",
        ("hazardous_chemicals", "加油站"),
        "垫应急罚〔2024〕18号",
        22,
        SAFETY_LAW + "第九十九条",
        "油罐区可燃气体报警装置失效未及时维修（演示）",
        "8000",
        None,
    ),
    (
        "jtj_head",
        "交通局",
        ("road_traffic", "客运"),
        "垫交罚〔2024〕7号",
        9,
        ROAD_RULES + "第七十条",
        "客运车辆未按规定进行安全技术检验（演示）",
        "5000",
        None,
    ),
    (
        "jtj_head",
        "交通局",
        ("road_traffic", "物流"),
        "垫交罚〔2024〕9号",
        27,
        ROAD_RULES + "第六十八条",
        "货运车辆动态监控装置不能正常使用（演示）",
        "2000",
        None,
    ),
]


def load_penalties(loader):
    numbers = [row[3] for row in PENALTIES]
    if Penalty.objects.filter(decision_number__in=numbers).exists():
        return
    users = {u.username: u for u in User.objects.filter(username__in={row[0] for row in PENALTIES})}
    for actor, dept, (sector, stem), number, day, basis, violation, amount, person in PENALTIES:
        department = loader.unit(dept)
        firms = Enterprise.objects.filter(is_demo=True, sector=sector, name__contains=stem)
        enterprise = firms.order_by("credit_code").first()
        decided_on = datetime.date(2024, 5, day)
        arguments = {
            "actor": users[actor],
            "department": department,
            "enterprise": enterprise,
            "decision_number": number,
            "decided_on": decided_on,
            "legal_basis": basis,
            "violation": violation,
            "inspection": _inspection(department, enterprise, decided_on),
        }
        if person is None:
            created = services.penalty_record(amount=Decimal(amount), **arguments)
        else:
            name, post, person_number, person_amount = person
            created = services.penalty_record_double(
                enterprise_amount=Decimal(amount),
                person_name=name,
                person_post=post,
                person_decision_number=person_number,
                person_amount=Decimal(person_amount),
                **arguments,
            )
        loader.counter["created"] += len(created)


def _inspection(department, enterprise, decided_on):
    """The department's latest inspection of the enterprise on or before the decision, if the demo has one."""
    return (
        Inspection.objects.filter(department=department, enterprise=enterprise, inspected_on__lte=decided_on)
        .order_by("-inspected_on", "-pk")
        .first()
    )
