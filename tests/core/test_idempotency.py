"""Idempotency keys: a patrol, a self-inspection or a hazard sent twice with the same key (a phone's queue
replayed, a retry after a timeout) is saved once, through the HTML form and through the API alike."""

import threading
import time
import uuid

import pytest
import time_machine
from django.db import connection

from core.idempotency import idempotent_create
from core.models import IdempotencyKey, OrgUnit
from disasters import patrol_services
from disasters.models import Patrol
from hazards.models import Checklist, Hazard, SelfInspection
from tests.disasters.factories import RiskPointFactory

WEDNESDAY = "2024-06-05 10:00 +0800"
REPLAYED = "该记录已提交，未重复保存。"


def key():
    return str(uuid.uuid4())


def patrol_form(point):
    return {"risk_point": point.pk, "kind": "routine", "patrolled_at": "2024-06-05T09:30", "situation": "normal"}


def hazard_form():
    return {
        "title": "电动车楼道充电",
        "sector": "fire",
        "level": "general",
        "source": "self",
        "territory": OrgUnit.objects.get(name="桂溪街道").pk,
        "found_on": "2024-06-01",
        "deadline": "2024-06-05",
        "description": "三单元一楼",
    }


def inspection_form(checklist):
    form = {"performed_on": "2024-06-03", "note": "", "extra": ""}
    for item in checklist.items.all():
        form[f"answer_{item.pk}"] = "ok"
        form[f"finding_{item.pk}"] = ""
    return form


@pytest.fixture
def enterprise(db):
    from core.models import Enterprise

    return Enterprise.objects.filter(township__name="桂溪街道", supervising_department__short_name="应急局").first()


@pytest.fixture
def daily(db):
    return Checklist.objects.get(name="危险化学品企业日检查表")


@time_machine.travel(WEDNESDAY, tick=False)
@pytest.mark.django_db
def test_a_patrol_form_sent_twice_with_its_key_is_saved_once_and_redirects_to_the_first(web_as):
    point = RiskPointFactory()
    client = web_as("gx_staff")
    body = {**patrol_form(point), "idempotency_key": key()}
    first = client.post("/disasters/patrols/new/", body)
    second = client.post("/disasters/patrols/new/", body, follow=True)
    patrol = Patrol.objects.get()
    assert first.status_code == 302 and first["Location"] == f"/disasters/patrols/{patrol.pk}/"
    assert second.redirect_chain[-1][0] == first["Location"] and REPLAYED in second.content.decode()
    assert IdempotencyKey.objects.get().record == patrol


@time_machine.travel(WEDNESDAY, tick=False)
@pytest.mark.django_db
def test_a_hazard_form_sent_twice_is_saved_once_and_without_a_key_twice(web_as):
    client = web_as("gx_staff")
    body = {**hazard_form(), "idempotency_key": key()}
    first, second = client.post("/hazards/new/", body), client.post("/hazards/new/", body)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Hazard.objects.filter(title="电动车楼道充电").count() == 1
    client.post("/hazards/new/", hazard_form())  # no key: the form as it always was
    assert Hazard.objects.filter(title="电动车楼道充电").count() == 2


@time_machine.travel(WEDNESDAY, tick=False)
def test_a_self_inspection_form_sent_twice_is_saved_once(web_as, enterprise, daily):
    client = web_as("gx_staff")
    url = f"/hazards/self-inspections/record/{enterprise.pk}/{daily.pk}/"
    body = {**inspection_form(daily), "idempotency_key": key()}
    first = client.post(url, body)
    second = client.post(url, body, follow=True)  # without the key: 本期已记录, refused
    assert first.status_code == 302 and second.redirect_chain[-1][0] == first["Location"]
    assert REPLAYED in second.content.decode() and SelfInspection.objects.count() == 1


@time_machine.travel(WEDNESDAY, tick=False)
def test_the_api_answers_a_repeated_key_with_200_and_the_first_record_for_each_kind(api_as, enterprise, daily):
    client = api_as("gx_staff")
    point = RiskPointFactory()
    results = [{"item": item.pk, "ok": True} for item in daily.items.all()]
    sends = {
        "/api/v1/patrols/": (
            {"risk_point": point.pk, "kind": "routine", "patrolled_at": "2024-06-05T09:30:00+08:00"},
            Patrol,
        ),
        "/api/v1/hazards/": ({**hazard_form(), "territory": hazard_form()["territory"]}, Hazard),
        "/api/v1/self-inspections/": (
            {"enterprise": enterprise.pk, "checklist": daily.pk, "performed_on": "2024-06-03", "results": results},
            SelfInspection,
        ),
    }
    for url, (body, model) in sends.items():
        before = model.objects.count()
        headers = {"HTTP_IDEMPOTENCY_KEY": key()}
        first = client.post(url, body, format="json", **headers)
        second = client.post(url, body, format="json", **headers)
        assert first.status_code == 201, (url, first.content)
        assert second.status_code == 200 and second.json()["id"] == first.json()["id"], url
        assert model.objects.count() == before + 1, url


