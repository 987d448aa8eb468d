"""The warning pages and the API's reads: who sees which warning, the forms, and the lists' query counts."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from core.models import OrgUnit
from disasters.models import Warning, WarningResponse
from tests.disasters.factories_warnings import WarningFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns(db):
    return {t.name: t for t in OrgUnit.objects.filter(kind="township")}


@pytest.fixture
def gx_only(db):
    return WarningFactory(townships=["桂溪街道"], level="orange", type="rainstorm")


@pytest.fixture
def sp_only(db):
    return WarningFactory(townships=["沙坪镇"], level="yellow")


def test_each_township_sees_the_warnings_of_its_area_only(web_as, api_as, gx_only, sp_only):
    assert web_as("gx_staff").get(f"/disasters/warnings/{gx_only.pk}/").status_code == 200
    assert web_as("gx_staff").get(f"/disasters/warnings/{sp_only.pk}/").status_code == 404
    page = web_as("gx_staff").get("/disasters/warnings/").content.decode()
    assert gx_only.number in page and sp_only.number not in page
    numbers = [w["number"] for w in api_as("gx_staff").get("/api/v1/warnings/").json()["results"]]
    assert numbers == [gx_only.number]
    assert api_as("gx_staff").get(f"/api/v1/warnings/{sp_only.pk}/").status_code == 404
    # A grid member under 桂溪街道 sees its township's warnings; county-wide readers see all.
    assert web_as("gx_grid").get(f"/disasters/warnings/{gx_only.pk}/").status_code == 200
    assert web_as("gx_grid").get(f"/disasters/warnings/{sp_only.pk}/").status_code == 404
    for username in ["county_leader", "auditor", "api_client"]:
        assert len(api_as(username).get("/api/v1/warnings/").json()["results"]) == 2


def test_a_department_sees_the_warnings_it_issued(api_as, towns, gx_only):
    body = {"type": "geological", "level": "blue", "text": "地灾蓝色预警", "townships": [towns["沙坪镇"].pk]}
    mine = api_as("yjj_staff").post("/api/v1/warnings/", body, format="json").json()
    assert [w["number"] for w in api_as("yjj_head").get("/api/v1/warnings/").json()["results"]] == [mine["number"]]
    assert api_as("jtj_head").get("/api/v1/warnings/").json()["results"] == []


def test_the_list_puts_warnings_in_force_first_with_their_acknowledgement_counts(web_as, api_as, demo_user):
    now = timezone.now()
    old_red = WarningFactory(level="red", issued_at=now - datetime.timedelta(days=3), townships=["桂溪街道", "沙坪镇"])
    old_red.lifted_at = now
    old_red.save()
    blue = WarningFactory(level="blue", issued_at=now - datetime.timedelta(hours=2), townships=["桂溪街道", "沙坪镇"])
    red = WarningFactory(level="red", issued_at=now - datetime.timedelta(days=1), townships=["桂溪街道", "沙坪镇"])
    red.acknowledgements.filter(township__name="桂溪街道").update(
        acknowledged_at=now, acknowledged_by=demo_user("gx_staff")
    )
    rows = api_as("county_admin").get("/api/v1/warnings/").json()["results"]
    assert [r["number"] for r in rows] == [red.number, blue.number, old_red.number]
    assert [(r["acknowledged"], r["townships"]) for r in rows] == [(1, 2), (0, 2), (0, 2)]
    page = web_as("county_admin").get("/disasters/warnings/").content.decode()
    assert page.index(red.number) < page.index(blue.number) < page.index(old_red.number)
    assert "已叫应 1/2" in page and "#dc2626" in page and "#1d4ed8" in page


def test_the_list_filters_by_level_type_and_in_force(api_as, gx_only, sp_only):
    sp_only.lifted_at = timezone.now()
    sp_only.save()

    def get(query):
        rows = api_as("county_admin").get(f"/api/v1/warnings/?{query}").json()["results"]
        return [w["number"] for w in rows]

    assert get("level=orange") == [gx_only.number]
    assert get("type=geological") == [sp_only.number]
    assert get("in_force=true") == [gx_only.number]
    assert get("in_force=false") == [sp_only.number]
    bad = api_as("county_admin").get("/api/v1/warnings/?level=purple")
    assert bad.status_code == 400


def test_the_list_takes_a_fixed_number_of_queries(web_as, api_as, django_assert_max_num_queries):
    WarningFactory.create_batch(3, townships=["桂溪街道", "沙坪镇"])
    client, api = web_as("gx_staff"), api_as("gx_staff")
    with django_assert_max_num_queries(8):
        assert client.get("/disasters/warnings/").status_code == 200
    with django_assert_max_num_queries(6):
        assert api.get("/api/v1/warnings/").status_code == 200
    WarningFactory.create_batch(20, townships=["桂溪街道", "沙坪镇", "新民镇"])
    with django_assert_max_num_queries(8):
        assert client.get("/disasters/warnings/").status_code == 200
    with django_assert_max_num_queries(6):
        assert api.get("/api/v1/warnings/").status_code == 200


def test_the_detail_page_takes_a_fixed_number_of_queries(web_as, demo_user, django_assert_max_num_queries):
    names = list(OrgUnit.objects.filter(kind="township").values_list("name", flat=True)[:10])
    warning = WarningFactory(townships=names)
    for ack in warning.acknowledgements.all()[:5]:
        WarningResponse.objects.create(
            warning=warning,
            township=ack.township,
            evacuate=True,
            people_moved=2,
            recorded_by=demo_user("county_admin"),
            recorded_at=timezone.now(),
        )
    client = web_as("county_admin")
    with django_assert_max_num_queries(12):
        assert client.get(f"/disasters/warnings/{warning.pk}/").status_code == 200


def test_the_detail_shows_who_has_and_has_not_acknowledged(web_as, demo_user):
    with time_machine.travel("2024-07-10 09:00 +0800", tick=False) as clock:
        warning = WarningFactory(townships=["桂溪街道", "沙坪镇"])
        warning.acknowledgements.filter(township__name="桂溪街道").update(
            acknowledged_at=timezone.now(), acknowledged_by=demo_user("gx_staff")
        )
        clock.move_to("2024-07-10 09:40 +0800")
        page = web_as("sp_staff").get(f"/disasters/warnings/{warning.pk}/").content.decode()
    assert "已叫应 1/2" in page and "桂溪街道应急办" in page
    assert "未叫应" in page and "已超时" in page and "list-group-item-danger" in page
    assert "确认叫应" in page  # 沙坪镇's own button
    assert "解除预警" not in page  # only the issuer lifts


def test_a_township_person_acknowledges_on_the_page(web_as, towns):
    warning = WarningFactory(townships=["桂溪街道", "沙坪镇"])
    client = web_as("sp_staff")
    url = f"/disasters/warnings/{warning.pk}/acknowledge/"
    done = client.post(url, {"township": towns["沙坪镇"].pk, "note": "收到"})
    assert done.status_code == 302
    ack = warning.acknowledgements.get(township__name="沙坪镇")
    assert ack.acknowledged_by.username == "sp_staff" and ack.note == "收到"
    refused = client.post(url, {"township": towns["桂溪街道"].pk, "note": "代桂溪"})
    assert refused.status_code == 400 and "您只能为本乡镇（街道）叫应。" in refused.content.decode()
    assert not warning.acknowledgements.get(township__name="桂溪街道").acknowledged_at
    read_only = web_as("auditor").post(url, {"township": towns["桂溪街道"].pk})
    assert read_only.status_code == 400 and "只有预警范围内乡镇（街道）的负责人和工作人员" in read_only.content.decode()


def test_the_issue_form_is_for_the_county_office_and_departments(web_as, towns):
    assert web_as("gx_staff").get("/disasters/warnings/new/").status_code == 403
    assert web_as("auditor").get("/disasters/warnings/new/").status_code == 403
    assert web_as("yjj_staff").get("/disasters/warnings/new/").status_code == 200
    client = web_as("county_admin")
    form = client.get("/disasters/warnings/new/").content.decode()
    assert "红色30分钟" in form and "沙坪镇" in form
    county = OrgUnit.objects.get(kind="county")
    body = {"type": "rainstorm", "level": "red", "text": "暴雨红色预警，请立即转移", "issuing_unit": county.pk}
    empty = client.post("/disasters/warnings/new/", body)
    assert empty.status_code == 400
    page = empty.content.decode()
    assert (
        "请至少选择一个预警范围内的乡镇（街道）。" in page and "暴雨红色预警，请立即转移" in page
    )  # kept what was typed
    assert not Warning.objects.exists()
    issued = client.post("/disasters/warnings/new/", {**body, "townships": [towns["沙坪镇"].pk, towns["桂溪街道"].pk]})
    warning = Warning.objects.get()
    assert issued.status_code == 302 and issued["Location"] == f"/disasters/warnings/{warning.pk}/"
    assert sorted(warning.acknowledgements.values_list("township__name", flat=True)) == ["桂溪街道", "沙坪镇"]


def test_the_lift_button(web_as):
    warning = WarningFactory(townships=["桂溪街道"])
    assert web_as("gx_staff").post(f"/disasters/warnings/{warning.pk}/lift/").status_code == 400
    warning.refresh_from_db()
    assert warning.lifted_at is None
    client = web_as("county_admin")
    assert "解除预警" in client.get(f"/disasters/warnings/{warning.pk}/").content.decode()
    assert client.post(f"/disasters/warnings/{warning.pk}/lift/").status_code == 302
    warning.refresh_from_db()
    assert warning.lifted_at is not None and warning.lifted_by.username == "county_admin"


def test_the_response_form_records_and_totals(web_as, towns):
    warning = WarningFactory(townships=["桂溪街道", "沙坪镇"])
    client = web_as("sp_staff")
    url = f"/disasters/warnings/{warning.pk}/respond/"
    village = OrgUnit.objects.filter(parent=towns["沙坪镇"]).order_by("pk").first()
    assert (
        client.post(
            url, {"township": towns["沙坪镇"].pk, "village": village.pk, "evacuate": "on", "people_moved": "12"}
        ).status_code
        == 302
    )
    assert client.post(url, {"township": towns["沙坪镇"].pk, "cut_off": "on", "people_moved": "5"}).status_code == 302
    bad = client.post(url, {"township": towns["沙坪镇"].pk, "people_moved": "0", "note": "无措施"})
    assert bad.status_code == 400 and "请至少勾选一项" in bad.content.decode() and "无措施" in bad.content.decode()
    other = client.post(url, {"township": towns["桂溪街道"].pk, "evacuate": "on", "people_moved": "1"})
    assert other.status_code == 400  # not a choice of sp_staff's form
    page = client.get(f"/disasters/warnings/{warning.pk}/").content.decode()
    assert '<td class="text-end" id="people-total">17</td>' in page and village.name in page
    assert WarningResponse.objects.count() == 2
    assert web_as("auditor").post(url, {"township": towns["沙坪镇"].pk, "evacuate": "on"}).status_code == 403
