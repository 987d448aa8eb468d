import pytest
from pghistory.models import MiddlewareEvents

from core.history import history_for
from tasks.models import WorkItem


def events_of(obj):
    return list(MiddlewareEvents.objects.tracks(obj).order_by("pgh_created_at", "pgh_id"))


@pytest.mark.django_db
def test_changing_a_work_item_in_the_admin_records_the_change_and_the_user(web_as):
    client = web_as("county_admin")
    item = WorkItem.objects.get(number=2)
    response = client.post(
        f"/admin/tasks/workitem/{item.pk}/change/",
        {
            "plan": item.plan_id,
            "system": item.system_id,
            "number": 2,
            "title": item.title,
            "text": item.text + "（补充）",
            "lead_unit": item.lead_unit_id or "",
            "workitemcounit_set-TOTAL_FORMS": 0,
            "workitemcounit_set-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    last = events_of(item)[-1]
    assert last.pgh_label == "update"
    assert set(last.pgh_diff) == {"text", "updated_at"}
    assert last.pgh_diff["text"][1].endswith("（补充）")
    assert last.user.username == "county_admin"
    assert last.url == f"/admin/tasks/workitem/{item.pk}/change/"


@pytest.mark.django_db
def test_a_bulk_update_is_recorded_by_the_database_trigger():
    item = WorkItem.objects.get(number=3)
    WorkItem.objects.filter(number__in=[3, 4]).update(title="批量修改")
    last = events_of(item)[-1]
    assert last.pgh_label == "update"
    assert last.pgh_diff["title"] == ["落实部门监管责任", "批量修改"]
    assert last.user is None


@pytest.mark.django_db
def test_a_work_item_page_shows_who_changed_what(web_as):
    client = web_as("county_admin")
    item = WorkItem.objects.get(number=5)
    client.post(
        f"/admin/tasks/workitem/{item.pk}/change/",
        {
            "plan": item.plan_id,
            "system": item.system_id,
            "number": 5,
            "title": "规范监管执法（修订）",
            "text": item.text,
            "lead_unit": item.lead_unit_id or "",
            "workitemcounit_set-TOTAL_FORMS": 0,
            "workitemcounit_set-INITIAL_FORMS": 0,
        },
    )
    entries = history_for(item)
    assert entries[0].user.username == "county_admin"
    assert ("标题", "规范监管执法", "规范监管执法（修订）") in entries[0].changes
    page = client.get(f"/work-items/{item.pk}/").content.decode()
    assert "变更记录" in page and "安委办管理员" in page and "规范监管执法（修订）" in page
