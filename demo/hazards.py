"""Demo hazards, a public report and checklist duties, written through the hazards services (with history).

Dates are counted back from today, so the demo always has something due, overdue and closed — and, on the
day `make run` starts, a hazard due in 3 days and one 3 days overdue for the reminder sweep to announce.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.models import Enterprise, OrgUnit, User
from hazards import public_reports, services, workflow
from hazards.choices import HazardStatus
from hazards.models import Checklist, EnterpriseChecklist, Hazard, PublicReport

# A 1×1 PNG, so the demo's "after" evidence is a real image.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
# (title, sector, level, township, days ago found, days to rectify, status to reach)
HAZARDS = [
    ("储罐区可燃气体报警器失效（演示）", "hazardous_chemicals", "major", "桂溪街道", 20, 30, HazardStatus.RECTIFYING),
    ("消防通道被货物堵塞（演示）", "fire", "general", "桂溪街道", 12, 9, HazardStatus.RECTIFYING),
    ("电动自行车楼道内充电（演示）", "fire", "general", "桂溪街道", 5, 10, HazardStatus.PENDING),
    ("燃气软管老化未更换（演示）", "gas", "general", "沙坪镇", 25, 15, HazardStatus.VERIFYING),
    ("脚手架连墙件缺失（演示）", "construction", "general", "沙坪镇", 40, 10, HazardStatus.CLOSED),
    ("客运车辆安全锤缺失（演示）", "road_traffic", "general", "桂溪街道", 3, 6, HazardStatus.PENDING),
]
PATH = [HazardStatus.PENDING, HazardStatus.RECTIFYING, HazardStatus.VERIFYING, HazardStatus.CLOSED]


def load_hazards(loader):
    today = timezone.localdate()
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["county_admin", "gx_staff", "sp_staff", "yjj_staff", "yjj_head"])
    }
    for title, sector, level, town, ago, days, status in HAZARDS:
        if Hazard.objects.filter(title=title).exists():
            continue
        township = OrgUnit.objects.get(name=town, kind="township")
        enterprise = Enterprise.objects.filter(township=township, sector=sector).first()
        found = today - datetime.timedelta(days=ago)
        hazard = services.hazard_create(
            actor=users["county_admin"],
            title=title,
            sector=sector,
            level=level,
            source="dept_check",
            territory=township,
            enterprise=enterprise,
            found_on=found,
            deadline=found + datetime.timedelta(days=days),
            supervising_department=OrgUnit.objects.get(short_name="应急局"),
        )
        _walk(hazard, status, users, "gx_staff" if town == "桂溪街道" else "sp_staff")
        loader.counter["created"] += 1
    _public_report()
    _checklist_duties(today)


def _walk(hazard, status, users, rectifier):
    for to in PATH[1 : PATH.index(status) + 1]:
        actor = {
            HazardStatus.RECTIFYING: users["yjj_staff"],
            HazardStatus.VERIFYING: users[rectifier],
            HazardStatus.CLOSED: users["yjj_head"],
        }[to]
        files = [SimpleUploadedFile("整改后.png", PIXEL)] if to == HazardStatus.VERIFYING else []
        workflow.hazard_transition(hazard=hazard, to=to, actor=actor, comment="（演示）", files=files)


def _public_report():
    if not PublicReport.objects.filter(description__endswith="（演示）").exists():
        public_reports.public_report_submit(
            description="小区地下车库有人堆放液化气罐（演示）",
            place="桂溪街道东街社区某小区地下车库",
            township=OrgUnit.objects.get(name="桂溪街道", kind="township"),
            client_address="127.0.0.1",
        )


def _checklist_duties(today):
    daily = Checklist.objects.filter(cadence="daily").first()
    if daily is None:
        return
    for enterprise in Enterprise.objects.filter(is_demo=True, sector="hazardous_chemicals"):
        EnterpriseChecklist.objects.get_or_create(
            enterprise=enterprise, checklist=daily, defaults={"since": today - datetime.timedelta(days=10)}
        )
