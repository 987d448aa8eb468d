"""监测站点 on a 375-px phone: the list (state badges, the offline count) and a station with its readings fit."""

import datetime

import pytest
from django.utils import timezone

from tests.browser.test_layout import SCREENSHOTS, horizontal_overflow, sign_in
from tests.disasters.factories import RiskPointFactory
from tests.disasters.factories_stations import MonitoringStationFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]


def test_the_station_pages_fit_a_phone(phone, live_server):
    from core.models import User
    from disasters.station_services import station_reading_record

    point = RiskPointFactory(name="东街社区后山滑坡")
    station = MonitoringStationFactory(name="东街社区后山滑坡视频监控点", kind="video", risk_point=point)
    MonitoringStationFactory(name="桂溪河大桥水位站", kind="water_level", state="offline", offline_since=timezone.now())
    admin = User.objects.get(username="county_admin")
    for minutes in (30, 20, 10):
        at = timezone.now() - datetime.timedelta(minutes=minutes)
        station_reading_record(actor=admin, station=station, measured_at=at, value=minutes, unit="mm")
    sign_in(phone, live_server)
    for path in ("/disasters/stations/", f"/disasters/stations/{station.pk}/"):
        phone.goto(f"{live_server.url}{path}")
        assert phone.locator("h1").count() >= 1, path
        assert horizontal_overflow(phone) == 0, path
    assert phone.locator("#station-readings tbody tr").count() == 3
    phone.goto(f"{live_server.url}/disasters/stations/")
    assert phone.is_visible("text=离线 1 个")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "disasters-stations-375.png"), full_page=True)
