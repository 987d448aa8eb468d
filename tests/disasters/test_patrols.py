import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from core.models import OrgUnit
from disasters import patrol_services as services
from disasters.models import FloodSeason, Patrol
from disasters.patrol_deadlines import weekly_patrol_counts
from disasters.patrol_periods import Period, period_for
from disasters.patrol_selectors import missing_patrols, risk_point_patrol_summary
from hazards.models import Hazard
from tests.disasters.factories import RiskPointFactory
from tests.disasters.factories_patrols import PatrolFactory, at

D = datetime.date
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
WEDNESDAY = "2024-06-05 10:00 +0800"  # in the default flood season (05-01 to 09-30); the week is 06-03 to 06-09


def township(name):
    return OrgUnit.objects.get(name=name, kind="township")


def record(actor, point, **overrides):
    values = {
        "actor": actor,
        "risk_point": point,
        "kind": "in_season",
        "patrolled_at": at(2024, 6, 5, 8),
        "findings": "",
        "situation": "normal",
        **overrides,
    }
    return services.patrol_record(**values)


# --- recording ---------------------------------------------------------------------------------------------


@time_machine.travel(WEDNESDAY, tick=False)
def test_a_patrol_dated_in_the_future_is_refused_and_nothing_saved(demo_user):
    point = RiskPointFactory()
    with pytest.raises(ValidationError) as error:
        record(demo_user("gx_staff"), point, patrolled_at=at(2024, 6, 5, 11))
    assert error.value.message_dict["patrolled_at"] == ["巡查时间不能晚于现在。"]
    assert not Patrol.objects.exists()


@time_machine.travel(WEDNESDAY, tick=False)
def test_an_abnormal_patrol_needs_findings(demo_user):
    point = RiskPointFactory()
    with pytest.raises(ValidationError) as error:
        record(demo_user("gx_staff"), point, situation="abnormal", findings="  ")
    assert error.value.message_dict["findings"] == ["巡查情况异常时须写明发现情况。"]
    assert not Patrol.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():  # and the database says so too
        PatrolFactory(risk_point=point, situation="abnormal", findings="")


@time_machine.travel(WEDNESDAY, tick=False)
def test_a_patrol_opens_a_hazard_in_one_step(demo_user):
    point = RiskPointFactory(supervising_department=OrgUnit.objects.get(short_name="应急局"), place="后山")
    photo = SimpleUploadedFile("crack.png", PNG, content_type="image/png")
    patrol = record(
        demo_user("gx_staff"),
        point,
        situation="abnormal",
        findings="后缘出现拉张裂缝\n长约3米",
        measures="设置警示牌",
        files=[photo],
        open_hazard=True,
        hazard_deadline=D(2024, 6, 20),
    )
    hazard = patrol.hazard
    assert hazard is not None and hazard.patrols.get() == patrol
    assert (hazard.title, hazard.sector, hazard.source, hazard.territory) == (
        "后缘出现拉张裂缝",
        "natural_disaster",
        "self",  # the township's own patrol: 自查自报
        point.township,
    )
    assert (hazard.found_on, hazard.deadline, hazard.place) == (D(2024, 6, 5), D(2024, 6, 20), "后山")
    assert hazard.supervising_department.short_name == "应急局"
    assert patrol.evidence.count() == 1 and hazard.evidence.count() == 1
    by_department = record(
        demo_user("yjj_staff"), point, situation="abnormal", findings="坡脚渗水", open_hazard=True,
        hazard_title="坡脚渗水加剧", hazard_deadline=D(2024, 6, 30),
    )  # fmt: skip
    assert (by_department.hazard.title, by_department.hazard.source) == ("坡脚渗水加剧", "dept_check")


