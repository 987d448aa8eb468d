"""Inspection plans (执法计划): the rule that picks enterprises, coverage, bad input, scoping, pages and API."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Enterprise
from inspections import plan_selectors as selectors
from inspections import plan_services as services
from inspections.models import InspectionPlan, PlannedVisit
from tests.inspections.factories_plans import (
    InspectionPlanFactory,
    PlanInspectionFactory,
    chemical_enterprises,
    department,
)

D = datetime.date
TODAY = D(2024, 7, 10)


def plan_values(**overrides):
    return {
        "department": department(),
        "title": "2024年5—6月危险化学品执法检查计划",
        "starts_on": D(2024, 5, 1),
        "ends_on": D(2024, 6, 30),
        "focus": "major_risk",
        "planned_count": 12,
        **overrides,
    }


def coverage_of(plan, today=TODAY):
    annotated = selectors.plan_queryset(user=plan.created_by or _admin()).get(pk=plan.pk)
    return selectors.plan_coverage(plan=annotated, today=today)


def _admin():
    from core.models import User

    return User.objects.get(username="county_admin")


# ---- selection by rule ---------------------------------------------------------------------------------------


def test_the_rule_picks_the_departments_enterprises_of_the_sector(demo_user):
    rows = services.plan_select_enterprises(
        actor=demo_user("yjj_staff"), department=department(), sectors=["hazardous_chemicals"]
    )
    assert {e.pk for e in rows} == {e.pk for e in chemical_enterprises()}
    assert len(chemical_enterprises()) == 6


def test_the_rule_leaves_out_other_departments_enterprises(demo_user):
    rows = services.plan_select_enterprises(actor=demo_user("county_admin"), department=department())
    assert rows.exists()
    assert set(rows.values_list("supervising_department__short_name", flat=True)) == {"应急局"}
    assert not services.plan_select_enterprises(
        actor=demo_user("county_admin"), department=department(), sectors=["road_traffic"]
    ).exists()


def test_the_rule_leaves_out_enterprises_visited_in_the_last_n_months(demo_user):
    first, second, third, *_ = chemical_enterprises()
    PlanInspectionFactory(enterprise=first, inspected_on=D(2024, 6, 1))  # 1 month before: visited
    PlanInspectionFactory(enterprise=second, inspected_on=D(2023, 12, 1))  # 7 months before: not recent
    PlanInspectionFactory(enterprise=third, inspected_on=D(2024, 6, 1), department=department("交通局"))
    rows = services.plan_select_enterprises(
        actor=demo_user("yjj_staff"),
        department=department(),
        sectors=["hazardous_chemicals"],
        not_visited_months=6,
        today=TODAY,
    )
    picked = {e.pk for e in rows}
    assert first.pk not in picked
    assert {second.pk, third.pk} <= picked  # another department's visit does not count
    assert len(picked) == 5


def test_the_rule_filters_by_scale_and_township_and_limit(demo_user):
    target = chemical_enterprises()[0]
    Enterprise.objects.filter(pk=target.pk).update(scale="above")
    actor = demo_user("yjj_staff")
    rows = services.plan_select_enterprises(actor=actor, department=department(), scales=["above"])
    assert [e.pk for e in rows] == [target.pk]
    rows = services.plan_select_enterprises(actor=actor, department=department(), townships=[target.township])
    assert target.pk in {e.pk for e in rows}
    assert all(e.township_id == target.township_id for e in rows)
    assert len(services.plan_select_enterprises(actor=actor, department=department(), limit=2)) == 2


def test_the_rule_is_one_query(demo_user):
    actor, yjj = demo_user("yjj_staff"), department()
    services.plan_select_enterprises(actor=actor, department=yjj)  # the actor's scope is computed once
    with CaptureQueriesContext(connection) as queries:
        rows = services.plan_select_enterprises(
            actor=actor,
            department=yjj,
            sectors=["hazardous_chemicals"],
            scales=["small_micro"],
            not_visited_months=3,
            limit=5,
        )
        list(rows)
    assert len(queries) == 1


@pytest.mark.parametrize("username", ["jtj_head", "gx_staff", "county_leader", "auditor"])
def test_only_the_department_or_the_county_office_selects(demo_user, username):
    with pytest.raises(PermissionDenied):
        services.plan_select_enterprises(actor=demo_user(username), department=department())


# ---- create, update, the list --------------------------------------------------------------------------------


def test_a_plan_is_created_with_its_enterprises_and_rule(demo_user):
    actor = demo_user("yjj_staff")
    rule = services.selection_rule(sectors=["hazardous_chemicals"], today=TODAY)
    picked = services.plan_select_enterprises(actor=actor, department=department(), sectors=["hazardous_chemicals"])
    plan = services.plan_create(actor=actor, enterprises=list(picked), rule=rule, **plan_values())
    assert plan.visits.count() == 6
    plan.refresh_from_db()
    assert plan.selection == "rule"
    assert plan.selection_rule["sectors"] == ["hazardous_chemicals"] and plan.selection_rule["as_of"] == "2024-07-10"
    assert plan.created_by == actor


def test_an_end_before_the_start_is_refused_and_nothing_saved(demo_user):
    with pytest.raises(ValidationError) as error:
        services.plan_create(actor=demo_user("yjj_staff"), **plan_values(ends_on=D(2024, 4, 30)))
    assert error.value.message_dict == {"ends_on": ["结束日期不能早于开始日期。"]}
    assert not InspectionPlan.objects.exists()


def test_a_negative_planned_count_is_refused(demo_user):
    with pytest.raises(ValidationError) as error:
        services.plan_create(actor=demo_user("yjj_staff"), **plan_values(planned_count=-1))
    assert error.value.message_dict == {"planned_count": ["计划检查次数不能为负数。"]}
    assert not InspectionPlan.objects.exists()


def test_the_database_refuses_a_reversed_period(db):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        InspectionPlanFactory(ends_on=D(2024, 4, 1))


@pytest.mark.parametrize("username", ["jtj_head", "county_leader", "auditor", "api_client", "gx_staff"])
def test_others_cannot_make_a_departments_plan(demo_user, username):
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=demo_user(username), **plan_values())
    assert not InspectionPlan.objects.exists()


def test_the_county_office_makes_a_plan_for_any_department(demo_user):
    plan = services.plan_create(actor=demo_user("county_admin"), **plan_values(department=department("交通局")))
    assert plan.department.short_name == "交通局"


def test_an_enterprise_outside_the_department_is_refused(demo_user):
    plan = InspectionPlanFactory()
    road = Enterprise.objects.filter(sector="road_traffic").first()
    with pytest.raises(ValidationError) as error:
        services.plan_set_enterprises(actor=demo_user("yjj_staff"), plan=plan, enterprises=[road])
    assert "不在" in error.value.message_dict["enterprises"][0]
    assert not plan.visits.exists()


def test_a_planned_date_outside_the_period_is_refused(demo_user):
    plan = InspectionPlanFactory()
    with pytest.raises(ValidationError) as error:
        services.plan_set_enterprises(
            actor=demo_user("yjj_staff"), plan=plan, enterprises=[(chemical_enterprises()[0], D(2024, 7, 2))]
        )
    assert "计划检查日期须在计划期内" in error.value.message_dict["planned_on"][0]


def test_setting_the_list_again_keeps_planned_dates_and_drops_the_rest(demo_user):
    actor = demo_user("yjj_staff")
    plan = InspectionPlanFactory()
    first, second, third, *_ = chemical_enterprises()
    services.plan_set_enterprises(actor=actor, plan=plan, enterprises=[(first, D(2024, 5, 10)), second])
    services.plan_set_enterprises(actor=actor, plan=plan, enterprises=[first, third])
    rows = {v.enterprise_id: v.planned_on for v in PlannedVisit.objects.filter(plan=plan)}
    assert rows == {first.pk: D(2024, 5, 10), third.pk: None}
    plan.refresh_from_db()
    assert plan.selection == "manual" and plan.selection_rule == {}


def test_updating_a_plan_checks_the_period_again(demo_user):
    plan = InspectionPlanFactory()
    with pytest.raises(ValidationError):
        services.plan_update(actor=demo_user("yjj_head"), plan=plan, starts_on=D(2024, 8, 1))
    plan.refresh_from_db()
    assert plan.starts_on == D(2024, 5, 1)
    services.plan_update(actor=demo_user("yjj_head"), plan=plan, planned_count=20, title="改名")
    plan.refresh_from_db()
    assert (plan.planned_count, plan.title) == (20, "改名")


# ---- coverage ------------------------------------------------------------------------------------------------


def make_covered_plan(actor):
    plan = InspectionPlanFactory(created_by=actor, planned_count=8)
    enterprises = chemical_enterprises()
    services.plan_set_enterprises(actor=actor, plan=plan, enterprises=enterprises[:4])
    a, b, c, d = enterprises[:4]
    PlanInspectionFactory(enterprise=a, inspected_on=D(2024, 5, 20))
    PlanInspectionFactory(enterprise=a, inspected_on=D(2024, 6, 3))  # a second visit: one enterprise, two checks
    PlanInspectionFactory(enterprise=b, inspected_on=D(2024, 4, 20))  # before the period: not counted
    PlanInspectionFactory(enterprise=b, inspected_on=D(2024, 7, 3), plan=plan)  # linked to the plan: counted
    PlanInspectionFactory(enterprise=c, inspected_on=D(2024, 5, 20), department=department("交通局"))
    PlanInspectionFactory(enterprise=enterprises[5], inspected_on=D(2024, 5, 21))  # not on the list
    return plan, (a, b, c, d)


def test_coverage_counts_visited_enterprises_and_inspections(demo_user):
    plan, (a, b, c, d) = make_covered_plan(demo_user("yjj_staff"))
    coverage = coverage_of(plan)
    assert (coverage.planned, coverage.visited, coverage.not_visited) == (4, 2, 2)
    assert coverage.percent == 50
    assert (coverage.inspections_done, coverage.planned_count, coverage.inspections_percent) == (3, 8, 38)
    dates = {r.enterprise_id: (r.visited_on, r.visit_count) for r in coverage.rows}
    assert dates == {a.pk: (D(2024, 5, 20), 2), b.pk: (D(2024, 7, 3), 1), c.pk: (None, 0), d.pk: (None, 0)}
    assert coverage.overdue


def test_the_list_annotations_match_the_coverage(demo_user):
    plan, _ = make_covered_plan(demo_user("yjj_staff"))
    row = selectors.plan_queryset(user=demo_user("yjj_staff")).get(pk=plan.pk)
    assert (row.enterprise_count, row.visited_count, row.inspections_done) == (4, 2, 3)


def test_an_empty_plan_has_zero_coverage(demo_user):
    plan = InspectionPlanFactory(planned_count=0, created_by=demo_user("yjj_staff"))
    coverage = coverage_of(plan)
    assert (coverage.planned, coverage.visited, coverage.percent, coverage.inspections_percent) == (0, 0, 0, 0)


def test_coverage_of_a_plan_takes_two_queries_whatever_its_size(demo_user):
    actor = demo_user("yjj_staff")
    plan, _ = make_covered_plan(actor)
    for pk_count in (2, 6):
        services.plan_set_enterprises(actor=actor, plan=plan, enterprises=chemical_enterprises()[:pk_count])
        with CaptureQueriesContext(connection) as queries:
            annotated = selectors.plan_queryset(user=actor).get(pk=plan.pk)
            selectors.plan_coverage(plan=annotated, today=TODAY)
        assert len(queries) == 2


# ---- pages ---------------------------------------------------------------------------------------------------


def test_the_list_shows_the_departments_own_plans_with_coverage(web_as, demo_user):
    mine, _ = make_covered_plan(demo_user("yjj_staff"))
    other = InspectionPlanFactory(department=department("交通局"), title="交通局计划")
    page = web_as("yjj_staff").get("/inspections/plans/").content.decode()
    assert mine.title in page and other.title not in page
    assert "2/4" in page and "3/8" in page
    admin_page = web_as("county_admin").get("/inspections/plans/", {"department": other.department_id}).content
    assert other.title in admin_page.decode() and mine.title not in admin_page.decode()


def test_the_list_filters_by_year_and_current(web_as):
    old = InspectionPlanFactory(title="2023年计划", starts_on=D(2023, 3, 1), ends_on=D(2023, 4, 30))
    this = InspectionPlanFactory(title="2024年计划")
    client = web_as("yjj_staff")
    page = client.get("/inspections/plans/", {"year": 2023}).content.decode()
    assert old.title in page and this.title not in page
    with_today = client.get("/inspections/plans/", {"current": "true"}).content.decode()
    assert old.title not in with_today


def test_another_departments_plan_is_not_found(web_as):
    plan = InspectionPlanFactory(department=department("交通局"))
    client = web_as("yjj_staff")
    for path in ("", "edit/", "select/"):
        assert client.get(f"/inspections/plans/{plan.pk}/{path}").status_code == 404
    assert web_as("gx_staff").get(f"/inspections/plans/{plan.pk}/").status_code == 404


def test_the_detail_marks_visited_and_not_visited_after_the_period(web_as, demo_user):
    plan, (a, b, c, d) = make_covered_plan(demo_user("yjj_staff"))
    page = web_as("yjj_staff").get(f"/inspections/plans/{plan.pk}/").content.decode()
    assert "✓ 2024-05-20" in page and "✓ 2024-07-03" in page
    assert page.count('<span class="text-danger fw-bold">未检查</span>') == 2  # the period ended in 2024
    assert "修改计划" in page


@pytest.mark.parametrize("username", ["county_leader", "auditor"])
def test_read_only_roles_see_plans_but_cannot_change_them(web_as, username):
    plan = InspectionPlanFactory()
    client = web_as(username)
    page = client.get(f"/inspections/plans/{plan.pk}/").content.decode()
    assert plan.title in page and "修改计划" not in page
    assert client.get("/inspections/plans/new/").status_code == 403
    assert client.get(f"/inspections/plans/{plan.pk}/edit/").status_code == 403
    assert client.post(f"/inspections/plans/{plan.pk}/select/", {"enterprise": []}).status_code == 403


def test_the_form_creates_a_plan(web_as):
    data = {**plan_values(department=department().pk), "focus_note": "重大危险源"}
    response = web_as("yjj_staff").post("/inspections/plans/new/", data)
    plan = InspectionPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/inspections/plans/{plan.pk}/"


def test_a_refused_form_keeps_what_was_typed(web_as):
    data = {**plan_values(department=department().pk, ends_on=D(2024, 4, 1), title="保留的标题")}
    response = web_as("yjj_staff").post("/inspections/plans/new/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "结束日期不能早于开始日期" in page and "保留的标题" in page
    response = web_as("yjj_staff").post(
        "/inspections/plans/new/", {**data, "ends_on": "2024-06-30", "planned_count": -3}
    )
    assert response.status_code == 400 and "计划检查次数不能为负数" in response.content.decode()
    assert not InspectionPlan.objects.exists()


def test_the_form_offers_only_the_users_own_department(web_as):
    page = web_as("yjj_staff").get("/inspections/plans/new/").content.decode()
    assert "应急局" in page and "交通运输局" not in page and f'value="{department("交通局").pk}"' not in page


def test_select_previews_the_rule_then_saves_the_ticked_enterprises(web_as):
    plan = InspectionPlanFactory()
    client = web_as("yjj_staff")
    page = client.get(f"/inspections/plans/{plan.pk}/select/", {"preview": 1, "sectors": "hazardous_chemicals"})
    assert page.status_code == 200
    assert "符合条件的单位 6 家" in page.content.decode()
    assert not plan.visits.exists()  # a preview saves nothing
    chosen = [e.pk for e in chemical_enterprises()[:3]]
    response = client.post(
        f"/inspections/plans/{plan.pk}/select/", {"sectors": "hazardous_chemicals", "enterprise": chosen}
    )
    assert response.status_code == 302
    assert set(plan.visits.values_list("enterprise_id", flat=True)) == set(chosen)
    plan.refresh_from_db()
    assert plan.selection == "rule" and plan.selection_rule["sectors"] == ["hazardous_chemicals"]


def test_select_refuses_an_enterprise_of_another_department(web_as):
    plan = InspectionPlanFactory()
    road = Enterprise.objects.filter(sector="road_traffic").first()
    response = web_as("yjj_staff").post(f"/inspections/plans/{plan.pk}/select/", {"enterprise": [road.pk]})
    assert response.status_code == 400 and "不在" in response.content.decode()
    assert not plan.visits.exists()


def test_the_plan_list_takes_the_same_queries_for_2_and_12_plans(web_as):
    client = web_as("yjj_staff")
    counts = []
    for total in (2, 12):
        InspectionPlanFactory.create_batch(total - InspectionPlan.objects.count())
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/inspections/plans/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_detail_page_takes_a_fixed_number_of_queries(web_as, demo_user):
    plan, _ = make_covered_plan(demo_user("yjj_staff"))
    client = web_as("yjj_staff")
    counts = []
    for size in (2, 6):
        services.plan_set_enterprises(
            actor=demo_user("yjj_staff"), plan=plan, enterprises=chemical_enterprises()[:size]
        )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/inspections/plans/{plan.pk}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# ---- API -----------------------------------------------------------------------------------------------------

API = "/api/v1/inspection-plans/"


def test_api_creates_a_plan_sets_its_enterprises_by_rule_and_shows_coverage(api_as):
    client = api_as("yjj_staff")
    response = client.post(API, {**plan_values(department=department().pk)}, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    response = client.put(f"{API}{pk}/enterprises/", {"rule": {"sectors": ["hazardous_chemicals"]}}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["selection"] == "rule" and body["selection_rule"]["sectors"] == ["hazardous_chemicals"]
    assert body["coverage"]["enterprises_planned"] == 6 and body["coverage"]["enterprises_visited"] == 0
    PlanInspectionFactory(enterprise=chemical_enterprises()[0], inspected_on=D(2024, 5, 9))
    coverage = client.get(f"{API}{pk}/").json()["coverage"]
    assert (coverage["enterprises_visited"], coverage["percent"], coverage["inspections_done"]) == (1, 17, 1)
    visited = [r for r in coverage["rows"] if r["visited_on"]]
    assert visited == [{**visited[0], "visited_on": "2024-05-09", "visit_count": 1}]


def test_api_sets_the_list_by_hand_with_dates(api_as):
    plan = InspectionPlanFactory()
    first, second = chemical_enterprises()[:2]
    visits = [{"enterprise": first.pk, "planned_on": "2024-05-06"}, {"enterprise": second.pk}]
    response = api_as("yjj_head").put(f"{API}{plan.pk}/enterprises/", {"enterprises": visits}, format="json")
    assert response.status_code == 200
    assert {r["enterprise"]: r["planned_on"] for r in response.json()["coverage"]["rows"]} == {
        first.pk: "2024-05-06",
        second.pk: None,
    }
    assert response.json()["selection"] == "manual"


def test_api_refuses_bad_input_in_chinese(api_as):
    client = api_as("yjj_staff")
    response = client.post(API, plan_values(department=department().pk, ends_on="2024-04-01"), format="json")
    assert response.status_code == 400 and "结束日期不能早于开始日期" in str(response.json())
    response = client.post(API, plan_values(department=department().pk, planned_count=-2), format="json")
    assert response.status_code == 400 and "计划检查次数不能为负数" in str(response.json())
    plan = InspectionPlanFactory()
    response = client.put(f"{API}{plan.pk}/enterprises/", {}, format="json")
    assert response.status_code == 400 and "请给出检查单位名单" in str(response.json())
    assert InspectionPlan.objects.count() == 1


def test_api_patch_changes_the_plan(api_as):
    plan = InspectionPlanFactory()
    response = api_as("yjj_staff").patch(f"{API}{plan.pk}/", {"planned_count": 30}, format="json")
    assert response.status_code == 200 and response.json()["planned_count"] == 30


def test_api_scopes_plans_and_refuses_read_only_roles(api_as):
    mine = InspectionPlanFactory()
    other = InspectionPlanFactory(department=department("交通局"))
    client = api_as("yjj_staff")
    assert [r["id"] for r in client.get(API).json()["results"]] == [mine.pk]
    assert client.get(f"{API}{other.pk}/").status_code == 404
    assert client.patch(f"{API}{other.pk}/", {"title": "x"}, format="json").status_code == 404
    reader = api_as("api_client")
    assert {r["id"] for r in reader.get(API).json()["results"]} == {mine.pk, other.pk}
    assert reader.patch(f"{API}{mine.pk}/", {"title": "x"}, format="json").status_code == 403
    assert reader.post(API, plan_values(department=department().pk), format="json").status_code == 403
    assert reader.put(f"{API}{mine.pk}/enterprises/", {"enterprises": []}, format="json").status_code == 403


def test_api_list_and_detail_take_fixed_queries(api_as, demo_user):
    client = api_as("county_admin")
    plan, _ = make_covered_plan(demo_user("yjj_staff"))
    client.get(API)  # the person's scope is computed once
    counts = []
    for total in (2, 12):
        InspectionPlanFactory.create_batch(total - InspectionPlan.objects.count())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(API, {"page_size": 100}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{API}{plan.pk}/").status_code == 200
    assert len(queries) == 2  # the plan with its counts, its enterprise rows


def test_the_schema_documents_the_plans(api_as):
    response = api_as("county_admin").get("/api/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/inspection-plans/{id}/enterprises/" in text and "PlanEnterprises" in text


def test_the_demo_plans_load_once(demo_user):
    from demo.inspections_plans import load_plans
    from demo.loader import DemoLoader

    loader = DemoLoader()
    load_plans(loader)
    load_plans(loader)
    yjj = InspectionPlan.objects.get(department=department())
    assert yjj.selection == "rule" and yjj.visits.count() == 6 and yjj.selection_rule["as_of"] == "2024-04-21"
    jtj = InspectionPlan.objects.get(department=department("交通局"))
    assert jtj.selection == "manual" and jtj.visits.exclude(planned_on=None).count() == jtj.visits.count() > 0
    assert InspectionPlan.objects.count() == 2
