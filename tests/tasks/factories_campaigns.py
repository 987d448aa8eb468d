"""Campaigns and best-practice calls for the tests, written through the services (as the pages would)."""

import datetime

from core.models import OrgUnit, User
from tasks import campaign_services, practice_services

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def user(username):
    return User.objects.get(username=username)


def unit(name):
    if name in ("应急局", "交通局", "教委"):
        return OrgUnit.objects.get(short_name=name, kind="department")
    return OrgUnit.objects.get(name=name, kind="township")


def campaign(*, title="2024年安全生产月（测试）", organizer="应急局", participants=("桂溪街道", "沙坪镇"), **extra):
    values = {
        "kind": "safety_month",
        "year": 2024,
        "title": title,
        "organizer": unit(organizer),
        "participants": [unit(name) for name in participants],
        "start_date": datetime.date(2024, 6, 1),
        "end_date": datetime.date(2024, 6, 30),
        "description": "",
        **extra,
    }
    return campaign_services.campaign_create(actor=user("county_admin"), **values)


def activity(campaign, *, unit_name="桂溪街道", actor="gx_staff", count=120, held_on=datetime.date(2024, 6, 16)):
    return campaign_services.activity_create(
        actor=user(actor),
        campaign=campaign,
        unit=unit(unit_name),
        held_on=held_on,
        place="东街广场",
        participant_count=count,
        description="咨询日",
    )


def call(*, deadline=None, reviewers=("yjj_head",), year=2025):
    return practice_services.practice_call_create(
        actor=user("county_admin"),
        year=year,
        kind="best_practice",
        title=f"{year}年度最佳实践案例征集（测试）",
        deadline=deadline or datetime.date.today() + datetime.timedelta(days=10),
        criteria="创新性、实效性、可推广性",
        reviewers=[user(name) for name in reviewers],
    )


def case(call, *, unit_name="桂溪街道", actor="gx_staff", title="网格+应急"):
    return practice_services.practice_case_create(
        actor=user(actor), call=call, unit=unit(unit_name), title=title, summary="做法和成效"
    )