@time_machine.travel(WEDNESDAY, tick=False)
def test_a_refused_hazard_leaves_no_patrol(demo_user):
    point = RiskPointFactory()
    hazards_before = Hazard.objects.count()
    photo = SimpleUploadedFile("crack.png", PNG, content_type="image/png")
    with pytest.raises(ValidationError) as error:
        record(
            demo_user("gx_staff"), point, situation="abnormal", findings="裂缝", files=[photo],
            open_hazard=True, hazard_deadline=D(2024, 6, 1),
        )  # fmt: skip
    assert error.value.message_dict == {"hazard_deadline": ["整改期限不能早于发现日期。"]}
    with pytest.raises(ValidationError) as error:
        record(demo_user("gx_staff"), point, situation="abnormal", findings="裂缝", open_hazard=True)
    assert error.value.message_dict == {"hazard_deadline": ["开具隐患须填写整改期限。"]}
    with pytest.raises(ValidationError) as error:
        record(demo_user("gx_staff"), point, situation="normal", open_hazard=True, hazard_deadline=D(2024, 6, 9))
    assert "situation" in error.value.message_dict
    assert not Patrol.objects.exists() and Hazard.objects.count() == hazards_before


@time_machine.travel(WEDNESDAY, tick=False)
def test_a_failure_inside_the_hazard_service_rolls_the_patrol_back(demo_user, monkeypatch):
    import hazards.services

    def broken(**kwargs):
        raise ValidationError({"title": "测试：隐患登记失败"})

    monkeypatch.setattr(hazards.services, "hazard_create", broken)
    with pytest.raises(ValidationError) as error:
        record(
            demo_user("gx_staff"), RiskPointFactory(), situation="abnormal", findings="裂缝",
            open_hazard=True, hazard_deadline=D(2024, 6, 9),
        )  # fmt: skip
    assert error.value.message_dict == {"hazard_title": ["测试：隐患登记失败"]}
    assert not Patrol.objects.exists()


# --- who may ---------------------------------------------------------------------------------------------


@time_machine.travel(WEDNESDAY, tick=False)
@pytest.mark.parametrize("username", ["sp_staff", "county_leader", "auditor", "api_client", "jtj_head"])
def test_others_may_not_record_a_patrol(username, demo_user):
    with pytest.raises(PermissionDenied):
        record(demo_user(username), RiskPointFactory())
    assert not Patrol.objects.exists()


@time_machine.travel(WEDNESDAY, tick=False)
@pytest.mark.parametrize("username", ["gx_staff", "gx_head", "county_admin", "yjj_staff"])
def test_the_township_its_department_and_the_county_office_record_patrols(username, demo_user):
    point = RiskPointFactory(supervising_department=OrgUnit.objects.get(short_name="应急局"))
    assert record(demo_user(username), point).patroller.username == username


def test_pages_and_list_follow_the_scope(web_as):
    mine, other = PatrolFactory(), PatrolFactory(risk_point=RiskPointFactory(township=township("沙坪镇")))
    client = web_as("gx_staff")
    assert client.get(f"/disasters/patrols/{mine.pk}/").status_code == 200
    assert client.get(f"/disasters/patrols/{other.pk}/").status_code == 404
    assert client.get(f"/disasters/risk-points/{other.risk_point_id}/patrols/new/").status_code == 404
    listed = client.get("/disasters/patrols/").context["page"].object_list
    assert list(listed) == [mine]
    leader = web_as("county_leader")
    assert leader.get(f"/disasters/patrols/{other.pk}/").status_code == 200
    assert leader.get(f"/disasters/risk-points/{other.risk_point_id}/patrols/new/").status_code == 403
    assert leader.get("/disasters/patrols/new/").status_code == 403


def test_the_api_refuses_read_only_callers_and_other_townships(api_as):
    point = RiskPointFactory()
    body = {"risk_point": point.pk, "kind": "routine", "patrolled_at": "2024-06-03T09:00:00+08:00"}
    assert api_as("auditor").post("/api/v1/patrols/", body).status_code == 403
    assert api_as("sp_staff").post("/api/v1/patrols/", body).status_code == 400  # a point it cannot see
    assert not Patrol.objects.exists()


# --- periods and cadence -----------------------------------------------------------------------------------


def test_periods_are_weeks_in_the_season_and_months_outside_it(db):
    assert period_for(D(2024, 6, 5)) == Period(D(2024, 6, 3), D(2024, 6, 9), True)
    assert period_for(D(2024, 5, 2)) == Period(D(2024, 5, 1), D(2024, 5, 5), True)  # the season starts on a Wed
    assert period_for(D(2024, 9, 30)) == Period(D(2024, 9, 30), D(2024, 9, 30), True)
    assert period_for(D(2024, 10, 15)) == Period(D(2024, 10, 1), D(2024, 10, 31), False)
    FloodSeason.objects.create(year=2024, starts_on=D(2024, 5, 15), ends_on=D(2024, 9, 15))
    assert period_for(D(2024, 5, 10)) == Period(D(2024, 5, 1), D(2024, 5, 14), False)
    assert period_for(D(2024, 9, 20)) == Period(D(2024, 9, 16), D(2024, 9, 30), False)


