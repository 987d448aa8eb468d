"""The ledger import writes a whole file at once (hazard_create_many): the same hazards, 'created' events,
history and webhook deliveries as registering each row with hazard_create, in a number of queries that does
not grow with the file."""

import datetime

import pghistory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.api_tokens import api_client_create
from core.models import OrgUnit, User
from hazards import ledger, services
from hazards.models import Hazard
from integrations.models import WebhookDelivery
from integrations.services import webhook_endpoint_create
from tests.hazards.test_ledger import GX_CHEMICALS, GX_CHEMICALS_ALIAS, SP_FUEL_CODE, row, upload, xlsx

VARYING = {"id", "number", "title", "created_at", "updated_at"}  # what differs between two registrations
HISTORY_VARYING = VARYING | {"pgh_id", "pgh_created_at", "pgh_obj_id", "pgh_context_id"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def queued(monkeypatch):
    """The webhook deliveries queued after commit (the queue itself is not under test here)."""
    ids = []
    monkeypatch.setattr("integrations.tasks.enqueue", lambda pks, **kwargs: ids.extend(pks))
    return ids


@pytest.fixture
def subscriber(db):
    office = User.objects.get(username="county_admin")
    owner = api_client_create(
        actor=office, username="client_county", full_name="县级对接系统", unit=OrgUnit.objects.get(name="垫江县")
    )
    endpoint, _secret = webhook_endpoint_create(
        actor=office, owner=owner, name="接收端", url="http://127.0.0.1:9/hooks", events=["hazard.created"]
    )
    return endpoint


def rows_of(prefix):
    return [
        row(f"{prefix}储罐区报警器失效", enterprise=GX_CHEMICALS, level="重大事故隐患", funds="2.5"),
        row(f"{prefix}加油机静电接地缺失", enterprise=GX_CHEMICALS_ALIAS, source="自查自报", found="2023-12-30"),
        row(f"{prefix}油罐呼吸阀锈蚀", enterprise=SP_FUEL_CODE),
        row(f"{prefix}农贸市场通道堆物", place="东街市场", territory="桂溪街道东街社区", department="消防救援"),
        row(f"{prefix}仓库消防通道", territory="桂溪街道", found=datetime.date(2023, 11, 2), deadline="2024-01-31"),
    ]


def snapshot(prefix):
    """Everything a registration wrote for the hazards titled `prefix…`, in the rows' order, without what
    necessarily differs (ids, numbers, times); the numbers are given as each one's place in its year's block."""
    hazards = list(Hazard.objects.filter(title__startswith=prefix).order_by("pk"))
    first = {}
    for hazard in hazards:
        year, n = hazard.number[2:].split("-")
        first.setdefault(year, int(n))
    return [
        {
            "title": hazard.title.removeprefix(prefix),
            "number": (hazard.number[:6], int(hazard.number[7:]) - first[hazard.number[2:6]]),
            "fields": {k: v for k, v in vars(hazard).items() if k not in VARYING and not k.startswith("_")},
            "events": list(hazard.events.values_list("kind", "from_status", "to_status", "step", "actor", "comment")),
            "history": [
                {
                    **{k: v for k, v in vars(h).items() if k not in HISTORY_VARYING and not k.startswith("_")},
                    "title": h.title.removeprefix(prefix),
                    "context": h.pgh_context.metadata if h.pgh_context_id else None,
                }
                for h in hazard.history.select_related("pgh_context").order_by("pgh_id")
            ],
            "webhooks": [
                (d.endpoint_id, d.event_type, d.status, _data(d.payload, prefix))
                for d in WebhookDelivery.objects.filter(object_id=hazard.pk).order_by("pk")
            ],
        }
        for hazard in hazards
    ]


def _data(payload, prefix):
    data = {k: v for k, v in payload["data"].items() if k not in VARYING and "url" not in k}
    return {**data, "title": payload["data"]["title"].removeprefix(prefix)}


def test_a_file_imported_at_once_writes_what_registering_each_row_writes(
    web_as, demo_user, subscriber, queued, django_capture_on_commit_callbacks
):
    actor = demo_user("county_admin")
    client = web_as("county_admin")
    preview = upload(client, xlsx(*rows_of("批量：")))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(preview).status_code == 302
    batch_queued = list(queued)

    # The same rows, one hazard_create each, in a request's history context as the import's was.
    checked = ledger.hazard_ledger_preview(actor=actor, content=xlsx(*rows_of("逐条：")).read())
    assert checked.ok
    with pghistory.context(user=actor.pk, url=preview), django_capture_on_commit_callbacks(execute=True):
        for checked_row in checked.rows:
            services.hazard_create(actor=actor, **checked_row.arguments)

    batch, single = snapshot("批量："), snapshot("逐条：")
    assert len(batch) == 5 and batch == single
    assert batch[0]["history"][0]["context"] == {"user": actor.pk, "url": preview}
    assert batch[0]["history"][0]["pgh_label"] == "insert" and batch[0]["events"][0][0] == "created"
    assert [b["number"] for b in batch] == [("YH2024", 0), ("YH2023", 0), ("YH2024", 1), ("YH2024", 2), ("YH2023", 1)]
    assert all(len(b["webhooks"]) == 1 for b in batch) and len(batch_queued) == 5


def import_queries(client, count, prefix, capture):
    rows = [row(f"{prefix}{n}", enterprise=GX_CHEMICALS) for n in range(count // 2)]
    rows += [row(f"{prefix}{n}", territory="东街社区", place=f"东街{n}号") for n in range(count // 2, count)]
    preview = upload(client, xlsx(*rows))
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        response = client.post(preview)
    assert response.status_code == 302 and Hazard.objects.filter(title__startswith=prefix).count() == count
    return len(queries)


def test_the_import_takes_as_many_queries_for_50_rows_as_for_10(
    web_as, subscriber, queued, django_capture_on_commit_callbacks
):
    client = web_as("gx_staff")
    ten = import_queries(client, 10, "十行：", django_capture_on_commit_callbacks)
    fifty = import_queries(client, 50, "五十行：", django_capture_on_commit_callbacks)
    assert fifty == ten and len(queued) == 60
