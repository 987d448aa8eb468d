"""安全宣传与活动 (key action 六, item 10): campaigns, the activities participating units report, the totals;
bad input refused in Chinese; only the organiser's and participants' people (and the county) see a campaign."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tasks import campaign_selectors, campaign_services
from tasks.models import ActivityEvidence, Campaign, CampaignActivity
from tests.tasks.factories_campaigns import PNG, activity, campaign, unit, user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_activities_of_participating_units_add_up_to_the_campaign_totals(web_as):
    c = campaign(participants=("桂溪街道", "沙坪镇", "应急局"))
    activity(c, count=120)
    activity(c, count=80, held_on=datetime.date(2024, 6, 20))
    activity(c, unit_name="沙坪镇", actor="sp_staff", count=50)
    row = campaign_selectors.campaign_queryset(user=user("county_admin")).get(pk=c.pk)
    assert (row.activity_total, row.participant_total, row.units_reporting, row.unit_total) == (3, 250, 2, 3)
    page = web_as("gx_staff").get(reverse("campaign-detail", args=[c.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "开展 3 次，参与 250 人次，2/3 个单位已填报" in body
    assert "尚未填报" in body  # 应急局 has not reported
    assert [r["unit"].name for r in page.context["unit_rows"] if not r["activities"]] == ["垫江县应急管理局"]


def test_a_unit_reports_an_activity_with_a_photo_served_only_to_those_who_see_the_campaign(web_as, client):
    c = campaign(participants=("桂溪街道",))
    photo = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    response = web_as("gx_staff").post(
        reverse("activity-create", args=[c.pk]),
        {
            "unit": unit("桂溪街道").pk,
            "held_on": "2024-06-16",
            "place": "东街广场",
            "participant_count": "300",
            "description": "咨询日",
            "evidence": photo,
        },
    )
    assert response.status_code == 302
    evidence = ActivityEvidence.objects.get(activity__campaign=c)
    assert evidence.content_type == "image/png" and evidence.uploaded_by == user("gx_staff")
    assert client.get(reverse("activity-evidence", args=[evidence.pk])).status_code == 200
    client.force_login(user("sp_staff"))  # 沙坪镇 takes no part
    assert client.get(reverse("activity-evidence", args=[evidence.pk])).status_code == 404


def test_a_campaign_ending_before_it_starts_is_refused_and_the_form_keeps_the_input(web_as):
    response = web_as("county_admin").post(
        reverse("campaign-create"),
        {
            "kind": "disaster_day",
            "year": "2024",
            "title": "防灾减灾日宣传周",
            "organizer": unit("应急局").pk,
            "participants": [unit("桂溪街道").pk],
            "start_date": "2024-05-17",
            "end_date": "2024-05-06",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "结束日期不能早于开始日期。" in body and "防灾减灾日宣传周" in body
    assert not Campaign.objects.filter(title="防灾减灾日宣传周").exists()
    with pytest.raises(ValidationError, match="结束日期不能早于开始日期。"):
        campaign(start_date=datetime.date(2024, 6, 30), end_date=datetime.date(2024, 6, 1))


def test_an_activity_outside_the_campaign_dates_or_with_negative_participants_is_refused(web_as):
    c = campaign()
    with pytest.raises(ValidationError, match="开展日期应在活动期间（2024-06-01至2024-06-30）内。"):
        activity(c, held_on=datetime.date(2024, 7, 2))
    with pytest.raises(ValidationError, match="参与人数不能小于0。"):
        activity(c, count=-1)
    response = web_as("gx_staff").post(
        reverse("activity-create", args=[c.pk]),
        {
            "unit": unit("桂溪街道").pk,
            "held_on": "2024-06-10",
            "place": "桂溪小学",
            "participant_count": "-5",
            "description": "演练",
        },
    )
    assert response.status_code == 400
    assert "参与人数不能小于0。" in response.content.decode() and "桂溪小学" in response.content.decode()
    assert not CampaignActivity.objects.exists()


def test_a_unit_not_taking_part_cannot_report(web_as):
    c = campaign(participants=("沙坪镇",), organizer="桂溪街道")
    with pytest.raises(ValidationError, match="桂溪街道不是该活动的参与单位，不能填报。"):
        activity(c, unit_name="桂溪街道", actor="county_admin")
    # 桂溪街道 organises but does not take part: its people see the campaign, yet may not report in it
    assert web_as("gx_staff").get(reverse("campaign-detail", args=[c.pk])).status_code == 200
    assert web_as("gx_staff").get(reverse("activity-create", args=[c.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        campaign_services.activity_create(
            actor=user("gx_staff"),
            campaign=c,
            unit=unit("沙坪镇"),
            held_on=datetime.date(2024, 6, 3),
            place="沙坪",
            participant_count=3,
            description="代填",
        )


def test_another_units_campaign_is_404_and_the_list_shows_only_visible_ones(web_as, django_assert_max_num_queries):
    own = campaign(title="桂溪参与的活动")
    other = campaign(title="只有沙坪的活动", organizer="沙坪镇", participants=("沙坪镇",))
    for n in range(3):
        activity(campaign(title=f"桂溪参与的活动{n}"), count=n)
    client = web_as("gx_staff")
    assert client.get(reverse("campaign-detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("campaign-detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("campaign-edit", args=[other.pk])).status_code == 404
    with django_assert_max_num_queries(8):
        page = client.get(reverse("campaign-list"))
    body = page.content.decode()
    assert "桂溪参与的活动" in body and "只有沙坪的活动" not in body
    assert "只有沙坪的活动" in web_as("county_leader").get(reverse("campaign-list")).content.decode()


def test_read_only_roles_and_participants_cannot_set_campaigns_up(web_as):
    c = campaign()
    for username in ("county_leader", "auditor"):
        client = web_as(username)
        assert client.get(reverse("campaign-create")).status_code == 403
        assert client.post(reverse("activity-create", args=[c.pk]), {}).status_code == 403
    # a participating township does not edit the 应急局's campaign
    assert web_as("gx_staff").get(reverse("campaign-edit", args=[c.pk])).status_code == 403
    with pytest.raises(PermissionDenied, match="只有安委办或组织单位可以修改宣传活动。"):
        campaign_services.campaign_update(actor=user("gx_staff"), campaign=c, title="改名")


def test_the_organiser_may_not_drop_a_reporting_unit_or_shrink_the_dates_past_an_activity():
    c = campaign()
    activity(c, held_on=datetime.date(2024, 6, 25))
    with pytest.raises(ValidationError, match="已填报活动的单位不能从参与单位中移除。"):
        campaign_services.campaign_update(actor=user("yjj_staff"), campaign=c, participants=[unit("沙坪镇")])
    with pytest.raises(ValidationError, match="已有1次活动的开展日期不在新的起止日期内"):
        campaign_services.campaign_update(actor=user("yjj_staff"), campaign=c, end_date=datetime.date(2024, 6, 20))
    updated = campaign_services.campaign_update(actor=user("yjj_staff"), campaign=c, title="安全生产月（改）")
    assert updated.title == "安全生产月（改）"


def test_the_api_lists_visible_campaigns_with_activities_and_reports_through_the_service(
    api_as, django_assert_max_num_queries
):
    own = campaign()
    other = campaign(title="沙坪自办", organizer="沙坪镇", participants=("沙坪镇",))
    activity(own)
    client = api_as("gx_staff")
    with django_assert_max_num_queries(6):
        listed = client.get(reverse("api:campaign-list")).json()
    assert [row["id"] for row in listed["results"]] == [own.pk]
    assert listed["results"][0]["participant_total"] == 120
    assert client.get(reverse("api:campaign-detail", args=[other.pk])).status_code == 404
    detail = client.get(reverse("api:campaign-detail", args=[own.pk])).json()
    assert [a["place"] for a in detail["activities"]] == ["东街广场"]
    url = reverse("api:campaign-activities", args=[own.pk])
    body = {"unit": unit("桂溪街道").pk, "held_on": "2024-07-05", "place": "社区", "participant_count": 9}
    refused = client.post(url, {**body, "description": "宣传"}, format="json")
    assert refused.status_code == 400 and "开展日期应在活动期间" in refused.content.decode()
    created = client.post(url, {**body, "held_on": "2024-06-05", "description": "宣传"}, format="json")
    assert created.status_code == 201
    assert api_as("county_leader").post(url, {**body, "description": "x"}, format="json").status_code == 403
    assert CampaignActivity.objects.filter(campaign=own).count() == 2
