"""PostgreSQL restarted while people work: the portal answers 503 (never 500) while it is away, comes back by
itself, and no request is half-applied — every hazard that exists has its number, its first event and its history."""

import threading
import time

import pytest

from tests.faults.services import wait_until

# django_db: the test database (copied into the private PostgreSQL) must be set up; the test itself uses the copy.
pytestmark = [pytest.mark.faults, pytest.mark.django_db]


def hazard_payload(marker, enterprise_id):
    return {
        "title": marker,
        "sector": "hazardous_chemicals",
        "level": "general",
        "source": "self",
        "enterprise": enterprise_id,
        "found_on": "2024-06-03",
        "deadline": "2024-06-20",
    }


def test_a_postgresql_restart_answers_503_then_recovers_with_nothing_half_applied(portal, show_logs_on_failure):
    api = portal.api("gx_staff")
    web = portal.signed_in("gx_staff")
    [(enterprise_id,)] = portal.postgres.query(
        "SELECT e.id FROM core_enterprise e JOIN core_orgunit t ON t.id = e.township_id "
        "WHERE t.name = '桂溪街道' ORDER BY e.id LIMIT 1"
    )
    assert (
        api.post(portal.url("/api/v1/hazards/"), json=hazard_payload("fault-warmup", enterprise_id)).status_code == 201
    )
    answers, stop = [], threading.Event()

    def traffic(n):
        i = 0
        while not stop.is_set():
            i += 1
            marker = f"fault-{n}-{i}"
            for kind, call in (
                (
                    "post",
                    lambda m=marker: api.post(portal.url("/api/v1/hazards/"), json=hazard_payload(m, enterprise_id)),
                ),
                ("api", lambda: api.get(portal.url("/api/v1/hazards/"))),
                ("page", lambda: web.get(portal.url("/hazards/"))),
            ):
                try:
                    response = call()
                    answers.append((kind, marker, response.status_code, response))
                except Exception as exc:  # noqa: BLE001  (a dropped connection is a failure to report, not to raise)
                    answers.append((kind, marker, "error", exc))

    threads = [threading.Thread(target=traffic, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1.5)
        portal.postgres.stop()
        time.sleep(3)  # requests during the outage
        portal.postgres.start()
        restarted = time.monotonic()
        wait_until(lambda: api.get(portal.url("/api/v1/hazards/"), timeout=5).status_code == 200, 30, "recovery")
        recovered_in = time.monotonic() - restarted
        time.sleep(1.5)  # traffic goes on after the recovery
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)

    statuses = {status for _kind, _marker, status, _r in answers}
    assert statuses <= {200, 201, 503}, [(k, s, str(r)[:300]) for k, _m, s, r in answers if s not in (200, 201, 503)]
    unavailable = [r for _k, _m, status, r in answers if status == 503]
    assert unavailable, "no request fell into the outage"
    assert recovered_in < 15  # by itself: nothing was restarted but PostgreSQL
    for response in unavailable:
        assert response.headers["Retry-After"]
        if response.request.url.startswith(portal.url("/api/")):
            assert response.json()["code"] == "service_unavailable"
        else:
            assert "系统暂时不可用" in response.text
    last = [status for _k, _m, status, _r in answers[-9:]]
    assert set(last) <= {200, 201}, last  # and stays recovered

    # Nothing half-applied: each hazard has its number, its 登记 event and its history row, or does not exist.
    rows = portal.postgres.query(
        "SELECT h.title, h.number, "
        " (SELECT count(*) FROM hazards_hazardevent e WHERE e.hazard_id = h.id AND e.kind = 'created'), "
        " (SELECT count(*) FROM hazards_hazardhistory x WHERE x.pgh_obj_id = h.id) "
        "FROM hazards_hazard h WHERE h.title LIKE 'fault-%%'"
    )
    saved = {title for title, *_rest in rows}
    assert all(number and events == 1 for _title, number, events, _history in rows), rows
    created = {marker for kind, marker, status, _r in answers if kind == "post" and status == 201}
    refused = {marker for kind, marker, status, _r in answers if kind == "post" and status == 503}
    assert created <= saved <= created | refused | {"fault-warmup"}
