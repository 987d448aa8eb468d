"""Demo inspection plans (执法计划), written through the plan services: 应急局's May–June 2024 plan of the
危险化学品 enterprises (chosen by rule) and 交通局's third-quarter plan of its road transport firms (by hand).
Loaded with the demo work only; loading twice changes nothing."""

import datetime

from core.models import User
from inspections import plan_services as services
from inspections.models import InspectionPlan

D = datetime.date

# (department, title, start, end, focus, focus note, planned count, actor, rule or None (then every enterprise
#  of the sector, by hand), sector)
PLANS = [
    (
        "应急局",
        "2024年5—6月危险化学品安全执法检查计划（演示）",
        D(2024, 5, 1),
        D(2024, 6, 30),
        "major_risk",
        "危险化学品企业重大危险源管控、特殊作业（动火、受限空间）安全管理",
        8,
        "yjj_head",
        {"sectors": ["hazardous_chemicals"], "not_visited_months": 6},
        "hazardous_chemicals",
    ),
    (
        "交通局",
        "2024年第三季度道路运输安全执法检查计划（演示）",
        D(2024, 7, 1),
        D(2024, 9, 30),
        "campaign",
        "道路运输企业“两客一危”车辆动态监控、驾驶员管理专项整治",
        6,
        "jtj_head",
        None,
        "road_traffic",
    ),
]


def load_plans(loader):
    for department_key, title, start, end, focus, note, count, username, rule, sector in PLANS:
        department = loader.unit(department_key)
        actor = User.objects.get(username=username)
        values = {"title": title, "starts_on": start, "ends_on": end, "focus": focus, "focus_note": note}
        values["planned_count"] = count
        plan = InspectionPlan.objects.filter(department=department, title=title).first()
        if plan is not None:
            loader.counter["unchanged"] += 1  # kept as it is: a user may have changed the demo plan
            continue
        plan = services.plan_create(actor=actor, department=department, **values)
        loader.counter["created"] += 1
        as_of = start - datetime.timedelta(days=10)  # the list was drawn up before the period began
        if rule:
            picked = services.plan_select_enterprises(actor=actor, department=department, today=as_of, **rule)
            services.plan_set_enterprises(
                actor=actor, plan=plan, enterprises=list(picked), rule=services.selection_rule(today=as_of, **rule)
            )
        else:
            picked = services.plan_select_enterprises(actor=actor, department=department, sectors=[sector])
            dated = [(e, start + datetime.timedelta(days=7 * i)) for i, e in enumerate(picked)]
            services.plan_set_enterprises(actor=actor, plan=plan, enterprises=dated)
