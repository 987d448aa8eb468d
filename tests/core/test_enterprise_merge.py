"""一企多牌整合: several records of one enterprise folded into one, as one recorded event."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import Enterprise, EnterpriseAlias, EnterpriseMerge
from core.services import enterprise_merge, enterprise_merge_preview
from core.signals import enterprise_merging
from hazards.models import Hazard
from inspections.models import Inspection, Investigation, Penalty, PlannedVisit
from tests.hazards.factories import HazardFactory
from tests.inspections.factories_investigations import InvestigationFactory
from tests.inspections.factories_penalties import InspectionFactory, PenaltyFactory
from tests.inspections.factories_plans import InspectionPlanFactory


@pytest.fixture
def pair(db):
    """Two demo enterprises (the second, a 一企多牌 duplicate) with records of each kind on the duplicate."""
    keep, dup = Enterprise.objects.filter(is_demo=True).order_by("pk")[:2]
    HazardFactory.create_batch(2, enterprise=dup)
    InspectionFactory(enterprise=dup)
    PenaltyFactory(enterprise=dup)
    both = InspectionPlanFactory()  # lists both: the clash keeps one visit, with the duplicate's day
    PlannedVisit.objects.create(plan=both, enterprise=keep)
    PlannedVisit.objects.create(plan=both, enterprise=dup, planned_on=datetime.date(2024, 5, 20))
    PlannedVisit.objects.create(plan=InspectionPlanFactory(), enterprise=dup)
    investigation = InvestigationFactory()
    investigation.enterprises.add(keep, dup)
    return keep, dup


def counts(enterprise):
    return {
        "hazards": Hazard.objects.filter(enterprise=enterprise).count(),
        "inspections": Inspection.objects.filter(enterprise=enterprise).count(),
        "penalties": Penalty.objects.filter(enterprise=enterprise).count(),
        "visits": PlannedVisit.objects.filter(enterprise=enterprise).count(),
    }


def test_merging_moves_every_record_and_keeps_the_old_name_as_an_alias(pair, demo_user):
    keep, dup = pair
    old_name, old_code = dup.name, dup.credit_code
    EnterpriseAlias.objects.create(enterprise=dup, name="某老厂名")
    before = counts(keep)

    merge = enterprise_merge(actor=demo_user("county_admin"), keep=keep, duplicates=[dup], note="一企多牌整合")

    assert not Enterprise.objects.filter(pk=dup.pk).exists()
    after = counts(keep)
    assert after["hazards"] == before["hazards"] + 2
    assert after["inspections"] == before["inspections"] + 1
    assert after["penalties"] == before["penalties"] + 1
    assert after["visits"] == before["visits"] + 1  # two plans, one of them listed both: one visit each
    clash = PlannedVisit.objects.get(enterprise=keep, planned_on=datetime.date(2024, 5, 20))
    assert clash.plan.visits.count() == 1
    assert list(Investigation.objects.get(enterprises=keep).enterprises.all()) == [keep]
    assert list(Enterprise.objects.search(old_name)) == [keep]
    assert list(Enterprise.objects.search("某老厂名")) == [keep]

    merge.refresh_from_db()
    assert merge.keep == keep and merge.actor.username == "county_admin" and merge.note == "一企多牌整合"
    assert merge.duplicates == [{"id": dup.pk, "name": old_name, "credit_code": old_code, "aliases": ["某老厂名"]}]
    assert merge.moved["hazards.Hazard"] == 2
    assert merge.moved["inspections.Inspection"] == 1
    assert merge.moved["inspections.Penalty"] == 1
    assert merge.moved["inspections.PlannedVisit"] == 2
    assert merge.moved["inspections.Investigation"] == 1
    assert merge.moved["core.EnterpriseAlias"] == 1


def test_several_duplicates_merge_at_once_and_the_preview_counts_the_same_without_moving(demo_user):
    keep, a, b = Enterprise.objects.filter(is_demo=True).order_by("pk")[:3]
    HazardFactory(enterprise=a)
    HazardFactory(enterprise=b)
    admin = demo_user("county_admin")

    preview = enterprise_merge_preview(actor=admin, keep=keep, duplicates=[b, a])
    assert preview.pk is None and preview.moved["hazards.Hazard"] == 2
    assert Enterprise.objects.filter(pk__in=[a.pk, b.pk]).count() == 2
    assert not EnterpriseMerge.objects.exists()

    merge = enterprise_merge(actor=admin, keep=keep, duplicates=[b, a])
    assert merge.moved == preview.moved
    assert [d["id"] for d in merge.duplicates] == [b.pk, a.pk]
    assert not Enterprise.objects.filter(pk__in=[a.pk, b.pk]).exists()


def test_a_kept_record_merged_later_brings_its_merge_records_along(demo_user):
    first, second, third = Enterprise.objects.filter(is_demo=True).order_by("pk")[:3]
    admin = demo_user("county_admin")
    earlier = enterprise_merge(actor=admin, keep=second, duplicates=[third])
    enterprise_merge(actor=admin, keep=first, duplicates=[second])
    earlier.refresh_from_db()
    assert earlier.keep == first
    assert first.merges.count() == 2


def assert_nothing_changed(keep, dup, before_keep, before_dup):
    assert Enterprise.objects.filter(pk=dup.pk).exists()
    assert counts(keep) == before_keep and counts(dup) == before_dup
    assert not EnterpriseMerge.objects.exists()
    assert not EnterpriseAlias.objects.filter(enterprise=keep, name=dup.name).exists()


@pytest.mark.parametrize(
    ("duplicates", "message"), [("self", "不能把一个单位与其自身合并"), ("none", "请至少选择一个要并入的单位")]
)
def test_self_merge_and_an_empty_list_are_refused(pair, demo_user, duplicates, message):
    keep, dup = pair
    before = counts(keep), counts(dup)
    with pytest.raises(ValidationError, match=message):
        chosen = [keep, dup] if duplicates == "self" else []
        enterprise_merge(actor=demo_user("county_admin"), keep=keep, duplicates=chosen)
    assert_nothing_changed(keep, dup, *before)


def test_a_duplicate_with_a_hazard_being_verified_is_refused(pair, demo_user):
    keep, dup = pair
    Hazard.objects.filter(enterprise=dup).update(status="verifying")
    before = counts(keep), counts(dup)
    with pytest.raises(ValidationError, match="正在验收中，请办结后再合并"):
        enterprise_merge(actor=demo_user("county_admin"), keep=keep, duplicates=[dup])
    assert_nothing_changed(keep, dup, *before)


def test_a_duplicate_with_an_inspection_rechecked_but_not_closed_is_refused(pair, demo_user):
    keep, dup = pair
    Inspection.objects.filter(enterprise=dup).update(status="rechecked")
    with pytest.raises(ValidationError, match="正在复查中，请办结后再合并"):
        enterprise_merge(actor=demo_user("county_admin"), keep=keep, duplicates=[dup])
    assert Enterprise.objects.filter(pk=dup.pk).exists()


def test_a_failure_half_way_leaves_nothing_changed(pair, demo_user):
    keep, dup = pair
    other = Enterprise.objects.filter(is_demo=True).exclude(pk__in=[keep.pk, dup.pk]).order_by("pk").first()
    HazardFactory(enterprise=other)
    before = counts(keep), counts(dup)

    def fail_on_dup(sender, keep, duplicate, **kwargs):  # runs after the hazards and inspections receivers
        if duplicate.pk == dup.pk:
            raise RuntimeError("磁盘已满")

    enterprise_merging.connect(fail_on_dup, dispatch_uid="test-fail")
    try:
        with pytest.raises(RuntimeError):
            enterprise_merge(actor=demo_user("county_admin"), keep=keep, duplicates=[other, dup])
    finally:
        enterprise_merging.disconnect(dispatch_uid="test-fail")
    assert_nothing_changed(keep, dup, *before)
    assert Enterprise.objects.filter(pk=other.pk).exists()
    assert Hazard.objects.filter(enterprise=other).count() == 1


@pytest.mark.parametrize("username", ["gx_staff", "gx_head", "yjj_head", "county_leader", "auditor"])
def test_only_the_county_admin_merges(pair, demo_user, username):
    keep, dup = pair
    with pytest.raises(PermissionDenied):
        enterprise_merge(actor=demo_user(username), keep=keep, duplicates=[dup])
    assert Enterprise.objects.filter(pk=dup.pk).exists()


def test_the_page_searches_previews_and_merges(pair, web_as):
    keep, dup = pair
    client = web_as("county_admin")
    url = f"/enterprises/{keep.pk}/merge/"
    assert dup.name in client.get(url, {"q": dup.credit_code}).content.decode()

    page = client.post(url, {"duplicates": [dup.pk], "preview": "1"}).content.decode()
    assert "将转移的记录" in page and "确认合并" in page
    assert Enterprise.objects.filter(pk=dup.pk).exists()

    refused = client.post(url, {"duplicates": [keep.pk], "confirm": "1"})
    assert refused.status_code == 400 and "不能把一个单位与其自身合并" in refused.content.decode()

    response = client.post(url, {"duplicates": [dup.pk], "note": "一企多牌", "confirm": "1"})
    assert response.status_code == 302
    detail = client.get(f"/enterprises/{keep.pk}/").content.decode()
    assert "合并记录" in detail and dup.name in detail and "一企多牌" in detail


def test_the_page_is_for_the_county_admin_only(pair, web_as):
    keep, dup = pair
    client = web_as("gx_staff")
    assert client.get(f"/enterprises/{keep.pk}/merge/").status_code == 403
    assert client.post(f"/enterprises/{keep.pk}/merge/", {"duplicates": [dup.pk], "confirm": "1"}).status_code == 403
    assert f"/enterprises/{keep.pk}/merge/" not in client.get(f"/enterprises/{keep.pk}/").content.decode()
    assert Enterprise.objects.filter(pk=dup.pk).exists()


def test_the_api_merges_and_returns_the_event(pair, api_as):
    keep, dup = pair
    client = api_as("county_admin")
    preview = client.post(
        "/api/v1/enterprises/merge/preview/", {"keep": keep.pk, "duplicates": [dup.pk]}, format="json"
    )
    assert preview.status_code == 200 and preview.json()["moved"]["hazards.Hazard"] == 2
    response = client.post(
        "/api/v1/enterprises/merge/", {"keep": keep.pk, "duplicates": [dup.pk], "note": "整合"}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["keep"] == keep.pk and body["duplicates"][0]["credit_code"] == dup.credit_code
    assert body["moved"]["inspections.Penalty"] == 1 and body["actor"] == "county_admin"
    assert not Enterprise.objects.filter(pk=dup.pk).exists()


def test_the_api_refuses_others_and_bad_input(pair, api_as):
    keep, dup = pair
    for username in ["gx_staff", "yjj_head", "api_client"]:
        refused = api_as(username).post(
            "/api/v1/enterprises/merge/", {"keep": keep.pk, "duplicates": [dup.pk]}, format="json"
        )
        assert refused.status_code == 403
    admin = api_as("county_admin")
    empty = admin.post("/api/v1/enterprises/merge/", {"keep": keep.pk, "duplicates": []}, format="json")
    assert empty.status_code == 400
    same = admin.post("/api/v1/enterprises/merge/", {"keep": keep.pk, "duplicates": [keep.pk]}, format="json")
    assert same.status_code == 400 and "不能把一个单位与其自身合并" in str(same.json())
    assert Enterprise.objects.filter(pk=dup.pk).exists()


def test_the_admin_shows_merges_read_only(pair, demo_user, admin_client):
    keep, dup = pair
    merge = enterprise_merge(actor=demo_user("county_admin"), keep=keep, duplicates=[dup])
    assert dup.name in admin_client.get("/admin/core/enterprisemerge/").content.decode()
    assert admin_client.get(f"/admin/core/enterprisemerge/{merge.pk}/change/").status_code == 200
    assert admin_client.get("/admin/core/enterprisemerge/add/").status_code == 403