@time_machine.travel(WEDNESDAY, tick=False)
@pytest.mark.django_db
def test_a_key_belongs_to_its_user_and_to_one_kind_of_record(api_as, web_as):
    point = RiskPointFactory()
    shared = {"HTTP_IDEMPOTENCY_KEY": key()}
    body = {"risk_point": point.pk, "kind": "routine", "patrolled_at": "2024-06-05T09:30:00+08:00"}
    assert api_as("gx_staff").post("/api/v1/patrols/", body, format="json", **shared).status_code == 201
    assert api_as("gx_head").post("/api/v1/patrols/", body, format="json", **shared).status_code == 201
    assert Patrol.objects.count() == 2  # another user's same key is another record

    wrong_kind = api_as("gx_staff").post("/api/v1/hazards/", hazard_form(), format="json", **shared)
    assert wrong_kind.status_code == 409
    assert wrong_kind.json()["detail"] == "该幂等键（Idempotency-Key）已用于提交另一类记录，请为每条新记录生成新的键。"
    page = web_as("gx_staff").post(
        "/hazards/new/", {**hazard_form(), "idempotency_key": shared["HTTP_IDEMPOTENCY_KEY"]}
    )
    assert page.status_code == 400 and "已用于提交另一类记录" in page.content.decode()
    assert not Hazard.objects.filter(title="电动车楼道充电").exists()


@time_machine.travel(WEDNESDAY, tick=False)
@pytest.mark.django_db
def test_a_malformed_key_is_refused_and_a_refused_record_leaves_its_key_free(api_as):
    point = RiskPointFactory()
    client = api_as("gx_staff")
    body = {"risk_point": point.pk, "kind": "routine", "patrolled_at": "2024-06-05T09:30:00+08:00"}
    bad = client.post("/api/v1/patrols/", body, format="json", HTTP_IDEMPOTENCY_KEY="a b")
    assert bad.status_code == 400 and "幂等键（Idempotency-Key）应为8至64位" in bad.content.decode()
    headers = {"HTTP_IDEMPOTENCY_KEY": key()}
    future = client.post(
        "/api/v1/patrols/", {**body, "patrolled_at": "2024-06-06T09:00:00+08:00"}, format="json", **headers
    )
    assert future.status_code == 400 and not IdempotencyKey.objects.exists()
    assert client.post("/api/v1/patrols/", body, format="json", **headers).status_code == 201


@time_machine.travel(WEDNESDAY, tick=True)
def test_two_concurrent_sends_with_one_key_create_one_patrol(loaded_transactional_db, monkeypatch):
    from core.models import User

    point = RiskPointFactory()
    actor = User.objects.get(username="gx_staff")
    record, shared, start = patrol_services.patrol_record, key(), threading.Barrier(2)

    def slow_record(**values):
        patrol = record(**values)
        time.sleep(0.5)  # the second send's key insert now waits on the first's uncommitted row
        return patrol

    outcomes = []

    def send():
        try:
            start.wait()
            outcome = idempotent_create(
                actor=actor,
                key=shared,
                kind="patrol",
                create=lambda: slow_record(
                    actor=actor, risk_point=point, kind="routine", patrolled_at=point.created_at,
                    findings="", situation="normal",
                ),
            )  # fmt: skip
            outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Patrol.objects.count() == 1
    assert sorted(o.replayed for o in outcomes) == [False, True]
    assert {o.record.pk for o in outcomes} == {Patrol.objects.get().pk}


@pytest.mark.django_db
def test_keys_older_than_the_kept_days_are_purged_and_their_records_stay(api_as, settings):
    from config.celery import app
    from core.tasks import purge_idempotency_keys

    settings.IDEMPOTENCY_KEY_DAYS = 30
    point = RiskPointFactory()
    body = {"risk_point": point.pk, "kind": "routine"}
    old, recent = {"HTTP_IDEMPOTENCY_KEY": key()}, {"HTTP_IDEMPOTENCY_KEY": key()}
    for moment, sent in [("2024-06-01", old), ("2024-06-20", recent)]:
        with time_machine.travel(f"{moment} 10:00 +0800"):
            patrol = {**body, "patrolled_at": f"{moment}T09:30:00+08:00"}
            assert api_as("gx_staff").post("/api/v1/patrols/", patrol, format="json", **sent).status_code == 201
    with time_machine.travel("2024-07-05 03:10 +0800"):
        assert purge_idempotency_keys() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == [recent["HTTP_IDEMPOTENCY_KEY"]]
    assert Patrol.objects.count() == 2
    assert app.conf.beat_schedule["purge-idempotency-keys"]["task"] == purge_idempotency_keys.name
