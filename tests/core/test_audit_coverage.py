"""Every model of ours that people change keeps its history in the database (pghistory triggers), and that
history can be neither edited nor deleted."""

import pytest
from django.apps import apps
from django.db import InternalError, transaction
from pghistory.models import Event

from core.models import OrgUnit
from tests.portal_apps import PORTAL_APPS

# Models without a pghistory event table, each for a reason. A new model of ours either gets
# @pghistory.track() (and its migration) or a line here saying why it needs none.
EXEMPT = {
    # Event rows themselves: written once by a workflow, they are the who/when/what/why.
    "core.EnterpriseMerge": "the merge record (who merged which enterprise into which, why)",
    "tasks.ReportTransition": "the progress report's workflow timeline",
    "tasks.CaseTransition": "the best-practice case's workflow timeline",
    "hazards.HazardEvent": "the hazard's workflow timeline",
    "inspections.InspectionEvent": "the inspection's workflow timeline",
    # Ledgers and logs that the machinery appends to; nobody edits them.
    "notifications.Reminder": "reminder ledger: one row per reminder sent",
    "notifications.Digest": "digest ledger: one row per digest sent",
    "notifications.SweepDay": "the days the reminder sweep ran for, written by the sweep itself",
    "notifications.Notification": "站内消息 written with its ledger row; only its read mark changes",
    "integrations.WebhookDelivery": "outgoing webhook delivery log",
    "core.IdempotencyKey": "a create request's key, written with the (tracked) record it created and never edited",
    # Written once with the record they belong to (which is tracked) and never edited.
    "hazards.SelfInspection": "a check of one period, recorded once and never edited",
    "hazards.SelfInspectionFinding": "a problem written with its check; it opens a (tracked) hazard",
    "hazards.PublicReportPhoto": "a photo sent with a (tracked) public report",
    "inspections.InspectionAnswer": "the frozen copy of a checklist item answered in a (tracked) inspection",
    "disasters.StationReading": "a device reading as its system sent it, kept once and never edited",
    "disasters.ReconstructionStep": "the house reconstruction's timeline (who moved it to which stage, when, why)",
    "disasters.ReliefDispatch": "written once with its (tracked) stock movement, never edited",
    # Counters behind the yearly numbers: a cache of the last number given, not a record.
    "hazards.HazardNumber": "yearly number counter",
    "disasters.WarningNumber": "yearly number counter",
    "inspections.InspectionNumber": "yearly number counter",
    "inspections.InvestigationNumber": "yearly number counter",
    "dashboards.BulletinNumber": "yearly number counter",
}


def _event_models():
    return [m for m in apps.get_models() if issubclass(m, Event) and not m._meta.abstract]


def _untracked_models():
    tracked = {m.pgh_tracked_model for m in _event_models()}
    event_models = set(_event_models())
    return {
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in PORTAL_APPS
        and not model._meta.proxy
        and model not in event_models
        and model not in tracked
    }


def test_every_model_people_change_keeps_history_in_the_database():
    untracked = _untracked_models() - set(EXEMPT)
    assert not untracked, f"add @pghistory.track() or an EXEMPT line (with the reason) for: {sorted(untracked)}"


def test_the_exempt_list_names_only_existing_untracked_models():
    stale = set(EXEMPT) - _untracked_models()
    assert not stale, f"tracked or removed, take them off EXEMPT: {sorted(stale)}"


def test_every_event_table_refuses_update_and_delete():
    unprotected = [
        m._meta.label
        for m in _event_models()
        if not any(t.name == "append_only" for t in getattr(m._meta, "triggers", []))
    ]
    assert not unprotected


@pytest.mark.django_db
def test_an_event_row_cannot_be_edited_or_deleted():
    unit = OrgUnit.objects.get(code="500231")
    unit.sort_order += 1
    unit.save()
    event_model = apps.get_model("core", "OrgUnitEvent")
    event = event_model.objects.filter(pgh_obj=unit).order_by("-pgh_id").first()
    assert event is not None
    with pytest.raises(InternalError, match="append_only"), transaction.atomic():
        type(event).objects.filter(pk=event.pk).update(name="篡改")
    with pytest.raises(InternalError, match="append_only"), transaction.atomic():
        type(event).objects.filter(pk=event.pk).delete()
    assert type(event).objects.get(pk=event.pk).name == unit.name


def test_the_admin_shows_history_read_only(rf, demo_user):
    from django.contrib import admin
    from pghistory.models import Events

    request = rf.get("/admin/")
    request.user = demo_user("county_admin")
    history_admins = [a for m, a in admin.site._registry.items() if issubclass(m, (Event, Events))]
    assert history_admins  # the aggregate history page of pghistory.admin at least
    for model_admin in history_admins:
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