def _cadence(user, on):
    result = missing_patrols(user=user, on=on)
    return result, {p.code: (p.required, p.done, p.missing) for p in result.points}


def test_missing_patrols_in_the_flood_season(demo_user):
    behind = RiskPointFactory(patrols_per_week_in_season=2)
    done = RiskPointFactory(patrols_per_week_in_season=2)
    governed = RiskPointFactory(state="governed", governed_on=D(2024, 4, 1))
    PatrolFactory(risk_point=behind, patrolled_at=at(2024, 6, 2, 23, 59))  # Sunday: last week
    PatrolFactory(risk_point=behind, patrolled_at=at(2024, 6, 3, 0, 0))  # Monday midnight: this week
    PatrolFactory(risk_point=done, patrolled_at=at(2024, 6, 3))
    PatrolFactory(risk_point=done, patrolled_at=at(2024, 6, 9, 23, 59))
    PatrolFactory(risk_point=governed)
    result, rows = _cadence(demo_user("county_admin"), D(2024, 6, 5))
    assert result.period.in_season
    assert rows == {behind.code: (2, 1, 1), done.code: (2, 2, 0)}


def test_missing_patrols_outside_the_flood_season(demo_user):
    point = RiskPointFactory(patrols_per_month_off_season=2)
    PatrolFactory(risk_point=point, patrolled_at=at(2024, 9, 30, 20))  # still the season
    PatrolFactory(risk_point=point, patrolled_at=at(2024, 10, 2))
    result, rows = _cadence(demo_user("county_admin"), D(2024, 10, 15))
    assert not result.period.in_season and rows == {point.code: (2, 1, 1)}
    PatrolFactory(risk_point=point, patrolled_at=at(2024, 10, 31, 23, 30))
    assert _cadence(demo_user("county_admin"), D(2024, 10, 15))[1] == {point.code: (2, 2, 0)}


def test_totals_per_township_and_the_scope(demo_user, web_as):
    gx_a, gx_b = RiskPointFactory(), RiskPointFactory(patrols_per_week_in_season=3)
    sp = RiskPointFactory(township=township("沙坪镇"), patrols_per_week_in_season=1)
    PatrolFactory(risk_point=gx_a)
    PatrolFactory(risk_point=gx_a)
    PatrolFactory(risk_point=gx_b)
    PatrolFactory(risk_point=sp)
    totals = {
        t["township__name"]: (t["point_count"], t["behind"], t["missing_total"])
        for t in missing_patrols(user=demo_user("county_admin"), on=D(2024, 6, 5)).townships
    }
    assert totals == {"桂溪街道": (2, 1, 2), "沙坪镇": (1, 0, 0)}
    page = web_as("county_admin").get("/disasters/patrols/missing/", {"on": "2024-06-05"}).content.decode()
    assert "桂溪街道" in page and "沙坪镇" in page and "2024-06-03" in page
    mine = missing_patrols(user=demo_user("sp_staff"), on=D(2024, 6, 5))
    assert [t["township__name"] for t in mine.townships] == ["沙坪镇"] and list(mine.points) == [sp]


def test_the_missing_patrols_page_takes_the_same_queries_for_3_and_30_points(web_as):
    client = web_as("county_admin")
    counts = []
    for batch in [3, 27]:
        for point in RiskPointFactory.create_batch(batch):
            PatrolFactory(risk_point=point)
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/disasters/patrols/missing/", {"on": "2024-06-05", "township": township("桂溪街道").pk})
            assert page.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert "桂溪街道" in page.content.decode()


