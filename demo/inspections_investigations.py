"""Demo accident and disaster investigations (事故调查), written through the services: an accident of 2024 whose
"四不放过" are all carried out and which is closed (结案), and a flood disaster still under investigation.
Invented cases. Loaded only with the demo's work records."""

import datetime
from decimal import Decimal

from django.utils import timezone

from core.models import Enterprise, OrgUnit, User
from hazards.models import Hazard
from inspections import investigation_services as services
from inspections.models import Investigation

CLOSED_CASE = "桂溪街道“3·15”机械伤害事故（演示）"
OPEN_CASE = "沙坪镇“7·12”暴雨洪涝灾害调查评估（演示）"


def _at(text):
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


def load_investigations(loader):
    if Investigation.objects.filter(case_name__in=[CLOSED_CASE, OPEN_CASE]).exists():
        return
    admin = User.objects.get(username="county_admin")
    towns = {t.name: t for t in OrgUnit.objects.filter(kind="township", name__in=["桂溪街道", "沙坪镇"])}
    _closed_case(admin, towns["桂溪街道"])
    _open_case(admin, towns["沙坪镇"])
    loader.counter["created"] += 2


def _closed_case(admin, township):
    enterprise = Enterprise.objects.filter(township=township, sector="industry_trade").order_by("pk").first()
    inv = services.investigation_create(
        actor=admin,
        case_name=CLOSED_CASE,
        kind="production_accident",
        level="general",
        occurred_at=_at("2024-03-15 10:20"),
        township=township,
        place="工业园区生产车间",
        lead_department=OrgUnit.objects.get(short_name="应急局"),
        deaths=1,
        injured=1,
        direct_loss=Decimal("152.60"),
        summary="一名操作工在清理设备进料口时，设备未停机断电、未挂牌上锁，被卷入致死，另一名工人施救时受伤。",
        cause_findings="直接原因：违章在设备运转状态下清理进料口。间接原因：企业未落实停机断电挂牌上锁制度，"
        "安全教育培训不到位，现场管理缺失。",
        responsibility_findings="该公司对事故发生负有责任；公司主要负责人、车间主任负有管理责任。",
        enterprises=[enterprise] if enterprise else [],
    )
    for name, post, finding, handling in [
        (
            enterprise.name if enterprise else "事故单位",
            "事故单位",
            "未落实安全生产主体责任，对事故发生负有责任。",
            "admin_penalty",
        ),
        ("张某某", "公司总经理（主要负责人）", "未履行主要负责人安全生产管理职责。", "admin_penalty"),
        ("李某某", "车间主任", "现场安全管理缺失，对违章作业未及时制止。", "other"),
    ]:
        row = services.investigation_responsibility_add(
            actor=admin, investigation=inv, name=name, post=post, finding=finding, handling=handling
        )
        services.investigation_responsibility_mark_handled(
            actor=admin, responsibility=row, handled_on=datetime.date(2024, 5, 20)
        )
    services.investigation_update(
        actor=admin,
        investigation=inv,
        cause_found=True,
        cause_found_on=datetime.date(2024, 4, 30),
        persons_handled=True,
        persons_handled_on=datetime.date(2024, 5, 20),
        measures_done=True,
        measures_done_on=datetime.date(2024, 6, 15),
        people_educated=True,
        people_educated_on=datetime.date(2024, 6, 20),
    )
    services.investigation_close(actor=admin, investigation=inv)


def _open_case(admin, township):
    hazards = list(Hazard.objects.filter(territory=township).order_by("pk")[:1])
    inv = services.investigation_create(
        actor=admin,
        case_name=OPEN_CASE,
        kind="natural_disaster",
        level="general",
        occurred_at=_at("2024-07-12 03:40"),
        township=township,
        place="沙坪镇场镇及沿河村组",
        lead_department=OrgUnit.objects.get(short_name="水利局"),
        injured=2,
        direct_loss=Decimal("320.00"),
        summary="7月11日夜间至12日凌晨持续强降雨，沿河低洼地带被淹，部分房屋进水，2人转移途中受轻伤。",
        cause_findings="短时强降雨超过排涝能力；部分排水沟渠淤塞未及时清理。",
        cause_found=True,
        cause_found_on=datetime.date(2024, 8, 10),
        hazards=hazards,
    )
    services.investigation_responsibility_add(
        actor=admin,
        investigation=inv,
        name="某村村委会",
        post="沿河村组属地",
        finding="汛前排查中未发现并清理淤塞沟渠。",
        handling="organizational",
        handling_note="约谈、通报批评",
    )
