"""Demo enterprise services and safety credit (items 6 and 8), written through the services: a training of
桂溪街道 with attendees and certificates (one expiring within 30 days, one expired) and one of 沙坪镇; policies
(one expiring soon); a benchmark enterprise of each township with an incentive; and the 桂溪街道 machinery
plant of the demo accident, which here also gets a penalty, an overdue major hazard and a warning letter, so
that its credit record shows every kind of entry. Dates count from today. Loaded only with the demo's work."""

import datetime
from decimal import Decimal

from django.utils import timezone

from core.models import Enterprise, OrgUnit, User
from hazards import services as hazard_services
from hazards.models import Hazard
from inspections import credit_services, enterprise_services
from inspections import penalty_services as penalty_services
from inspections.models import Training

GX_TRAINING = "2026年桂溪街道企业主要负责人和安全管理人员培训（演示）"
SP_TRAINING = "2026年沙坪镇企业安全管理人员培训（演示）"
MAJOR_HAZARD = "粉尘涉爆除尘系统未按规定设置泄爆装置（演示）"


def load_enterprise_services(loader):
    if Training.objects.filter(title=GX_TRAINING).exists():
        return
    admin = User.objects.get(username="county_admin")
    today = timezone.localdate()
    gx, sp = (OrgUnit.objects.get(kind="township", name=n) for n in ("桂溪街道", "沙坪镇"))
    gx_firms = list(Enterprise.objects.filter(township=gx, is_demo=True).order_by("pk")[:3])
    sp_firm = Enterprise.objects.filter(township=sp, is_demo=True).order_by("pk").first()
    _trainings(admin, today, gx, sp, gx_firms, sp_firm)
    _policies(admin, today, gx_firms, sp_firm)
    _benchmarks(admin, today, gx_firms[-1], sp_firm)
    _credit_case(admin, today, gx)
    loader.counter["created"] += 1


def _trainings(admin, today, gx, sp, gx_firms, sp_firm):
    start = today - datetime.timedelta(days=40)
    training = enterprise_services.training_create(
        actor=admin,
        title=GX_TRAINING,
        organizer=gx,
        starts_on=start,
        ends_on=start,
        place="桂溪街道办事处会议室",
        hours=8,
    )
    people = [("王建华", "principal", True), ("刘红梅", "safety_manager", True), ("赵小兵", "safety_manager", False)]
    for firm, (name, role, passed) in zip(gx_firms, people, strict=True):
        enterprise_services.training_attendee_add(
            actor=admin, training=training, enterprise=firm, person_name=name, role=role, attended=True, passed=passed
        )
    # (holder, enterprise, kind, number, issued days ago, valid days from today)
    for holder, firm, kind, number, issued_ago, left in [
        ("王建华", gx_firms[0], "principal", "DJAQ-2023-0101（演示）", 1080, 20),
        ("刘红梅", gx_firms[1], "safety_manager", "DJAQ-2022-0207（演示）", 1200, -15),
        ("孙立", gx_firms[2], "safety_manager", "DJAQ-2026-0033（演示）", 40, 1055),
    ]:
        enterprise_services.certificate_create(
            actor=admin,
            enterprise=firm,
            holder_name=holder,
            kind=kind,
            number=number,
            issued_on=today - datetime.timedelta(days=issued_ago),
            expires_on=today + datetime.timedelta(days=left),
            training=training if issued_ago == 40 else None,
        )
    sp_training = enterprise_services.training_create(
        actor=admin, title=SP_TRAINING, organizer=sp, starts_on=start, ends_on=start, place="沙坪镇政府", hours=4
    )
    enterprise_services.training_attendee_add(
        actor=admin, training=sp_training, enterprise=sp_firm, person_name="周德明", role="principal", passed=True
    )
    enterprise_services.certificate_create(
        actor=admin,
        enterprise=sp_firm,
        holder_name="周德明",
        kind="principal",
        number="DJAQ-2026-0058（演示）",
        issued_on=start,
        expires_on=start + datetime.timedelta(days=1095),
        training=sp_training,
    )


def _policies(admin, today, gx_firms, sp_firm):
    for firm, number, started_ago in [
        (gx_firms[0], "PICC-DJ-2025-0019（演示）", 350),
        (gx_firms[1], "CPIC-DJ-2026-0102（演示）", 100),
        (sp_firm, "PICC-DJ-2026-0240（演示）", 60),
    ]:
        start = today - datetime.timedelta(days=started_ago)
        enterprise_services.insurance_create(
            actor=admin,
            enterprise=firm,
            insurer="中国人民财产保险垫江支公司" if number.startswith("PICC") else "太平洋财产保险垫江支公司",
            policy_number=number,
            starts_on=start,
            ends_on=start + datetime.timedelta(days=364),
            premium=Decimal("6800.00"),
            insured_amount=Decimal("500.00"),
        )


def _benchmarks(admin, today, gx_firm, sp_firm):
    year = today.year - 1
    gx_mark = enterprise_services.benchmark_create(
        actor=admin, enterprise=gx_firm, year=year, note="安全生产标准化二级，连续三年无事故（演示）"
    )
    enterprise_services.incentive_add(
        actor=admin,
        benchmark=gx_mark,
        kind="funding",
        amount=Decimal("50000"),
        granted_on=datetime.date(year + 1, 1, 15),
        note="安全生产奖补资金（演示）",
    )
    enterprise_services.incentive_add(
        actor=admin, benchmark=gx_mark, kind="fewer_checks", granted_on=datetime.date(year + 1, 1, 15)
    )
    enterprise_services.benchmark_create(
        actor=admin, enterprise=sp_firm, year=year, note="双重预防机制示范企业（演示）"
    )


def _credit_case(admin, today, gx):
    """The plant of the demo accident (demo/inspections_investigations.py): a penalty, an overdue major hazard
    and a warning letter besides the accident."""
    firm = Enterprise.objects.filter(township=gx, sector="industry_trade").order_by("pk").first()
    department = OrgUnit.objects.get(short_name="经信委")
    penalty_services.penalty_record(
        actor=admin,
        department=department,
        enterprise=firm,
        decision_number="垫经信罚〔2024〕3号（演示）",
        decided_on=datetime.date(2024, 6, 18),
        legal_basis="《中华人民共和国安全生产法》第九十七条",
        violation="未按规定对从业人员进行安全生产教育和培训（演示）",
        amount=Decimal("20000"),
    )
    if not Hazard.objects.filter(title=MAJOR_HAZARD).exists():
        found = today - datetime.timedelta(days=60)
        hazard_services.hazard_create(
            actor=admin,
            title=MAJOR_HAZARD,
            sector="industry_trade",
            level="major",
            source="enforcement",
            territory=gx,
            enterprise=firm,
            found_on=found,
            deadline=found + datetime.timedelta(days=30),
            supervising_department=department,
        )
    credit_services.credit_notice_issue(
        actor=admin,
        enterprise=firm,
        kind="warning_letter",
        issued_on=today - datetime.timedelta(days=10),
        reason="重大事故隐患逾期未整改（演示）",
    )
