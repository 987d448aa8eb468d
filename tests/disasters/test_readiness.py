"""Rescue teams (专、常、群), emergency plans (预案) and drills (演练): rules, scoping, pages, API, reminders."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import OrgUnit
from disasters import readiness_selectors as selectors
from disasters import readiness_services as services
from disasters.models import Drill, EmergencyPlan, RescueTeam, TeamEquipment, TeamMember
from notifications.models import Reminder, ReminderRule
from notifications.sweep import reminder_sweep_due
from tests.disasters.factories_readiness import (
    DrillFactory,
    EmergencyPlanFactory,
    RescueTeamFactory,
    TeamEquipmentFactory,
    TeamMemberFactory,
    township,
)

D = datetime.date
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
COUNTY_TEAM = "垫江县综合应急救援大队（演示）"
GX_TEAM = "桂溪街道综合应急救援队（演示）"
SP_TEAM = "沙坪镇群众义务抢险队（演示）"


def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def drill_values(**overrides):
    return {
        "title": "山洪灾害避险演练",
        "held_on": D(2024, 7, 10),
        "kind": "live",
        "organiser": township(),
        "participants": 60,
        **overrides,
    }


# ---- drills: dates and files ---------------------------------------------------------------------------------


def test_a_drill_dated_in_the_future_is_refused_and_nothing_is_saved(demo_user):
    with pytest.raises(ValidationError) as error:
        services.drill_create(
            actor=demo_user("gx_staff"),
            files=[SimpleUploadedFile("现场.png", PNG, content_type="image/png")],
            **drill_values(held_on=tomorrow(), teams=[RescueTeam.objects.get(name=GX_TEAM)]),
        )
    assert error.value.message_dict == {"held_on": ["演练日期不能晚于今天：请在演练结束后登记。"]}
    assert not Drill.objects.filter(title="山洪灾害避险演练").exists()


def test_a_drill_form_with_a_future_date_keeps_what_was_typed(web_as):
    client = web_as("gx_staff")
    data = {**drill_values(held_on=tomorrow(), organiser=township().pk), "scenario": "山洪暴发，沿河群众转移"}
    response = client.post("/disasters/drills/new/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "演练日期不能晚于今天" in page and "山洪暴发，沿河群众转移" in page
    assert not Drill.objects.filter(title="山洪灾害避险演练").exists()


def test_a_drill_records_its_teams_units_and_photos(web_as, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client = web_as("gx_staff")
    team = RescueTeam.objects.get(name=GX_TEAM)
    data = {
        **drill_values(organiser=township().pk),
        "teams": [team.pk],
        "participating_units": [township().pk],
        "findings": "广播覆盖不全",
        "files": [SimpleUploadedFile("现场.png", PNG, content_type="image/png")],
    }
    response = client.post("/disasters/drills/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    drill = Drill.objects.get(title="山洪灾害避险演练")
    assert list(drill.teams.all()) == [team] and drill.recorded_by.username == "gx_staff"
    evidence = drill.evidence.get()
    page = client.get(f"/disasters/drills/{drill.pk}/").content.decode()
    assert "广播覆盖不全" in page and f"/disasters/drills/evidence/{evidence.pk}/" in page
    assert client.get(f"/disasters/drills/evidence/{evidence.pk}/").status_code == 200
    assert web_as("sp_staff").get(f"/disasters/drills/evidence/{evidence.pk}/").status_code == 404


def test_a_file_that_is_not_a_document_is_refused(demo_user):
    with pytest.raises(ValidationError) as error:
        services.drill_create(
            actor=demo_user("gx_staff"),
            files=[SimpleUploadedFile("脚本.exe", b"MZ\x90\x00" + b"\x00" * 64)],
            **drill_values(),
        )
    assert "不能上传" in error.value.message_dict["files"][0]
    assert not Drill.objects.filter(title="山洪灾害避险演练").exists()


def test_drills_are_counted_per_unit_and_year(demo_user):
    DrillFactory(held_on=D(2023, 8, 1))
    counts = selectors.drill_counts(selectors.drill_queryset(user=demo_user("gx_staff")))
    assert {row["y"]: row["n"] for row in counts["per_year"]} == {2024: 1, 2023: 1}
    assert [(row["organiser__name"], row["n"]) for row in counts["per_unit"]] == [("桂溪街道", 2)]
    county = selectors.drill_counts(
        selectors.drill_queryset(user=demo_user("county_leader")).filter(held_on__year=2024)
    )
    assert sum(row["n"] for row in county["per_unit"]) == 3


# ---- teams: members and equipment ----------------------------------------------------------------------------


def test_a_member_who_leaves_keeps_the_row_and_the_history(demo_user):
    member = TeamMemberFactory(team=RescueTeam.objects.get(name=GX_TEAM))
    services.team_member_leave(actor=demo_user("gx_staff"), member=member, left_on=D(2024, 6, 30))
    member.refresh_from_db()
    assert member.left_on == D(2024, 6, 30) and not member.is_active
    assert list(member.events.order_by("pgh_id").values_list("left_on", flat=True)) == [None, D(2024, 6, 30)]
    team = selectors.rescue_team_queryset(user=demo_user("gx_staff")).get(name=GX_TEAM)
    assert team.active_members == 4 and TeamMember.objects.filter(team=team).count() == 5
    with pytest.raises(ValidationError) as error:
        services.team_member_leave(actor=demo_user("gx_staff"), member=member, left_on=D(2024, 7, 1))
    assert error.value.message_dict["left_on"] == [f"{member.name}已于2024-06-30离队。"]


def test_leaving_before_joining_or_in_the_future_is_refused(demo_user):
    member = TeamMemberFactory(joined_on=D(2024, 3, 1))
    for day, message in [
        (D(2024, 2, 1), "离队日期不能早于入队日期（2024-03-01）。"),
        (tomorrow(), "离队日期不能晚于今天。"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.team_member_leave(actor=demo_user("gx_staff"), member=member, left_on=day)
        assert error.value.message_dict == {"left_on": [message]}
    member.refresh_from_db()
    assert member.left_on is None


def test_the_member_leave_page_keeps_the_member_on_the_detail_page(web_as):
    member = TeamMember.objects.get(name="孙伟")
    client = web_as("gx_head")
    response = client.post(f"/disasters/rescue-teams/members/{member.pk}/leave/", {"left_on": "2024-10-01"})
    assert response.status_code == 302
    page = client.get(f"/disasters/rescue-teams/{member.team_id}/").content.decode()
    assert "已离队队员（1人）" in page and "2024-10-01" in page


def test_a_negative_quantity_is_refused_here_and_in_the_database(demo_user):
    team = RescueTeam.objects.get(name=GX_TEAM)
    with pytest.raises(ValidationError) as error:
        services.team_equipment_add(actor=demo_user("gx_staff"), team=team, name="抽水泵", quantity=-1)
    assert error.value.message_dict == {"quantity": ["数量不能为负数。"]}
    equipment = TeamEquipmentFactory(team=team)
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamEquipment.objects.filter(pk=equipment.pk).update(quantity=-5)


def test_a_team_name_is_unique_within_its_unit(demo_user):
    with pytest.raises(ValidationError) as error:
        services.rescue_team_create(actor=demo_user("gx_staff"), name=GX_TEAM, kind="standing", owner_unit=township())
    assert error.value.messages == ["该单位已有同名的救援队伍。"]


def test_the_team_list_filters_by_kind_unit_and_speciality(demo_user):
    def names(**filters):
        return {t.name for t in selectors.rescue_team_list(user=demo_user("county_admin"), filters=filters).qs}

    assert names(kind="volunteer") == {SP_TEAM}
    assert names(speciality="water_rescue") == {COUNTY_TEAM}
    assert names(unit=str(township("沙坪镇").pk)) == {SP_TEAM}
    county = selectors.rescue_team_queryset(user=demo_user("county_admin")).get(name=COUNTY_TEAM)
    assert (county.active_members, county.equipment_lines, county.equipment_items) == (5, 5, 89)


# ---- emergency plans: revision dates and the reminder engine ------------------------------------------------


def test_the_revision_date_defaults_to_three_years_and_moves_with_a_revision(demo_user):
    gx = demo_user("gx_staff")
    plan = services.emergency_plan_create(
        actor=gx, title="桂溪街道防汛预案", level="township", owner_unit=township(), approved_on=D(2024, 2, 29)
    )
    assert plan.next_revision_due == D(2027, 2, 28)
    plan = services.emergency_plan_update(actor=gx, plan=plan, revised_on=D(2025, 4, 1), next_revision_due=None)
    assert plan.next_revision_due == D(2028, 4, 1)


def test_a_revision_date_before_approval_is_refused(demo_user):
    with pytest.raises(ValidationError) as error:
        services.emergency_plan_create(
            actor=demo_user("gx_staff"),
            title="桂溪街道防汛预案",
            level="township",
            owner_unit=township(),
            approved_on=D(2024, 5, 1),
            next_revision_due=D(2024, 4, 1),
        )
    assert error.value.message_dict == {"next_revision_due": ["下次修订期限不能早于印发日期。"]}
    assert not EmergencyPlan.objects.filter(title="桂溪街道防汛预案").exists()


def test_a_plan_past_its_revision_date_is_flagged(web_as, demo_user):
    EmergencyPlanFactory(
        title="已废止的旧预案", approved_on=D(2019, 1, 1), next_revision_due=D(2022, 1, 1), is_current=False
    )
    flags = {p.title: p.revision_due for p in selectors.emergency_plan_queryset(user=demo_user("gx_staff"))}
    assert flags == {"桂溪街道地质灾害应急预案（演示）": True, "已废止的旧预案": False}
    due = selectors.emergency_plan_list(user=demo_user("county_admin"), filters={"revision_due": "true"}).qs
    assert [p.title for p in due] == ["桂溪街道地质灾害应急预案（演示）"]
    page = web_as("gx_staff").get("/disasters/emergency-plans/").content.decode()
    assert page.count("到期待修订</span>") == 1


def test_a_plan_due_for_revision_is_reminded_once_to_its_unit(demo_user):
    today = D(2024, 9, 27)
    plan = EmergencyPlanFactory(approved_on=D(2021, 9, 27), next_revision_due=today)
    EmergencyPlanFactory(approved_on=D(2021, 9, 27), next_revision_due=today, is_current=False)
    assert ReminderRule.objects.filter(source="emergency_plan_revision", is_active=True).exists()
    created = reminder_sweep_due(today=today)
    rows = Reminder.objects.filter(pk__in=created, source="emergency_plan_revision")
    assert {(r.object_id, r.recipient.username) for r in rows} == {(plan.pk, "gx_staff"), (plan.pk, "gx_head")}
    assert rows.first().url == f"/disasters/emergency-plans/{plan.pk}/" and plan.title in rows.first().title
    assert not Reminder.objects.filter(pk__in=reminder_sweep_due(today=today), source="emergency_plan_revision")


def test_a_plan_file_is_checked_and_served_only_in_scope(web_as, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client = web_as("gx_staff")
    data = {"title": "桂溪街道防汛预案", "level": "township", "owner_unit": township().pk, "approved_on": "2024-04-01"}
    refused = client.post("/disasters/emergency-plans/new/", {**data, "upload": SimpleUploadedFile("a.exe", b"MZ")})
    assert refused.status_code == 400 and "不能上传" in refused.content.decode()
    pdf = SimpleUploadedFile(
        "预案.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", content_type="application/pdf"
    )
    assert client.post("/disasters/emergency-plans/new/", {**data, "upload": pdf}).status_code == 302
    plan = EmergencyPlan.objects.get(title="桂溪街道防汛预案")
    assert (plan.file_name, plan.file_type, plan.next_revision_due) == ("预案.pdf", "application/pdf", D(2027, 4, 1))
    assert client.get(f"/disasters/emergency-plans/{plan.pk}/file/").status_code == 200
    assert web_as("sp_staff").get(f"/disasters/emergency-plans/{plan.pk}/file/").status_code == 404


# ---- who sees and changes what -------------------------------------------------------------------------------


def test_a_township_sees_its_own_team_and_not_another_townships(web_as):
    client = web_as("gx_staff")
    gx, sp, county = (RescueTeam.objects.get(name=n) for n in (GX_TEAM, SP_TEAM, COUNTY_TEAM))
    assert client.get(f"/disasters/rescue-teams/{gx.pk}/").status_code == 200
    assert client.get(f"/disasters/rescue-teams/{sp.pk}/").status_code == 404
    assert client.get(f"/disasters/rescue-teams/{county.pk}/").status_code == 404
    rows = client.get("/disasters/rescue-teams/").context["page"]
    assert [t.name for t in rows] == [GX_TEAM]
    assert client.get(f"/disasters/rescue-teams/{gx.pk}/edit/").status_code == 200
    assert web_as("sp_staff").get(f"/disasters/rescue-teams/{gx.pk}/edit/").status_code == 404


def test_each_list_shows_only_the_rows_the_person_may_see(web_as):
    sp = web_as("sp_staff")
    plans = [p.title for p in sp.get("/disasters/emergency-plans/").context["page"]]
    drills = [d.title for d in sp.get("/disasters/drills/").context["page"]]
    assert plans == [] and drills == ["沙坪镇森林防灭火桌面推演（演示）"]
    yjj = web_as("yjj_staff")
    assert {t.name for t in yjj.get("/disasters/rescue-teams/").context["page"]} == {COUNTY_TEAM}
    assert len(web_as("county_leader").get("/disasters/drills/?year=2024").context["page"]) == 3


def test_read_only_roles_are_refused(web_as, api_as, demo_user):
    team = RescueTeam.objects.get(name=GX_TEAM)
    leader = web_as("county_leader")
    assert leader.get(f"/disasters/rescue-teams/{team.pk}/").status_code == 200
    assert leader.get("/disasters/rescue-teams/new/").status_code == 403
    assert leader.get(f"/disasters/rescue-teams/{team.pk}/edit/").status_code == 403
    assert "登记队伍" not in leader.get("/disasters/rescue-teams/").content.decode()
    response = api_as("auditor").post("/api/v1/drills/", {**drill_values(organiser=township().pk)}, format="json")
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.team_member_add(actor=demo_user("api_client"), team=team, name="某人")
    assert not Drill.objects.filter(title="山洪灾害避险演练").exists()


def test_a_department_keeps_its_own_teams_and_a_township_its_own(demo_user):
    county = RescueTeam.objects.get(name=COUNTY_TEAM)
    services.rescue_team_update(actor=demo_user("yjj_staff"), team=county, on_duty_phone="023-74600120")
    with pytest.raises(PermissionDenied):
        services.rescue_team_update(actor=demo_user("gx_staff"), team=county, on_duty_phone="1")
    with pytest.raises(PermissionDenied):
        services.rescue_team_create(
            actor=demo_user("gx_staff"), name="越权队伍", kind="volunteer", owner_unit=township("沙坪镇")
        )
    with pytest.raises(PermissionDenied):  # a grid member is not the township
        services.rescue_team_create(
            actor=demo_user("gx_grid"), name="网格队伍", kind="volunteer", owner_unit=township()
        )


# ---- API -----------------------------------------------------------------------------------------------------


def test_the_api_creates_a_team_with_members_and_equipment(api_as):
    client = api_as("yjj_staff")
    yjj = OrgUnit.objects.get(short_name="应急局")
    data = {"name": "垫江县危化品救援队", "kind": "professional", "owner_unit": yjj.pk, "specialities": ["hazchem"]}
    response = client.post("/api/v1/rescue-teams/", data, format="json")
    assert response.status_code == 201, response.json()
    team_id = response.json()["id"]
    member = client.post(f"/api/v1/rescue-teams/{team_id}/members/", {"name": "钱进", "joined_on": "2024-01-02"})
    assert member.status_code == 201 and member.json()["active_members"] == 1
    bad = client.post(f"/api/v1/rescue-teams/{team_id}/equipment/", {"name": "防化服", "quantity": -2}, format="json")
    assert bad.status_code == 400 and bad.json() == {"quantity": ["数量不能为负数。"]}
    good = client.post(f"/api/v1/rescue-teams/{team_id}/equipment/", {"name": "防化服", "quantity": 8}, format="json")
    assert good.json()["equipment"][0]["quantity"] == 8
    member_id = good.json()["members"][0]["id"]
    left = client.post(f"/api/v1/rescue-teams/{team_id}/members/{member_id}/leave/", {"left_on": "2024-05-01"})
    assert left.status_code == 200 and left.json()["members"][0]["left_on"] == "2024-05-01"
    assert left.json()["active_members"] == 0


def test_the_api_refuses_a_future_drill_and_lists_by_year_unit_and_kind(api_as):
    client = api_as("county_admin")
    future = client.post("/api/v1/drills/", {**drill_values(organiser=township().pk), "held_on": str(tomorrow())})
    assert future.status_code == 400 and future.json() == {"held_on": ["演练日期不能晚于今天：请在演练结束后登记。"]}
    assert not Drill.objects.filter(title="山洪灾害避险演练").exists()
    team = RescueTeam.objects.get(name=GX_TEAM)
    data = {**drill_values(organiser=township().pk, held_on="2023-07-10"), "teams": [team.pk]}
    created = client.post("/api/v1/drills/", data, format="json")
    assert created.status_code == 201 and created.json()["teams"][0]["name"] == GX_TEAM

    def titles(query):
        return {d["title"] for d in client.get(f"/api/v1/drills/{query}").json()["results"]}

    assert len(titles("?year=2024")) == 3 and titles("?year=2023") == {"山洪灾害避险演练"}
    assert titles("?kind=tabletop") == {"沙坪镇森林防灭火桌面推演（演示）"}
    assert titles(f"?unit={township('沙坪镇').pk}&year=2024") == {"沙坪镇森林防灭火桌面推演（演示）"}
    water = OrgUnit.objects.get(short_name="水利局").pk  # a participating unit, not the organiser
    assert titles(f"?unit={water}") == {"垫江县2024年防汛抢险综合应急演练（演示）"}


def test_the_api_creates_a_plan_and_flags_its_revision(api_as):
    client = api_as("gx_staff")
    data = {"title": "桂溪街道防汛预案", "level": "township", "owner_unit": township().pk, "approved_on": "2024-04-01"}
    created = client.post("/api/v1/emergency-plans/", data, format="json")
    assert created.status_code == 201 and created.json()["next_revision_due"] == "2027-04-01"
    listed = client.get("/api/v1/emergency-plans/?revision_due=true").json()["results"]
    assert [p["title"] for p in listed] == ["桂溪街道地质灾害应急预案（演示）"] and listed[0]["revision_due"] is True
    other = api_as("sp_staff").get(f"/api/v1/emergency-plans/{created.json()['id']}/")
    assert other.status_code == 404


# ---- query counts --------------------------------------------------------------------------------------------


def _queries(client, path):
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


def _more_rows():
    for _ in range(4):
        team = RescueTeamFactory()
        TeamMemberFactory(team=team)
        TeamEquipmentFactory(team=team)
        plan = EmergencyPlanFactory()
        drill = DrillFactory(plan=plan)
        drill.teams.add(team)
        drill.participating_units.add(township("沙坪镇"))


@pytest.mark.parametrize(
    "path, pinned",
    [
        ("/disasters/rescue-teams/", 7),
        ("/disasters/emergency-plans/", 7),
        ("/disasters/drills/?year=2024", 9),
        ("/api/v1/rescue-teams/", 5),
        ("/api/v1/emergency-plans/", 5),
        ("/api/v1/drills/", 7),
    ],
)
def test_the_lists_take_a_fixed_number_of_queries(path, pinned, web_as):
    client = web_as("county_admin")
    few = _queries(client, path)
    _more_rows()
    assert _queries(client, path) == few == pinned


def test_every_readiness_page_opens_for_the_unit_that_keeps_it(web_as):
    client = web_as("gx_staff")
    team = RescueTeam.objects.get(name=GX_TEAM)
    member, equipment = team.members.first(), team.equipment.first()
    plan = EmergencyPlan.objects.get(title="桂溪街道地质灾害应急预案（演示）")
    drill = Drill.objects.get(title="桂溪街道地质灾害避险转移实战演练（演示）")
    paths = [
        "/disasters/rescue-teams/new/",
        f"/disasters/rescue-teams/{team.pk}/edit/",
        f"/disasters/rescue-teams/{team.pk}/members/new/",
        f"/disasters/rescue-teams/members/{member.pk}/leave/",
        f"/disasters/rescue-teams/{team.pk}/equipment/new/",
        f"/disasters/rescue-teams/equipment/{equipment.pk}/edit/",
        "/disasters/emergency-plans/new/",
        f"/disasters/emergency-plans/{plan.pk}/",
        f"/disasters/emergency-plans/{plan.pk}/edit/",
        "/disasters/drills/new/",
        f"/disasters/drills/{drill.pk}/",
        f"/disasters/drills/{drill.pk}/edit/",
    ]
    assert {path: client.get(path).status_code for path in paths} == dict.fromkeys(paths, 200)
