"""最佳实践案例 (key action 二): the county office opens a call, units submit cases, reviewers score them, the
county office publishes the results after the deadline. Before publication a unit sees only its own cases."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tasks import practice_services, practice_workflow
from tasks.campaign_choices import CaseStatus
from tasks.models import CaseAttachment, PracticeCall, PracticeCase
from tests.tasks.factories_campaigns import PNG, call, case, unit, user

pytestmark = pytest.mark.django_db
YESTERDAY = datetime.date.today() - datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _submitted(c, **kwargs):
    made = case(c, **kwargs)
    return practice_workflow.practice_case_submit(actor=user(kwargs.get("actor", "gx_staff")), case=made)


def _to_review(c):
    """The deadline passes and the county office opens the review."""
    PracticeCall.objects.filter(pk=c.pk).update(deadline=YESTERDAY)
    c.refresh_from_db()
    return practice_workflow.practice_call_start_review(actor=user("county_admin"), call=c)


def test_the_whole_round_from_draft_to_published_ranking_keeps_every_state_change(web_as):
    c = call()
    gx = _submitted(c, title="网格+应急")
    sp = _submitted(c, unit_name="沙坪镇", actor="sp_staff", title="地灾叫应")
    c = _to_review(c)
    for reviewer, scores in (("county_admin", (90, 80)), ("yjj_head", (94, 70))):
        for target, score in zip((gx, sp), scores, strict=True):
            practice_workflow.practice_case_score(actor=user(reviewer), case=target, score=Decimal(score))
    practice_workflow.practice_call_publish(actor=user("county_admin"), call=c, awards={gx.pk: "first", sp.pk: "none"})
    gx.refresh_from_db()
    assert (gx.status, gx.award) == (CaseStatus.PUBLISHED, "first")
    steps = [(t.from_status, t.to_status, t.actor.username) for t in gx.transitions.order_by("at", "pk")]
    assert steps == [
        ("", "draft", "gx_staff"),
        ("draft", "submitted", "gx_staff"),
        ("submitted", "scored", "county_admin"),
        ("scored", "published", "county_admin"),
    ]
    page = web_as("gx_grid").get(reverse("practice-call-detail", args=[c.pk]))  # any signed-in person
    cases = list(page.context["cases"])
    assert [x.title for x in cases] == ["网格+应急", "地灾叫应"]
    assert cases[0].mean_score == Decimal("92") and cases[1].mean_score == Decimal("75")
    assert "一等奖" in page.content.decode() and "未入选" in page.content.decode()


def test_before_publication_a_unit_sees_only_its_own_cases(web_as, api_as):
    c = call()
    own = _submitted(c)
    other = _submitted(c, unit_name="沙坪镇", actor="sp_staff", title="沙坪案例")
    draft = case(c, unit_name="沙坪镇", actor="sp_staff", title="沙坪草稿")
    client = web_as("gx_staff")
    assert client.get(reverse("practice-case-detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("practice-case-detail", args=[other.pk])).status_code == 404
    listed = client.get(reverse("practice-call-detail", args=[c.pk])).content.decode()
    assert "网格+应急" in listed and "沙坪案例" not in listed
    ids = [row["id"] for row in api_as("gx_staff").get(reverse("api:practice-case-list")).json()["results"]]
    assert ids == [own.pk]
    # the designated reviewer sees submitted cases but not drafts
    reviewer_ids = {row["id"] for row in api_as("yjj_head").get(reverse("api:practice-case-list")).json()["results"]}
    assert {own.pk, other.pk} <= reviewer_ids and draft.pk not in reviewer_ids


def test_after_publication_everyone_sees_the_published_cases_but_not_others_drafts(api_as):
    c = call()
    published = _submitted(c)
    draft = case(c, unit_name="沙坪镇", actor="sp_staff", title="未申报")
    c = _to_review(c)
    practice_workflow.practice_case_score(actor=user("yjj_head"), case=published, score=Decimal("88"))
    practice_workflow.practice_call_publish(actor=user("county_admin"), call=c, awards={published.pk: "second"})
    client = api_as("sp_staff")
    rows = client.get(reverse("api:practice-case-list")).json()["results"]
    assert {r["id"] for r in rows} == {published.pk, draft.pk}  # the published one, and 沙坪镇's own draft
    mine = next(r for r in rows if r["id"] == published.pk)
    assert mine["award"] == "second" and mine["mean_score"] == 88.0
    assert api_as("gx_staff").get(reverse("api:practice-case-detail", args=[draft.pk])).status_code == 404


def test_bad_input_is_refused_in_chinese(web_as):
    c = call()
    response = web_as("gx_staff").post(
        reverse("practice-case-create", args=[c.pk]), {"unit": unit("桂溪街道").pk, "title": "只写了名称"}
    )
    assert response.status_code == 400
    assert "只写了名称" in response.content.decode() and "该字段是必填项。" in response.content.decode()
    submitted = _submitted(c)
    with pytest.raises(ValidationError, match="退回时必须填写退回理由。"):
        practice_workflow.practice_case_return(actor=user("county_admin"), case=submitted, reason=" ")
    with pytest.raises(ValidationError, match="征集进入评审阶段后才能评分。"):
        practice_workflow.practice_case_score(actor=user("county_admin"), case=submitted, score=Decimal("80"))
    with pytest.raises(ValidationError, match="申报截止（.*）后才能开始评审。"):
        practice_workflow.practice_call_start_review(actor=user("county_admin"), call=c)
    c = _to_review(c)
    with pytest.raises(ValidationError, match="评分应在0到100之间。"):
        practice_workflow.practice_case_score(actor=user("county_admin"), case=submitted, score=Decimal("101"))
    with pytest.raises(ValidationError, match="尚有1个已申报的案例未评分，不能公布。"):
        practice_workflow.practice_call_publish(actor=user("county_admin"), call=c, awards={})
    practice_workflow.practice_case_score(actor=user("county_admin"), case=submitted, score=Decimal("80"))
    with pytest.raises(ValidationError, match="请为每个案例选择评选结果：网格\\+应急。"):
        practice_workflow.practice_call_publish(actor=user("county_admin"), call=c, awards={})
    late = case  # a new case after the deadline
    with pytest.raises(ValidationError, match="该征集已截止"):
        late(c, unit_name="沙坪镇", actor="sp_staff")
    with pytest.raises(ValidationError, match="2025年已有该类别的征集。"):
        call()


def test_a_score_page_refusal_keeps_the_input_and_each_reviewer_has_one_score(web_as):
    c = call()
    submitted = _submitted(c)
    _to_review(c)
    client = web_as("yjj_head")
    url = reverse("practice-case-action", args=[submitted.pk, "score"])
    response = client.post(url, {"score": "150", "comment": "亮点突出"})
    assert response.status_code == 400
    assert "评分应在0到100之间。" in response.content.decode() and "亮点突出" in response.content.decode()
    assert client.post(url, {"score": "85", "comment": "亮点突出"}).status_code == 302
    assert client.post(url, {"score": "87", "comment": "复核"}).status_code == 302
    assert list(submitted.scores.values_list("score", flat=True)) == [Decimal("87")]


def test_a_returned_case_comes_back_with_its_reason_and_is_sent_again(web_as):
    c = call()
    submitted = _submitted(c)
    response = web_as("county_admin").post(
        reverse("practice-case-action", args=[submitted.pk, "return"]), {"reason": "请补充成效数据"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.return_reason) == (CaseStatus.RETURNED, "请补充成效数据")
    page = web_as("gx_staff").get(reverse("practice-case-edit", args=[submitted.pk]))
    assert "请补充成效数据" in page.content.decode()
    photo = SimpleUploadedFile("成效.png", PNG, content_type="image/png")
    response = web_as("gx_staff").post(
        reverse("practice-case-edit", args=[submitted.pk]),
        {"title": "网格+应急", "summary": "补充了数据", "attachments": photo, "submit": "1"},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == CaseStatus.SUBMITTED
    attachment = CaseAttachment.objects.get(case=submitted)
    assert web_as("gx_staff").get(reverse("practice-case-file", args=[attachment.pk])).status_code == 200
    assert web_as("sp_staff").get(reverse("practice-case-file", args=[attachment.pk])).status_code == 404
    notes = [t.note for t in submitted.transitions.all()]
    assert "请补充成效数据" in notes


def test_who_may_do_what(web_as, api_as):
    c = call()
    submitted = _submitted(c)
    for username in ("county_leader", "auditor"):
        client = web_as(username)
        assert client.get(reverse("practice-call-create")).status_code == 403
        assert client.get(reverse("practice-call-publish", args=[c.pk])).status_code == 403
        assert client.get(reverse("practice-case-create", args=[c.pk])).status_code == 403
        assert api_as(username).post(reverse("api:practice-case-score", args=[submitted.pk]), {}).status_code == 403
    with pytest.raises(PermissionDenied, match="只有安委办或本次征集的评审专家可以评审案例。"):
        practice_workflow.practice_case_return(actor=user("jtj_head"), case=submitted, reason="不行")
    with pytest.raises(PermissionDenied, match="只有申报单位的负责人和工作人员可以申报案例。"):
        practice_services.practice_case_create(
            actor=user("gx_staff"), call=c, unit=unit("沙坪镇"), title="代报", summary="x"
        )
    with pytest.raises(PermissionDenied, match="只有安委办可以公布评选结果。"):
        practice_workflow.practice_call_publish(actor=user("yjj_head"), call=c, awards={})


def test_the_api_writes_through_the_workflow_and_pins_its_queries(api_as, django_assert_max_num_queries):
    c = call()
    for n in range(3):
        _submitted(c, title=f"案例{n}")
    client = api_as("gx_staff")
    created = client.post(
        reverse("api:practice-case-list"),
        {"call": c.pk, "unit": unit("桂溪街道").pk, "title": "接口申报", "summary": "做法"},
        format="json",
    )
    assert created.status_code == 201 and created.json()["status"] == "draft"
    pk = created.json()["id"]
    assert client.post(reverse("api:practice-case-submit", args=[pk])).json()["status"] == "submitted"
    assert client.post(reverse("api:practice-case-score", args=[pk]), {"score": "90"}).status_code == 403
    with django_assert_max_num_queries(6):
        rows = client.get(reverse("api:practice-case-list")).json()["results"]
    assert len(rows) == 4 and all(r["mean_score"] is None for r in rows)
    refused = client.post(
        reverse("api:practice-case-list"),
        {"call": c.pk, "unit": unit("沙坪镇").pk, "title": "代报", "summary": "x"},
        format="json",
    )
    assert refused.status_code == 403
    assert PracticeCase.objects.filter(call=c).count() == 4


def test_the_call_page_lists_cases_in_few_queries(web_as, django_assert_max_num_queries):
    c = call()
    for n in range(4):
        _submitted(c, title=f"案例{n}")
    client = web_as("county_admin")
    with django_assert_max_num_queries(20):
        page = client.get(reverse("practice-call-detail", args=[c.pk]))
    assert page.status_code == 200 and len(page.context["cases"]) == 4
    client = web_as("gx_staff")
    with django_assert_max_num_queries(16):
        assert client.get(reverse("practice-call-list")).status_code == 200
