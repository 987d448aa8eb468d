"""Demo campaigns (安全宣传与活动, key action 六 and item 10) and a best-practice call (key action 二) of 2024,
written through the tasks services (with history). 沙坪镇's own “五进” campaign is one 桂溪街道 does not see.
The call is opened with a deadline still to come (the services accept cases only then), the cases submitted,
then its deadline set to the real one, scored by the county office and 应急局's head, and published.
This year's 改革创新奖 call is still open (one case submitted, one draft). Loading again changes nothing. Names
are invented."""

import datetime
from decimal import Decimal

from django.utils import timezone

from core.models import User
from tasks import campaign_services, practice_services, practice_workflow
from tasks.campaign_choices import Award, CallKind, CampaignKind
from tasks.models import Campaign, PracticeCall

D = datetime.date
# (kind, title, organiser, participants, start, end, description, activities)
# activity: (unit, date, place, participants, description)
CAMPAIGNS = [
    (
        CampaignKind.SAFETY_MONTH,
        "2024年“安全生产月”活动（演示）",
        "应急局",
        ["桂溪街道", "桂阳街道", "沙坪镇", "住建委", "交通局"],
        D(2024, 6, 1),
        D(2024, 6, 30),
        "主题“人人讲安全、个个会应急——畅通生命通道”：咨询日、警示教育、应急演练、隐患随手拍。",
        [
            (
                "桂溪街道",
                D(2024, 6, 16),
                "桂溪街道东街广场",
                320,
                "安全生产月咨询日：设咨询台8个，发放宣传资料1200份。",
            ),
            ("桂溪街道", D(2024, 6, 21), "东街社区", 85, "燃气安全进社区：入户讲解燃气泄漏处置，检查软管。"),
            ("沙坪镇", D(2024, 6, 18), "沙坪场镇", 150, "“畅通生命通道”消防车通道清理和宣传。"),
            ("住建委", D(2024, 6, 25), "县城在建工地", 210, "建筑施工安全警示教育和高处坠落演练。"),
        ],
    ),
    (
        CampaignKind.DISASTER_DAY,
        "2024年“5·12”防灾减灾日宣传周（演示）",
        "应急局",
        ["桂溪街道", "桂阳街道", "沙坪镇", "教委"],
        D(2024, 5, 6),
        D(2024, 5, 17),
        "主题“人人讲安全、个个会应急——着力提升基层防灾避险能力”。",
        [
            ("桂溪街道", D(2024, 5, 12), "桂溪小学", 600, "地震应急疏散演练和防灾科普课。"),
            ("教委", D(2024, 5, 10), "全县中小学", 5200, "各校开展防灾减灾主题班会和疏散演练。"),
        ],
    ),
    (
        CampaignKind.FIVE_INTO_VILLAGES,
        "沙坪镇安全宣传“五进”·进农村（演示）",
        "沙坪镇",
        ["沙坪镇"],
        D(2024, 3, 1),
        D(2024, 11, 30),
        "农村用电、用火、农机和汛期避险宣传。",
        [("沙坪镇", D(2024, 7, 8), "沙坪镇各村", 260, "汛期地灾避险明白卡发放和转移路线讲解。")],
    ),
]

# (unit, author, title, summary, scores by (county_admin, yjj_head), award)
CASES = [
    (
        "桂溪街道",
        "gx_staff",
        "“网格+应急”一张网：城市社区风险隐患闭环管理（演示）",
        "依托社区网格员日常巡查，隐患随手拍、街道分派、部门处置、网格复核，形成闭环。",
        ("92", "95"),
        Award.FIRST,
    ),
    (
        "沙坪镇",
        "sp_staff",
        "山区乡镇地灾“三查”与“叫应”机制（演示）",
        "汛前排查、汛中巡查、汛后核查，预警信息“叫应”到户到人。",
        ("88", "86"),
        Award.SECOND,
    ),
    (
        "应急局",
        "yjj_staff",
        "危化品企业安全风险智能化管控平台应用（演示）",
        "重大危险源在线监测预警接入县平台，异常自动推送企业和监管部门。",
        ("84", "83"),
        Award.EXCELLENT,
    ),
    (
        "交通局",
        "jtj_head",
        "农村公路“两客一危”动态监管（演示）",
        "重点营运车辆动态监控和驾驶员违规提醒。",
        ("70", "72"),
        Award.NONE,
    ),
]


