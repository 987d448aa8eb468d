"""操作日志 (/audit/): the history of every tracked record, for the county administrator and auditors only."""

import datetime

import pghistory
import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import OrgUnit
from tests.factories import EnterpriseFactory

URL = reverse("audit-list")


@pytest.fixture
def changes(demo_user):
    """A township worker renames an enterprise of 桂溪街道; a department head renames one of 沙坪镇."""
    gx = EnterpriseFactory(name="桂溪审计测试厂", township=OrgUnit.objects.get(name="桂溪街道"))
    sp = EnterpriseFactory(name="沙坪审计测试厂", township=OrgUnit.objects.get(name="沙坪镇"))
    with pghistory.context(user=demo_user("gx_staff").pk, url="/enterprises/1/edit/"):
        gx.name = "桂溪审计测试厂（更名）"
        gx.save()
    with pghistory.context(user=demo_user("jtj_head").pk, url="/enterprises/2/edit/"):
        sp.name = "沙坪审计测试厂（更名）"
        sp.save()
    return gx, sp


def _rows(response):
    return response.context["rows"]


@pytest.mark.parametrize("username", ["gx_staff", "gx_head", "yjj_head", "county_leader"])
def test_people_other_than_the_administrator_and_auditors_are_refused(web_as, username):
    assert web_as(username).get(URL).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("username", ["county_admin", "auditor"])
def test_the_administrator_and_the_auditor_see_who_changed_what_and_from_where(web_as, username, changes):
    response = web_as(username).get(URL, {"model": "core.Enterprise"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "桂溪审计测试厂（更名）" in body and "/enterprises/1/edit/" in body
    assert "桂溪街道应急办" in body  # the person, by name


def test_filtering_by_person_shows_only_that_persons_changes(web_as, demo_user, changes):
    response = web_as("auditor").get(URL, {"user": demo_user("gx_staff").pk})
    rows = _rows(response)
    assert rows and {row.user.username for row in rows} == {"gx_staff"}
    assert any(new == "桂溪审计测试厂（更名）" for row in rows for _label, _old, new in row.changes)


def test_filtering_by_unit_shows_changes_to_its_records_and_by_its_people(web_as, changes):
    gx, sp = changes
    sp_unit = OrgUnit.objects.get(name="沙坪镇")
    rows = _rows(web_as("auditor").get(URL, {"unit": sp_unit.pk}))
    records = {row.record for row in rows}
    assert f"#{sp.pk} 沙坪审计测试厂（更名）" in records  # a record of 沙坪镇, changed by a department head
    assert not any(record.startswith(f"#{gx.pk} ") for record in records)
    jtj = OrgUnit.objects.get(short_name="交通局")
    people = {row.user.username for row in _rows(web_as("auditor").get(URL, {"unit": jtj.pk})) if row.user}
    assert people == {"jtj_head"}  # the department head's change, though the record is 沙坪镇's


def _ours(rows, changes):
    return [row for row in rows if row.record.split()[0] in {f"#{e.pk}" for e in changes}]


def test_filtering_by_model_and_time(web_as, changes):
    client = web_as("county_admin")
    rows = _rows(client.get(URL, {"model": "core.Enterprise"}))
    assert {row.model_name for row in rows} == {"生产经营单位"} and len(_ours(rows, changes)) == 4
    today = timezone.localdate()
    rows = _rows(client.get(URL, {"model": "core.Enterprise", "since": today, "until": today}))
    assert len(_ours(rows, changes)) == 4
    yesterday, tomorrow = today - datetime.timedelta(days=1), today + datetime.timedelta(days=1)
    assert _rows(client.get(URL, {"model": "core.Enterprise", "since": tomorrow})) == []
    assert _ours(_rows(client.get(URL, {"model": "core.Enterprise", "until": yesterday})), changes) == []


def test_a_bad_filter_value_is_reported_and_shows_nothing(web_as):
    response = web_as("auditor").get(URL, {"model": "nosuch.Model"})
    assert response.status_code == 200 and response.context["rows"] == []
    assert response.context["filterset"].errors


def test_the_page_takes_the_same_number_of_queries_however_many_events(web_as, changes, django_assert_num_queries):
    client = web_as("auditor")
    client.get(URL)  # warm the per-process caches (the tracked models)
    with django_assert_num_queries(13):
        client.get(URL, {"model": "core.Enterprise"})
    gx, _sp = changes
    for n in range(5):
        gx.name = f"再次更名{n}"
        gx.save()
    with django_assert_num_queries(13):
        assert len(_ours(_rows(client.get(URL, {"model": "core.Enterprise"})), changes)) == 9


def test_the_menu_links_the_audit_log_for_those_who_may_read_it(web_as):
    assert "/audit/" in web_as("auditor").get("/").content.decode()
    assert "/audit/" not in web_as("gx_staff").get("/").content.decode()