# --- pages, fragment, API, summary -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/disasters/patrols/", "/api/v1/patrols/"])
def test_the_patrol_list_takes_the_same_number_of_queries_for_10_and_40_patrols(path, web_as):
    client = web_as("county_admin")
    client.get(path)
    counts = []
    for total in [10, 40]:
        for _ in range(total - Patrol.objects.count()):
            PatrolFactory(situation="abnormal", findings="裂缝", hazard=None)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path, {"page_size": 100}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_list_filters(web_as):
    normal = PatrolFactory()
    odd = PatrolFactory(situation="abnormal", findings="落石", kind="after_rain", patrolled_at=at(2024, 7, 1))
    client = web_as("gx_staff")

    def listed(**query):
        return list(client.get("/disasters/patrols/", query).context["page"].object_list)

    assert listed(abnormal="true") == [odd]
    assert listed(kind="in_season") == [normal]
    assert listed(date_from="2024-06-10") == [odd]
    assert listed(risk_point=normal.risk_point_id) == [normal]
    assert listed(township=township("沙坪镇").pk) == []


@time_machine.travel(WEDNESDAY, tick=False)
def test_the_phone_form_records_a_patrol_and_keeps_what_was_typed_on_refusal(web_as):
    point = RiskPointFactory()
    client = web_as("gx_staff")
    page = client.get(f"/disasters/risk-points/{point.pk}/patrols/new/").content.decode()
    assert 'accept="image/*"' in page and 'capture="environment"' in page and "patrol_form.js" in page
    assert "<script>" not in page.replace('<script src="', "")
    refused = client.post(
        f"/disasters/risk-points/{point.pk}/patrols/new/",
        {"kind": "after_rain", "patrolled_at": "2024-06-05T09:30", "situation": "abnormal", "measures": "警示"},
    )
    assert refused.status_code == 400 and "巡查情况异常时须写明发现情况。" in refused.content.decode()
    assert "警示" in refused.content.decode() and not Patrol.objects.exists()
    photo = SimpleUploadedFile("a.png", PNG, content_type="image/png")
    done = client.post(
        "/disasters/patrols/new/",
        {
            "risk_point": point.pk, "kind": "after_rain", "patrolled_at": "2024-06-05T09:30",
            "situation": "abnormal", "findings": "裂缝", "photos": [photo],
            "open_hazard": "on", "hazard_level": "general", "hazard_deadline": "2024-06-15",
        },
    )  # fmt: skip
    patrol = Patrol.objects.get()
    assert done.status_code == 302 and patrol.hazard is not None and patrol.evidence.count() == 1
    detail = client.get(done["Location"]).content.decode()
    assert patrol.hazard.number in detail
    evidence = client.get(f"/disasters/patrols/evidence/{patrol.evidence.get().pk}/")
    assert evidence.status_code == 200
    assert web_as("sp_staff").get(f"/disasters/patrols/evidence/{patrol.evidence.get().pk}/").status_code == 404


def test_the_risk_point_fragment(demo_user, rf):
    point = RiskPointFactory(patrols_per_week_in_season=3)
    for day in (3, 4):
        PatrolFactory(risk_point=point, patrolled_at=at(2024, 6, day))
    summary = risk_point_patrol_summary(risk_point=point, on=D(2024, 6, 5), user=demo_user("gx_staff"))
    assert (summary["required"], summary["done"], summary["missing"], len(summary["latest"])) == (3, 2, 1, 2)
    html = render_to_string(
        "disasters/_risk_point_patrols.html", {"risk_point": point, "patrol_summary": summary}, request=rf.get("/")
    )
    assert "缺巡" in html and f"/disasters/risk-points/{point.pk}/patrols/new/" in html
    point.state, point.written_off_on = "written_off", D(2024, 6, 1)
    assert risk_point_patrol_summary(risk_point=point, on=D(2024, 6, 5))["missing"] == 0