def load_campaigns(loader):
    admin = User.objects.get(username="county_admin")
    for kind, title, organizer, participants, start, end, description, activities in CAMPAIGNS:
        if Campaign.objects.filter(title=title).exists():
            continue
        campaign = campaign_services.campaign_create(
            actor=admin,
            kind=kind,
            year=start.year,
            title=title,
            organizer=loader.unit(organizer),
            participants=[loader.unit(name) for name in participants],
            start_date=start,
            end_date=end,
            description=description,
        )
        for unit, held_on, place, count, text in activities:
            campaign_services.activity_create(
                actor=admin,
                campaign=campaign,
                unit=loader.unit(unit),
                held_on=held_on,
                place=place,
                participant_count=count,
                description=text,
            )
    load_practice_call(loader)
    load_open_call(loader)


def load_open_call(loader):
    """This year's 改革创新奖 call, still open: 沙坪镇 has submitted, 桂溪街道 keeps a draft."""
    year = timezone.localdate().year
    if PracticeCall.objects.filter(year=year, kind=CallKind.INNOVATION).exists():
        return
    call = practice_services.practice_call_create(
        actor=User.objects.get(username="county_admin"),
        year=year,
        kind=CallKind.INNOVATION,
        title=f"{year}年度应急管理改革创新奖征集（演示）",
        deadline=timezone.localdate() + datetime.timedelta(days=60),
        criteria="改革举措的突破性、制度成果和推广价值。",
        reviewers=[User.objects.get(username="yjj_head")],
    )
    sp = User.objects.get(username="sp_staff")
    case = practice_services.practice_case_create(
        actor=sp,
        call=call,
        unit=loader.unit("沙坪镇"),
        title="“镇村联动”避险转移机制（演示）",
        summary="镇村两级转移清单和叫应。",
    )
    practice_workflow.practice_case_submit(actor=sp, case=case)
    practice_services.practice_case_create(
        actor=User.objects.get(username="gx_staff"),
        call=call,
        unit=loader.unit("桂溪街道"),
        title="社区应急志愿者积分制（演示）",
        summary="志愿者参与巡查、宣传、演练计积分兑换。",
    )


def load_practice_call(loader):
    if PracticeCall.objects.filter(year=2024, kind=CallKind.BEST_PRACTICE).exists():
        return
    admin, reviewer = User.objects.get(username="county_admin"), User.objects.get(username="yjj_head")
    call = practice_services.practice_call_create(
        actor=admin,
        year=2024,
        kind=CallKind.BEST_PRACTICE,
        title="2024年度应急管理体系和能力建设最佳实践案例征集（演示）",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        criteria="创新性（30分）、实效性（40分）、可推广性（30分）。",
        reviewers=[reviewer],
    )
    cases = []
    for unit, author, title, summary, scores, award in CASES:
        user = User.objects.get(username=author)
        case = practice_services.practice_case_create(
            actor=user, call=call, unit=loader.unit(unit), title=title, summary=summary
        )
        cases.append((practice_workflow.practice_case_submit(actor=user, case=case), scores, award))
    call = practice_services.practice_call_update(actor=admin, call=call, deadline=D(2024, 9, 30))
    call = practice_workflow.practice_call_start_review(actor=admin, call=call)
    for case, (first, second), _award in cases:
        practice_workflow.practice_case_score(actor=admin, case=case, score=Decimal(first), comment="")
        practice_workflow.practice_case_score(actor=reviewer, case=case, score=Decimal(second), comment="")
    practice_workflow.practice_call_publish(actor=admin, call=call, awards={c.pk: a for c, _s, a in cases})
