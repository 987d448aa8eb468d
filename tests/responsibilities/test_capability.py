"""基层应急能力 (五有, 网格化): who reads and writes a township's record, the county table's colours and its
只看未达标 filter, the grid coverage, refused input, and the API."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import OrgUnit
from responsibilities import capability_selectors as selectors
from responsibilities import capability_services as services
from responsibilities.models import CapabilityAsset, TownshipCapability, VillageGrid

pytestmark = pytest.mark.django_db


def township(name):
    return OrgUnit.objects.get(name=name, kind="township")


def record(name, year=2024):
    return TownshipCapability.objects.get(township__name=name, year=year)


def _post_data(rec, **overrides):
    """The edit form's fields as the page sends them (no equipment rows, each village's row unchanged)."""
    data = {"assets-TOTAL_FORMS": "0", "assets-INITIAL_FORMS": "0"}
    for name in services.CAPABILITY_FIELDS:
        data[name] = getattr(rec, name)
    grids = list(selectors.villages_of(rec.township))
    data["grids-TOTAL_FORMS"] = str(len(grids))
    data["grids-INITIAL_FORMS"] = str(len(grids))
    current = {g.village_id: g for g in rec.grids.all()}
    for i, village in enumerate(grids):
        row = current.get(village.pk)
        data[f"grids-{i}-village"] = village.pk
        data[f"grids-{i}-grid_count"] = row.grid_count if row else 0
        data[f"grids-{i}-worker_count"] = row.worker_count if row else 0
        data[f"grids-{i}-worker_names"] = row.worker_names if row else ""
    data.update(overrides)
    return data


# ---- scoping -------------------------------------------------------------------------------------------------


def test_another_townships_record_is_404_and_not_in_the_list(web_as, api_as):
    own, other = record("桂溪街道"), record("沙坪镇")
    client = web_as("gx_staff")
    assert client.get(reverse("responsibilities:capability-detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("responsibilities:capability-detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("responsibilities:capability-edit", args=[other.pk])).status_code == 404
    page = client.get(reverse("responsibilities:capability-county")).content.decode()
    assert 'data-township="桂溪街道"' in page and 'data-township="沙坪镇"' not in page
    ids = {row["id"] for row in api_as("gx_staff").get(reverse("api:township-capability-list")).json()["results"]}
    assert ids == {own.pk}


def test_a_department_sees_no_township_record(web_as):
    other = record("桂溪街道")
    assert web_as("yjj_staff").get(reverse("responsibilities:capability-detail", args=[other.pk])).status_code == 404


def test_writers_are_the_townships_own_people_and_the_county_office(demo_user):
    gx = record("桂溪街道")
    assert services.may_edit_capability(demo_user("gx_staff"), gx.township)
    assert services.may_edit_capability(demo_user("gx_head"), gx.township)
    assert services.may_edit_capability(demo_user("county_admin"), gx.township)
    assert not services.may_edit_capability(demo_user("sp_staff"), gx.township)
    assert not services.may_edit_capability(demo_user("county_leader"), gx.township)
    with pytest.raises(PermissionDenied):
        services.township_capability_update(actor=demo_user("county_leader"), capability=gx, staff_note="改")
    with pytest.raises(PermissionDenied):
        services.township_capability_update(actor=demo_user("sp_staff"), capability=gx, staff_note="改")


def test_the_county_leader_reads_but_cannot_open_the_form(web_as):
    gx = record("桂溪街道")
    client = web_as("county_leader")
    assert client.get(reverse("responsibilities:capability-detail", args=[gx.pk])).status_code == 200
    assert client.get(reverse("responsibilities:capability-edit", args=[gx.pk])).status_code == 403
    assert client.get(reverse("responsibilities:capability-create")).status_code == 403


def test_a_township_cannot_create_another_townships_record(web_as):
    url = reverse("responsibilities:capability-create") + f"?township={township('新民镇').pk}&year=2024"
    assert web_as("gx_staff").get(url).status_code == 404


# ---- the county table ----------------------------------------------------------------------------------------


def test_the_county_table_colours_each_of_the_five(web_as):
    page = web_as("county_leader").get(reverse("responsibilities:capability-county"), {"year": 2024})
    rows = {row["township"].name: row for row in page.context["rows"]}
    assert len(rows) == OrgUnit.objects.filter(kind="township", is_active=True).count()
    assert [c["colour"] for c in rows["桂溪街道"]["cells"]] == ["success"] * 5
    assert [c["colour"] for c in rows["桂阳街道"]["cells"]] == ["success", "warning", "warning", "danger", "success"]
    assert [c["colour"] for c in rows["新民镇"]["cells"]] == ["secondary"] * 5  # not filled in
    html = page.content.decode()
    assert 'class="badge text-bg-danger" data-level="ability:not_met"' in html
    assert "未填报" in html


def test_only_short_shows_the_townships_that_fall_short(web_as):
    page = web_as("county_admin").get(reverse("responsibilities:capability-county"), {"year": 2024, "short": "1"})
    names = {row["township"].name for row in page.context["rows"]}
    assert "桂溪街道" not in names
    assert {"沙坪镇", "桂阳街道", "新民镇"} <= names  # partly met, not met, not filled in


def test_the_county_table_takes_a_fixed_number_of_queries(web_as, django_assert_max_num_queries):
    client = web_as("county_admin")
    client.get(reverse("responsibilities:capability-county"))
    with django_assert_max_num_queries(12):
        client.get(reverse("responsibilities:capability-county"))


# ---- grid coverage -------------------------------------------------------------------------------------------


def test_grid_coverage_counts_villages_with_a_grid_and_a_named_worker(demo_user):
    admin = demo_user("county_admin")
    town = township("新民镇")
    villages = selectors.villages_of(town)
    assert len(villages) >= 4
    grids = [
        {"village": villages[0], "grid_count": 2, "worker_count": 2, "worker_names": "张三、李四"},
        {"village": villages[1], "grid_count": 1, "worker_count": 0, "worker_names": ""},  # no worker
        {"village": villages[2], "grid_count": 0, "worker_count": 1, "worker_names": "王五"},  # no grid
        {"village": villages[3], "grid_count": 1, "worker_count": 1, "worker_names": "赵六"},
    ]
    rec = services.township_capability_create(actor=admin, township=town, year=2024, grids=grids)
    row = next(r for r in selectors.county_table(user=admin, year=2024) if r["township"] == town)
    assert row["covered_villages"] == 2
    assert row["village_total"] == len(villages)
    assert row["coverage"] == round(100 * 2 / len(villages))
    detail = selectors.capability_for(user=admin, pk=rec.pk)
    assert (detail.covered_villages, detail.village_total) == (2, len(villages))


def test_demo_coverage(demo_user):
    rows = {r["township"].name: r for r in selectors.county_table(user=demo_user("county_admin"), year=2024)}
    assert rows["桂溪街道"]["coverage"] == 100
    assert rows["沙坪镇"]["covered_villages"] == rows["沙坪镇"]["village_total"] - 4
    assert rows["新民镇"]["coverage"] is None


def test_a_village_of_another_township_is_refused(demo_user):
    other_village = selectors.villages_of(township("沙坪镇"))[0]
    with pytest.raises(ValidationError, match="不是桂溪街道的村"):
        services.township_capability_update(
            actor=demo_user("gx_staff"),
            capability=record("桂溪街道"),
            grids=[{"village": other_village, "grid_count": 1, "worker_count": 1, "worker_names": "甲"}],
        )


def test_one_record_per_township_and_year(demo_user):
    with pytest.raises(ValidationError, match="本年度已有"):
        services.township_capability_create(actor=demo_user("gx_staff"), township=township("桂溪街道"), year=2024)


# ---- the form ------------------------------------------------------------------------------------------------


def test_a_negative_count_is_refused_and_the_form_keeps_what_was_typed(web_as):
    rec = record("桂溪街道")
    data = _post_data(rec, full_time_staff="-2", staff_note="新调入两名专职人员", **{"grids-0-grid_count": "7"})
    response = web_as("gx_staff").post(reverse("responsibilities:capability-edit", args=[rec.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "请修正下列标红的内容" in html
    assert "大于或等于" in html  # Django's Chinese message for a number below its minimum
    assert "新调入两名专职人员" in html and 'value="-2"' in html and 'value="7"' in html
    rec.refresh_from_db()
    assert rec.full_time_staff == 4 and rec.staff_note == ""


def test_a_grid_worker_count_without_names_is_refused(web_as):
    rec = record("桂溪街道")
    data = _post_data(rec, **{"grids-0-worker_count": "3", "grids-0-worker_names": ""})
    response = web_as("gx_staff").post(reverse("responsibilities:capability-edit", args=[rec.pk]), data)
    assert response.status_code == 400
    assert "请填写网格员姓名" in response.content.decode()


def test_the_township_saves_its_record_with_equipment(web_as):
    rec = record("桂溪街道")
    data = _post_data(
        rec,
        conditions_level="partly",
        **{
            "assets-TOTAL_FORMS": "2",
            "assets-0-kind": "vehicle",
            "assets-0-name": "应急指挥车",
            "assets-0-quantity": "2",
            "assets-0-condition": "good",
            "assets-1-kind": "equipment",  # a blank row: ignored
            "assets-1-name": "",
            "assets-1-quantity": "",
            "assets-1-condition": "good",
        },
    )
    response = web_as("gx_staff").post(reverse("responsibilities:capability-edit", args=[rec.pk]), data)
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.conditions_level == "partly"
    assert list(CapabilityAsset.objects.filter(capability=rec).values_list("name", "quantity")) == [("应急指挥车", 2)]
    assert VillageGrid.objects.filter(capability=rec).count() == len(selectors.villages_of(rec.township))


def test_a_township_creates_its_record_from_the_county_table(web_as):
    town = township("新民镇")
    from core.models import Membership, User

    user = User.objects.create(username="xm_staff")
    Membership.objects.create(user=user, unit=town, role="township_staff")
    client = web_as("xm_staff")
    page = client.get(reverse("responsibilities:capability-county"))
    assert f"?township={town.pk}&amp;year=2024" in page.content.decode()
    response = client.get(reverse("responsibilities:capability-create"))  # their only township by default
    assert response.status_code == 200
    data = {"year": "2024", "organisation_level": "met", "office_name": "新民镇应急办", "assets-TOTAL_FORMS": "0"}
    data |= {"assets-INITIAL_FORMS": "0", "grids-TOTAL_FORMS": "0", "grids-INITIAL_FORMS": "0"}
    for name in ("full_time_staff", "part_time_staff", "drills_held", "trainings_held"):
        data[name] = "0"
    response = client.post(reverse("responsibilities:capability-create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert record("新民镇").office_name == "新民镇应急办"


# ---- the API -------------------------------------------------------------------------------------------------


def test_api_filters_year_township_and_short(api_as):
    client = api_as("county_leader")
    url = reverse("api:township-capability-list")
    body = client.get(url, {"year": 2024}).json()
    assert {r["township_name"] for r in body["results"]} == {"桂溪街道", "沙坪镇", "桂阳街道"}
    short = client.get(url, {"short": "true"}).json()["results"]
    assert {r["township_name"] for r in short} == {"沙坪镇", "桂阳街道"}
    one = client.get(url, {"township": township("桂阳街道").pk}).json()["results"]
    assert [r["falls_short"] for r in one] == [True]
    gx = client.get(reverse("api:township-capability-detail", args=[record("桂溪街道").pk])).json()
    assert gx["grid_coverage"] == 100 and len(gx["assets"]) == 4


def test_api_writes_by_role(api_as):
    gx = record("桂溪街道")
    url = reverse("api:township-capability-detail", args=[gx.pk])
    assert api_as("gx_head").patch(url, {"rules_note": "已修订"}, format="json").status_code == 200
    assert api_as("county_admin").patch(url, {"rules_note": "县审定"}, format="json").status_code == 200
    assert api_as("county_leader").patch(url, {"rules_note": "x"}, format="json").status_code == 403
    assert api_as("sp_staff").patch(url, {"rules_note": "x"}, format="json").status_code == 404
    gx.refresh_from_db()
    assert gx.rules_note == "县审定"


def test_api_create_and_refusals(api_as):
    town = township("新民镇")
    url = reverse("api:township-capability-list")
    body = {"township": town.pk, "year": 2024, "staff_level": "met", "full_time_staff": 2}
    assert api_as("gx_staff").post(url, body, format="json").status_code == 403
    negative = api_as("county_admin").post(url, body | {"full_time_staff": -1}, format="json")
    assert negative.status_code == 400 and "full_time_staff" in negative.json()
    created = api_as("county_admin").post(
        url, body | {"assets": [{"kind": "vehicle", "name": "皮卡", "quantity": 1}]}, format="json"
    )
    assert created.status_code == 201, created.json()
    assert created.json()["assets"][0]["name"] == "皮卡"
    again = api_as("county_admin").post(url, body, format="json")
    assert again.status_code == 400 and "本年度已有" in str(again.json())


def test_api_list_takes_a_fixed_number_of_queries(api_as, demo_user, django_assert_max_num_queries):
    admin = demo_user("county_admin")
    for name in ("新民镇", "澄溪镇", "高安镇"):
        town = township(name)
        services.township_capability_create(
            actor=admin,
            township=town,
            year=2024,
            assets=[{"kind": "equipment", "name": "发电机", "quantity": 1, "condition": "good"}],
            grids=[
                {"village": v, "grid_count": 1, "worker_count": 1, "worker_names": "甲"}
                for v in selectors.villages_of(town)
            ],
        )
    client = api_as("county_admin")
    client.get(reverse("api:township-capability-list"))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("api:township-capability-list"))
    assert response.json()["count"] == 6


def test_work_item_9_links_the_county_table(web_as):
    from tasks.models import WorkItem

    item = WorkItem.objects.get(plan__year=2024, number=9)
    page = web_as("county_leader").get(reverse("work-item-detail", args=[item.pk])).content.decode()
    assert reverse("responsibilities:capability-county") + "?year=2024" in page
    other = WorkItem.objects.get(plan__year=2024, number=8)
    page = web_as("county_leader").get(reverse("work-item-detail", args=[other.pk])).content.decode()
    assert reverse("responsibilities:capability-county") not in page


def test_the_edit_page_offers_a_row_per_village_and_the_records_equipment(web_as):
    rec = record("桂阳街道")
    page = web_as("county_admin").get(reverse("responsibilities:capability-edit", args=[rec.pk])).content.decode()
    for village in selectors.villages_of(rec.township):
        assert village.name in page
    assert 'value="手持扩音器"' in page


def test_the_demo_loads_once(demo_user):
    from demo.loader import DemoLoader
    from demo.responsibilities_capability import load_capability

    before = (TownshipCapability.objects.count(), VillageGrid.objects.count(), CapabilityAsset.objects.count())
    load_capability(DemoLoader())
    assert (TownshipCapability.objects.count(), VillageGrid.objects.count(), CapabilityAsset.objects.count()) == before
    assert record("桂阳街道").falls_short and not record("桂溪街道").falls_short


def test_the_record_page_counts_and_links_the_townships_drills(web_as):
    import datetime

    from disasters.models import Drill
    from disasters.readiness_choices import DrillKind

    rec = record("桂溪街道")
    before = selectors.drills_recorded(township=rec.township, year=2024)
    kind = DrillKind.values[0]
    Drill.objects.create(title="防汛演练", held_on=datetime.date(2024, 5, 20), kind=kind, organiser=rec.township)
    Drill.objects.create(title="往年演练", held_on=datetime.date(2023, 5, 20), kind=kind, organiser=rec.township)
    assert selectors.drills_recorded(township=rec.township, year=2024) == before + 1
    page = web_as("gx_staff").get(reverse("responsibilities:capability-detail", args=[rec.pk])).content.decode()
    assert f"?year=2024&amp;unit={rec.township_id}" in page


def test_api_grid_workers_without_names_are_refused(api_as):
    gx = record("桂溪街道")
    village = selectors.villages_of(gx.township)[0]
    response = api_as("gx_staff").patch(
        reverse("api:township-capability-detail", args=[gx.pk]),
        {"grids": [{"village": village.pk, "grid_count": 2, "worker_count": 3, "worker_names": ""}]},
        format="json",
    )
    assert response.status_code == 400 and "请填写网格员姓名" in str(response.json())
    assert VillageGrid.objects.get(capability=gx, village=village).worker_count == 2