@time_machine.travel(WEDNESDAY, tick=False)
def test_api_create_with_a_hazard_and_list(api_as):
    point = RiskPointFactory()
    client = api_as("gx_staff")
    created = client.post(
        "/api/v1/patrols/",
        {
            "risk_point": point.pk, "kind": "during_rain", "patrolled_at": "2024-06-05T08:00:00+08:00",
            "situation": "abnormal", "findings": "房屋后墙开裂", "open_hazard": True, "hazard_deadline": "2024-06-12",
            "files": [SimpleUploadedFile("a.png", PNG, content_type="image/png")],
        },
        format="multipart",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    assert created.data["hazard_number"].startswith("YH2024-") and len(created.data["evidence"]) == 1
    future = client.post(
        "/api/v1/patrols/",
        {"risk_point": point.pk, "kind": "routine", "patrolled_at": "2024-06-06T08:00:00+08:00"},
        format="json",
    )
    assert future.status_code == 400 and "巡查时间不能晚于现在" in future.content.decode()
    listed = client.get("/api/v1/patrols/", {"abnormal": "true"}).json()
    assert [row["id"] for row in listed["results"]] == [created.data["id"]]
    assert api_as("sp_staff").get("/api/v1/patrols/").json()["results"] == []
    missing = client.get("/api/v1/patrols/missing/", {"township": point.township_id}).json()
    assert missing["period"] == {"start": "2024-06-03", "end": "2024-06-09", "in_season": True}
    assert missing["townships"][0]["missing"] == 1 and missing["points"][0]["done"] == 1


def test_flood_seasons_are_set_by_the_county_office(api_as, web_as, demo_user):
    body = {"year": 2025, "starts_on": "2025-05-10", "ends_on": "2025-09-20"}
    assert api_as("gx_staff").post("/api/v1/flood-seasons/", body).status_code == 403
    assert api_as("county_admin").post("/api/v1/flood-seasons/", body).status_code == 201
    moved = api_as("county_admin").post("/api/v1/flood-seasons/", {**body, "ends_on": "2025-09-30"})
    assert moved.status_code == 201 and FloodSeason.objects.get(year=2025).ends_on == D(2025, 9, 30)
    bad = api_as("county_admin").post("/api/v1/flood-seasons/", {**body, "starts_on": "2024-05-01"})
    assert bad.status_code == 400 and "日期应在2025年内" in bad.content.decode()
    with pytest.raises(ValidationError) as error:
        services.flood_season_set(
            actor=demo_user("county_admin"), year=2026, starts_on=D(2026, 9, 1), ends_on=D(2026, 5, 1)
        )
    assert error.value.message_dict == {"ends_on": ["汛期结束日期不能早于开始日期。"]}
    assert period_for(D(2025, 9, 25)).in_season
    page = web_as("county_admin").post(
        "/disasters/flood-seasons/", {"year": 2026, "starts_on": "2026-05-01", "ends_on": "2026-04-01"}
    )
    assert page.status_code == 400 and "汛期结束日期不能早于开始日期。" in page.content.decode()
    assert web_as("gx_staff").post("/disasters/flood-seasons/", body).status_code == 403
    assert "2025-05-10" in web_as("gx_staff").get("/disasters/flood-seasons/").content.decode()


def test_the_weekly_summary_counts_last_weeks_points_behind(demo_user):
    behind, done = RiskPointFactory(patrols_per_week_in_season=1), RiskPointFactory(patrols_per_week_in_season=1)
    PatrolFactory(risk_point=done, patrolled_at=at(2024, 6, 5))
    [(label, number)] = weekly_patrol_counts(
        user=demo_user("county_admin"), week_start=D(2024, 6, 10), today=D(2024, 6, 10)
    )
    assert label == "未按要求巡查的隐患点（2024-06-03至2024-06-09）" and number == 1
    [(label, _n)] = weekly_patrol_counts(
        user=demo_user("county_admin"), week_start=D(2024, 11, 11), today=D(2024, 11, 11)
    )
    assert "2024-10-01至2024-10-31" in label
    assert weekly_patrol_counts(user=demo_user("jtj_head"), week_start=D(2024, 6, 10), today=D(2024, 6, 10)) == []
    assert behind.pk


@time_machine.travel(WEDNESDAY, tick=False)
def test_a_photo_that_lies_about_its_type_is_refused_and_nothing_saved(demo_user):
    point = RiskPointFactory()
    program = SimpleUploadedFile("crack.jpg", b"MZ\x90\x00" + b"\x00" * 64, content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        record(demo_user("gx_staff"), point, situation="abnormal", findings="裂缝", files=[program])
    assert "文件“crack.jpg”的内容不是允许的类型" in str(error.value)
    assert not Patrol.objects.exists()
