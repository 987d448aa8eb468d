"""监测站点 (item 20): registered and fed through the API, scoped to the township, a reading kept once, a future
time refused, a silent station marked offline by the beat task and its unit told once per offline episode."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import OrgUnit
from disasters.models import MonitoringStation, StationReading
from disasters.station_services import stations_mark_offline
from disasters.tasks import mark_stations_offline
from notifications.models import Reminder
from tests.disasters.factories import RiskPointFactory
from tests.disasters.factories_stations import MonitoringStationFactory

pytestmark = pytest.mark.django_db


def unit(name):
    return OrgUnit.objects.get(name=name)


def sp_station(**kwargs):
    return MonitoringStationFactory(
        township=unit("沙坪镇"), longitude=Decimal("107.43"), latitude=Decimal("30.23"), **kwargs
    )


def station_body(**overrides):
    return {
        "code": "JC-GX-900",
        "name": "东街雨量站",
        "kind": "rain",
        "township": unit("桂溪街道").pk,
        "longitude": "107.348512",
        "latitude": "30.327645",
        "source_system": "山洪灾害监测预警系统",
        "external_id": "RG0001",
        **overrides,
    }


def readings_url(station):
    return f"/api/v1/monitoring-stations/{station.pk}/readings/"


def iso(moment):
    return moment.isoformat()


# --- registering and scoping -----------------------------------------------------------------------------------


def test_a_township_registers_a_station_at_its_risk_point(api_as):
    point = RiskPointFactory()
    response = api_as("gx_staff").post("/api/v1/monitoring-stations/", station_body(risk_point=point.pk), format="json")

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["kind_display"] == "雨量站" and data["state"] == "online" and data["risk_point_name"] == point.name
    assert MonitoringStation.objects.get(code="JC-GX-900").registered_by.username == "gx_staff"


def test_a_station_outside_the_county_or_at_another_townships_point_is_refused_and_nothing_saved(api_as):
    other_point = RiskPointFactory(township=unit("沙坪镇"))
    client = api_as("county_admin")

    far = client.post("/api/v1/monitoring-stations/", station_body(longitude="116.397128"), format="json")
    wrong_point = client.post("/api/v1/monitoring-stations/", station_body(risk_point=other_point.pk), format="json")

    assert far.status_code == 400 and "不在本县范围内" in " ".join(far.json()["longitude"])
    assert wrong_point.status_code == 400 and "不属于桂溪街道" in " ".join(wrong_point.json()["risk_point"])
    assert not MonitoringStation.objects.exists()


def test_a_township_cannot_register_a_station_of_another_township(api_as):
    response = api_as("sp_staff").post("/api/v1/monitoring-stations/", station_body(), format="json")

    assert response.status_code == 400  # 桂溪街道 is not among the units 沙坪镇's staff may pick
    assert not MonitoringStation.objects.exists()


def test_a_township_updates_its_station_but_cannot_move_it_to_another_township(api_as):
    station = MonitoringStationFactory()
    client = api_as("gx_staff")
    url = f"/api/v1/monitoring-stations/{station.pk}/"

    renamed = client.patch(url, {"name": "东街雨量站（新）", "is_active": False}, format="json")
    moved = client.patch(url, {"township": unit("沙坪镇").pk}, format="json")

    assert renamed.status_code == 200 and renamed.json()["name"] == "东街雨量站（新）"
    assert moved.status_code == 400
    station.refresh_from_db()
    assert station.township.name == "桂溪街道" and station.is_active is False


def test_a_person_sees_own_townships_stations_and_not_others(api_as):
    mine, theirs = MonitoringStationFactory(), sp_station()
    client = api_as("gx_staff")

    ids = [row["id"] for row in client.get("/api/v1/monitoring-stations/").json()["results"]]
    assert ids == [mine.pk]
    assert client.get(f"/api/v1/monitoring-stations/{theirs.pk}/").status_code == 404
    assert client.get(readings_url(theirs)).status_code == 404
    posted = client.post(readings_url(theirs), {"measured_at": iso(timezone.now()), "value": "1"}, format="json")
    assert posted.status_code == 404
    assert not StationReading.objects.exists()


def test_the_owner_department_sees_and_feeds_its_stations(api_as):
    station = sp_station(owner_unit=OrgUnit.objects.get(short_name="应急局"))
    client = api_as("yjj_staff")

    assert client.get(f"/api/v1/monitoring-stations/{station.pk}/").status_code == 200
    response = client.post(readings_url(station), {"measured_at": iso(timezone.now()), "value": "3.5"}, format="json")
    assert response.status_code == 201, response.json()


def test_read_only_roles_cannot_write(api_as):
    station = MonitoringStationFactory()
    for username in ("auditor", "county_leader", "api_client"):
        client = api_as(username)
        assert client.post("/api/v1/monitoring-stations/", station_body(), format="json").status_code == 403
        patched = client.patch(f"/api/v1/monitoring-stations/{station.pk}/", {"name": "改"}, format="json")
        assert patched.status_code == 403
        posted = client.post(readings_url(station), {"measured_at": iso(timezone.now())}, format="json")
        assert posted.status_code == 403
    station.refresh_from_db()
    assert station.name.startswith("测试雨量站") and not StationReading.objects.exists()


def test_the_list_filters_by_township_kind_and_state(api_as):
    MonitoringStationFactory(kind="video", name="视频点")
    MonitoringStationFactory(state="faulty", name="坏站")
    sp_station(name="沙坪站")
    client = api_as("county_admin")

    def names(**params):
        return sorted(r["name"] for r in client.get("/api/v1/monitoring-stations/", params).json()["results"])

    assert names(kind="video") == ["视频点"]
    assert names(state="faulty") == ["坏站"]
    assert names(township=unit("沙坪镇").pk) == ["沙坪站"]
    assert client.get("/api/v1/monitoring-stations/", {"state": "gone"}).status_code == 400


def test_the_api_list_pins_its_queries(api_as, django_assert_max_num_queries):
    point = RiskPointFactory()
    MonitoringStationFactory.create_batch(10, risk_point=point, owner_unit=OrgUnit.objects.get(short_name="水利局"))
    sp_station()
    client = api_as("county_admin")
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/v1/monitoring-stations/").json()["results"]) == 11


# --- readings ------------------------------------------------------------------------------------------------------


def test_a_reading_updates_the_station_and_the_same_reading_again_is_kept_once(api_as):
    station = MonitoringStationFactory()
    client = api_as("gx_staff")
    measured_at = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=2)
    body = {"measured_at": iso(measured_at), "value": "12.5", "unit": "mm", "raw": {"rain_1h": 12.5}}

    first = client.post(readings_url(station), body, format="json")
    again = client.post(readings_url(station), {**body, "value": "99"}, format="json")

    assert first.status_code == 201, first.json()
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert again.json()["value"] == "12.500"  # the reading kept the first time, not the resent value
    assert StationReading.objects.filter(station=station).count() == 1
    station.refresh_from_db()
    assert station.state == "online" and station.last_value == Decimal("12.5") and station.last_unit == "mm"
    assert station.last_reading_at == measured_at
    listed = client.get(readings_url(station)).json()
    assert listed["count"] == 1 and listed["results"][0]["raw"] == {"rain_1h": 12.5}


def test_a_reading_from_the_future_is_refused_with_a_clear_message(api_as):
    station = MonitoringStationFactory()
    client = api_as("gx_staff")

    response = client.post(
        readings_url(station),
        {"measured_at": iso(timezone.now() + datetime.timedelta(hours=1)), "value": "1"},
        format="json",
    )

    assert response.status_code == 400
    assert "晚于当前时间" in " ".join(response.json()["measured_at"])
    assert not StationReading.objects.exists()
    station.refresh_from_db()
    assert station.last_reading_at is None
    # a device clock a little ahead (within STATION_CLOCK_SKEW_MINUTES) is accepted
    slightly_ahead = iso(timezone.now() + datetime.timedelta(minutes=2))
    assert client.post(readings_url(station), {"measured_at": slightly_ahead}, format="json").status_code == 201


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"value": "1"}, "measured_at", "必填"),
        ({"measured_at": "昨天", "value": "1"}, "measured_at", "日期时间"),
        ({"measured_at": "NOW", "value": "abc"}, "value", "数字"),
        ({"measured_at": "NOW", "state": "offline"}, "state", ""),
    ],
)
def test_bad_readings_are_refused_in_chinese_and_nothing_saved(api_as, body, field, words):
    station = MonitoringStationFactory()
    if body.get("measured_at") == "NOW":
        body = {**body, "measured_at": iso(timezone.now())}

    response = api_as("gx_staff").post(readings_url(station), body, format="json")

    assert response.status_code == 400
    assert words in " ".join(response.json()[field])
    assert not StationReading.objects.exists()


def test_a_device_reporting_a_fault_is_faulty_and_a_late_older_reading_does_not_go_back(api_as):
    station = MonitoringStationFactory()
    client = api_as("gx_staff")
    now = timezone.now().replace(microsecond=0)

    client.post(readings_url(station), {"measured_at": iso(now), "state": "faulty"}, format="json")
    late = client.post(readings_url(station), {"measured_at": iso(now - datetime.timedelta(hours=1)), "value": "4"})

    assert late.status_code == 201
    station.refresh_from_db()
    assert station.state == "faulty" and station.last_reading_at == now and station.last_value is None


# --- offline --------------------------------------------------------------------------------------------------------


def _heard_from(station, minutes_ago, actor, received_minutes_ago=0):
    from disasters.station_services import station_reading_record

    now = timezone.now()
    station_reading_record(
        actor=actor,
        station=station,
        measured_at=now - datetime.timedelta(minutes=minutes_ago),
        value=1,
        now=now - datetime.timedelta(minutes=received_minutes_ago),
    )


def test_a_silent_station_goes_offline_by_the_task_and_its_unit_is_told_once(demo_user, settings):
    settings.STATION_OFFLINE_MINUTES = 60
    silent, fresh = MonitoringStationFactory(name="沉默站"), MonitoringStationFactory(name="正常站")
    _heard_from(silent, 90, demo_user("county_admin"))
    _heard_from(fresh, 10, demo_user("county_admin"))

    assert mark_stations_offline() == 1
    assert mark_stations_offline() == 0  # nothing more to claim, nothing sent twice

    silent.refresh_from_db()
    fresh.refresh_from_db()
    assert silent.state == "offline" and silent.offline_since is not None and fresh.state == "online"
    told = Reminder.objects.filter(source="station_offline", object_id=silent.pk)
    assert sorted(told.values_list("recipient__username", flat=True)) == ["gx_head", "gx_staff"]
    assert "沉默站" in told.first().title and told.first().url == reverse("disasters:station-detail", args=[silent.pk])


def test_a_station_back_online_and_silent_again_is_a_new_episode(demo_user, settings):
    settings.STATION_OFFLINE_MINUTES = 60
    station = MonitoringStationFactory(owner_unit=OrgUnit.objects.get(short_name="应急局"))
    admin = demo_user("county_admin")
    _heard_from(station, 300, admin)
    stations_mark_offline(now=timezone.now() - datetime.timedelta(minutes=150))

    _heard_from(station, 120, admin, received_minutes_ago=115)  # back: online again
    station.refresh_from_db()
    assert station.state == "online" and station.offline_since is None

    stations_mark_offline()
    told = Reminder.objects.filter(source="station_offline", object_id=station.pk)
    assert told.values("deadline", "offset").distinct().count() == 2  # one message per episode
    assert set(told.values_list("recipient__username", flat=True)) == {"yjj_staff", "yjj_head"}  # the owner unit


def test_a_backlog_uploaded_after_a_long_silence_does_not_end_the_offline_episode(demo_user, settings):
    settings.STATION_OFFLINE_MINUTES = 60
    station = MonitoringStationFactory()
    _heard_from(station, 300, demo_user("county_admin"))
    stations_mark_offline()

    _heard_from(station, 200, demo_user("county_admin"))  # newer than the last, but long past

    station.refresh_from_db()
    assert station.state == "offline" and station.offline_since is not None
    assert station.last_reading_at > timezone.now() - datetime.timedelta(minutes=201)


def test_a_station_that_never_reported_goes_offline_after_the_set_time(settings):
    settings.STATION_OFFLINE_MINUTES = 60
    station = MonitoringStationFactory()
    MonitoringStation.objects.filter(pk=station.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    inactive = MonitoringStationFactory(is_active=False)
    MonitoringStation.objects.filter(pk=inactive.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))

    assert [s.pk for s in stations_mark_offline()] == [station.pk]


def test_the_sweep_runs_every_five_minutes_in_the_beat_schedule():
    from config.celery import app

    entry = app.conf.beat_schedule["mark-stations-offline"]
    assert entry["task"] == mark_stations_offline.name == "disasters.tasks.mark_stations_offline"
    assert entry["options"]["expires"] < entry["schedule"]


def test_the_ledger_rows_carry_a_label_for_the_delivery_page():
    from notifications.registry import source_label

    assert str(source_label("station_offline")) == "监测站点离线"


# --- pages ------------------------------------------------------------------------------------------------------------


def test_the_list_page_shows_own_stations_their_states_and_the_offline_count(web_as, django_assert_max_num_queries):
    MonitoringStationFactory(name="东街雨量站")
    MonitoringStationFactory(name="断线水位站", state="offline", offline_since=timezone.now())
    sp_station(name="沙坪雨量站", state="offline", offline_since=timezone.now())
    client = web_as("gx_staff")

    with django_assert_max_num_queries(12):
        page = client.get(reverse("disasters:station-list"))

    html = page.content.decode()
    assert page.status_code == 200
    assert "东街雨量站" in html and "断线水位站" in html and "沙坪雨量站" not in html
    assert "离线 1 个" in html and "text-bg-danger" in html
    filtered = client.get(reverse("disasters:station-list"), {"state": "offline"}).content.decode()
    assert "断线水位站" in filtered and "东街雨量站" not in filtered


def test_the_detail_page_shows_recent_readings_and_hides_other_townships(web_as, demo_user):
    mine, theirs = MonitoringStationFactory(name="东街雨量站"), sp_station()
    _heard_from(mine, 5, demo_user("gx_staff"))
    client = web_as("gx_staff")

    page = client.get(reverse("disasters:station-detail", args=[mine.pk]))
    assert page.status_code == 200 and 'id="station-readings"' in page.content.decode()
    assert "尚未收到监测数据" not in page.content.decode()
    assert client.get(reverse("disasters:station-detail", args=[theirs.pk])).status_code == 404


def test_the_disasters_menu_links_the_stations(web_as):
    html = web_as("gx_staff").get(reverse("disasters:risk-point-list")).content.decode()
    assert reverse("disasters:station-list") in html


def test_the_risk_points_page_lists_its_stations(web_as):
    point = RiskPointFactory()
    MonitoringStationFactory(risk_point=point, name="滑坡裂缝视频点", kind="video")

    html = web_as("gx_staff").get(reverse("disasters:risk-point-detail", args=[point.pk])).content.decode()

    assert 'id="risk-point-stations"' in html and "滑坡裂缝视频点" in html
