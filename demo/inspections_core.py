"""Demo inspections of May 2024 by 应急局 and 交通局, written through the inspections services (with history):
their findings open hazards; the first is walked through the whole loop to 已闭环."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import Enterprise, OrgUnit, User
from demo.hazards import PIXEL
from hazards.choices import HazardStatus
from hazards.workflow import hazard_transition
from inspections import services, workflow
from inspections.models import ChecklistTemplate, Inspection

D = datetime.date
TERRITORY_STAFF = {"桂溪街道": "gx_staff", "沙坪镇": "sp_staff"}
# (department, kind, sector, township, date, inspectors, summary, [(finding, basis, deadline, level)], close it)
INSPECTIONS = [
    (
        "应急局",
        "enforcement",
        "hazardous_chemicals",
        "桂溪街道",
        D(2024, 5, 8),
        ["yjj_staff", "yjj_head"],
        "对储罐区、装卸区和中控室进行执法检查（演示）",
        [
            ("可燃气体报警器未定期检定", "《中华人民共和国安全生产法》第三十六条", D(2024, 5, 18), "general"),
            ("特殊作业票证填写不全", "《危险化学品企业特殊作业安全规范》GB30871", D(2024, 5, 22), "general"),
        ],
        True,
    ),
    (
        "应急局",
        "undercover",
        "hazardous_chemicals",
        "沙坪镇",
        D(2024, 5, 15),
        ["yjj_staff"],
        "夜间明察暗访，检查值班值守和动火作业（演示）",
        [("夜间无人值守中控室", "《中华人民共和国安全生产法》第四十一条", D(2024, 6, 15), "major")],
        False,
    ),
    (
        "交通局",
        "supervision",
        "road_traffic",
        "桂溪街道",
        D(2024, 5, 20),
        ["jtj_head"],
        "督查客运车辆动态监控和驾驶员管理（演示）",
        [
            ("动态监控平台未落实专人值守", "《道路运输车辆动态监督管理办法》第十条", D(2024, 6, 5), "general"),
            ("部分车辆安全锤缺失", "《道路运输车辆技术管理规定》第十二条", D(2024, 5, 30), "general"),
        ],
        False,
    ),
]


def load_inspections_core(loader):
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["yjj_staff", "yjj_head", "jtj_head", *TERRITORY_STAFF.values()])
    }
    for dept, kind, sector, town, day, who, summary, findings, close in INSPECTIONS:
        if Inspection.objects.filter(summary=summary).exists():
            continue
        enterprise = Enterprise.objects.filter(is_demo=True, sector=sector, township__name=town).first()
        if enterprise is None:
            continue
        inspection = services.inspection_record(
            actor=users[who[0]],
            kind=kind,
            department=OrgUnit.objects.get(short_name=dept),
            inspectors=[users[n] for n in who],
            enterprise=enterprise,
            inspected_on=day,
            checklist=ChecklistTemplate.objects.filter(sector=sector, is_current=True).first(),
            summary=summary,
            findings=[{"description": d, "legal_basis": b, "deadline": t, "level": lv} for d, b, t, lv in findings],
        )
        loader.counter["created"] += 1
        if close:
            _close(inspection, users, TERRITORY_STAFF[town])


def _close(inspection, users, rectifier):
    for finding in inspection.findings.select_related("hazard"):
        hazard = finding.hazard
        hazard_transition(hazard=hazard, to=HazardStatus.RECTIFYING, actor=users["yjj_staff"], comment="（演示）")
        hazard_transition(
            hazard=hazard,
            to=HazardStatus.VERIFYING,
            actor=users[rectifier],
            comment="（演示）",
            files=[SimpleUploadedFile("整改后.png", PIXEL)],
        )
        hazard_transition(hazard=hazard, to=HazardStatus.CLOSED, actor=users["yjj_head"], comment="（演示）")
    last = max(f.deadline for f in inspection.findings.all())
    workflow.inspection_recheck(
        actor=users["yjj_head"],
        inspection=inspection,
        rechecked_on=last,
        result="passed",
        note="现场复查整改到位（演示）",
    )
    workflow.inspection_close(actor=users["yjj_head"], inspection=inspection, note="（演示）")
