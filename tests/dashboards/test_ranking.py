"""晾晒比拼: each unit's figures equal counts made from the models, a month and a quarter differ, the weights
decide the order, bad periods are refused in Chinese, and only the county office sets the weights."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.generators import SchemaGenerator

from core.models import OrgUnit, User
from dashboards.models import RankingWeight
from dashboards.ranking import unit_ranking
from dashboards.ranking_periods import RankingPeriod
from dashboards.ranking_services import ranking_weights_set
from disasters.models import WarningAcknowledgement
from hazards.models import Hazard
from tasks.models import ProgressReport
from tests.disasters.factories_warnings import WarningFactory
from tests.factories import OrgUnitFactory
from tests.hazards.factories import HazardFactory
from tests.tasks.factories import MeasureFactory, ReportFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
JUNE = RankingPeriod.month(2024, 6)
Q2 = RankingPeriod.quarter(2024, 2)
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel("2024-07-15 09:00 +0800", tick=False):
        yield


def at(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


def unit(name):
    return OrgUnit.objects.get(name=name) if "街道" in name or "镇" in name else OrgUnit.objects.get(short_name=name)


@pytest.fixture
def seeded(db):
    """桂溪街道 (hazards supervised by 应急局) and 沙坪镇 (by 交通局); counted by hand in EXPECTED."""
    gx, sp, jtj = unit("桂溪街道"), unit("沙坪镇"), unit("交通局")
    HazardFactory(source="self", status="closed", closed_at=at(2024, 6, 20, 10))  # June, on time
    HazardFactory(source="dept_check")  # June, open past its deadline 06-30: overdue
    HazardFactory(source="self", found_on=datetime.date(2024, 5, 10), deadline=datetime.date(2024, 12, 31))
    HazardFactory(
        source="self", territory=sp, supervising_department=jtj, found_on=datetime.date(2024, 6, 5),
        deadline=datetime.date(2024, 12, 31),
    )  # fmt: skip
    monthly = MeasureFactory(owner_unit=gx)  # from 04-01, monthly: April, May, June due by 07-15
    ReportFactory(measure=monthly, period_start=datetime.date(2024, 6, 1), status="submitted",
                  submitted_at=at(2024, 6, 28, 16))  # fmt: skip
    ReportFactory(measure=monthly, period_start=datetime.date(2024, 5, 1), submitted_at=at(2024, 6, 3, 9))  # late
    quarterly = MeasureFactory(owner_unit=sp, frequency="quarterly")
    ReportFactory(measure=quarterly, period_start=datetime.date(2024, 4, 1), submitted_at=at(2024, 6, 30, 23, 30))
    MeasureFactory(owner_unit=sp, start_date=datetime.date(2024, 8, 1))  # not yet running: nothing due
    warning = WarningFactory(issued_at=at(2024, 6, 10, 10), townships=["桂溪街道", "沙坪镇"])
    ack = WarningAcknowledgement.objects.get(warning=warning, township=gx)
    ack.acknowledged_at, ack.acknowledged_by = ack.due_at - datetime.timedelta(minutes=5), User.objects.first()
    ack.save()
    return warning


# unit: {metric: (numerator, denominator)}, score with the default weights 30, 20, 20, −20, 30
EXPECTED_JUNE = {
    "桂溪街道": ({"reports_on_time": (1, 1), "self_found": (1, 2), "closed_on_time": (1, 2), "overdue": (1, 2),
                  "acks_on_time": (1, 1)}, Decimal("70.0")),
    "沙坪镇": ({"reports_on_time": (1, 1), "self_found": (1, 1), "closed_on_time": (0, 1), "overdue": (0, 1),
                "acks_on_time": (0, 1)}, Decimal("50.0")),
}  # fmt: skip
EXPECTED_Q2 = {
    "桂溪街道": ({"reports_on_time": (1, 3), "self_found": (2, 3), "closed_on_time": (1, 3), "overdue": (1, 3),
                  "acks_on_time": (1, 1)}, Decimal("10.0") + Decimal("13.3") + Decimal("6.7") - Decimal("6.7") + 30),
    "沙坪镇": EXPECTED_JUNE["沙坪镇"],
}  # fmt: skip


def rows_by_name(ranking):
    return {row.unit.display_name: row for row in ranking.rows}


def figures(row):
    return {cell.metric.value: (cell.numerator, cell.denominator) for cell in row.cells}


@pytest.mark.parametrize(("period", "expected"), [(JUNE, EXPECTED_JUNE), (Q2, EXPECTED_Q2)])
def test_a_month_and_a_quarter_count_what_a_hand_count_finds(seeded, demo_user, period, expected):
    rows = rows_by_name(unit_ranking(user=demo_user("county_admin"), kind="township", period=period))
    for name, (counts, score) in expected.items():
        assert figures(rows[name]) == counts, name
        assert rows[name].score == score, name
    quiet = [row for name, row in rows.items() if name not in expected]
    assert quiet and all(row.score == 0 and not any(c.denominator for c in row.cells) for row in quiet)
    assert [r.unit.name for r in sorted(rows.values(), key=lambda r: r.rank)][:2] == ["桂溪街道", "沙坪镇"]


def test_the_figures_equal_counts_made_from_the_models(seeded, demo_user):
    gx = unit("桂溪街道")
    row = rows_by_name(unit_ranking(user=demo_user("county_leader"), kind="township", period=Q2))["桂溪街道"]
    found = Hazard.objects.filter(territory__path__startswith=gx.path, found_on__range=(Q2.first, Q2.last))
    reports = ProgressReport.objects.filter(measure__owner_unit=gx, status__in=["submitted", "approved"])
    on_time = [r for r in reports if r.submitted_at.astimezone(SHANGHAI).date() <= _month_end(r.period_start)]
    acks = WarningAcknowledgement.objects.filter(township=gx)
    assert figures(row) == {
        "reports_on_time": (len(on_time), 3),  # April, May, June
        "self_found": (found.filter(source="self").count(), found.count()),
        "closed_on_time": (found.filter(status="closed", closed_at__date__lte=datetime.date(2024, 6, 30)).count(),
                           found.count()),
        "overdue": (found.exclude(status="closed").filter(deadline__lt=datetime.date(2024, 7, 15)).count(),
                    found.count()),
        "acks_on_time": (acks.filter(acknowledged_at__lte=seeded.issued_at + datetime.timedelta(days=1)).count(),
                         acks.count()),
    }  # fmt: skip


def _month_end(start):
    return RankingPeriod.month(start.year, start.month).last


def test_each_hazard_number_opens_exactly_the_hazards_counted(seeded, web_as):
    client = web_as("county_admin")
    ranking = client.get("/dashboard/ranking/", {"period": "2024Q2"}).context["ranking"]
    for row in ranking.rows[:2]:
        for cell in row.cells:
            if cell.metric.value in {"self_found", "closed_on_time", "overdue"}:
                assert len(client.get(cell.url).context["page"]) == cell.numerator, (row.unit.name, cell.metric)
                assert len(client.get(cell.denominator_url).context["page"]) == cell.denominator


def test_departments_rank_by_supervision_and_skip_acknowledgements(seeded, web_as):
    response = web_as("county_admin").get("/dashboard/ranking/", {"kind": "department", "period": "2024-06"})
    ranking = response.context["ranking"]
    rows = rows_by_name(ranking)
    assert figures(rows["应急局"]) == {
        "reports_on_time": (0, 0), "self_found": (1, 2), "closed_on_time": (1, 2), "overdue": (1, 2)
    }  # fmt: skip
    assert rows["应急局"].score == Decimal("10.0")
    assert [m.value for m in ranking.left_out] == ["acks_on_time"]
    assert "县级部门不参与预警叫应" in response.content.decode()


def test_weekly_reports_count_each_week_ending_in_the_period(seeded, demo_user):
    jtj = unit("交通局")
    weekly = MeasureFactory(owner_unit=jtj, frequency="weekly", start_date=datetime.date(2024, 6, 1))
    ReportFactory(measure=weekly, period_start=datetime.date(2024, 6, 10), submitted_at=at(2024, 6, 16, 20))
    ReportFactory(measure=weekly, period_start=datetime.date(2024, 6, 17), submitted_at=at(2024, 6, 24, 9))  # late
    rows = rows_by_name(unit_ranking(user=demo_user("county_admin"), kind="department", period=JUNE))
    # the weeks ending on 2, 9, 16, 23 and 30 June; the measure began on 1 June
    assert figures(rows["交通局"])["reports_on_time"] == (1, 5)
    assert rows["交通局"].cells[0].points == Decimal("6.0")


def test_the_weights_change_the_order(seeded, demo_user):
    admin = demo_user("county_admin")
    first = unit_ranking(user=admin, kind="township", period=JUNE).rows[0]
    assert first.unit.name == "桂溪街道"
    ranking_weights_set(actor=admin, values={"acks_on_time": (30, False), "self_found": (60, True)})
    ranking = unit_ranking(user=admin, kind="township", period=JUNE)
    assert [r.unit.name for r in ranking.rows[:2]] == ["沙坪镇", "桂溪街道"]
    assert rows_by_name(ranking)["沙坪镇"].score == 30 + 60
    assert "acks_on_time" not in {c.metric.value for c in ranking.rows[0].cells}


def test_equal_scores_share_a_rank(seeded, demo_user):
    ranking = unit_ranking(user=demo_user("county_admin"), kind="township", period=JUNE)
    zeros = [row.rank for row in ranking.rows if row.score == 0]
    assert len(zeros) > 1 and set(zeros) == {3}


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2024-13", "统计周期应为月份（如 2024-05）或季度（如 2024Q2）。"),
        ("2024Q5", "统计周期应为月份"),
        ("五月", "统计周期应为月份"),
        ("2024-08", "2024年8月 尚未开始，不能查看未来的排名。"),
        ("2024Q4", "2024年第4季度 尚未开始"),
        ("2023Q4", "早于平台中最早的工作要点（2024年）"),
    ],
)
def test_a_bad_or_future_period_is_refused_in_chinese(db, web_as, api_as, period, message):
    page = web_as("county_leader").get("/dashboard/ranking/", {"period": period})
    assert page.status_code == 400
    text = page.content.decode()
    assert message in text and f'value="{period}"' in text  # the input is kept
    api = api_as("api_client").get("/api/v1/dashboard/ranking/", {"period": period})
    assert api.status_code == 400
    assert message in api.json()["period"][0]


def test_a_bad_kind_is_refused(db, api_as):
    response = api_as("county_leader").get("/api/v1/dashboard/ranking/", {"kind": "village"})
    assert response.status_code == 400
    assert "排名对象应为" in response.json()["kind"][0]


def test_the_current_month_is_accepted_and_nothing_not_yet_due_counts(seeded, demo_user):
    july = RankingPeriod.month(2024, 7)
    rows = rows_by_name(unit_ranking(user=demo_user("county_admin"), kind="township", period=july))
    assert figures(rows["桂溪街道"])["reports_on_time"] == (0, 0)  # July's report is due on 07-31


def test_the_api_explains_each_number(seeded, api_as):
    body = api_as("api_client").get("/api/v1/dashboard/ranking/", {"period": "2024-06"}).json()
    assert (body["kind"], body["period"], body["period_label"]) == ("township", "2024-06", "2024年6月")
    assert (body["first_day"], body["last_day"], body["full_marks"]) == ("2024-06-01", "2024-06-30", "100.0")
    top = body["rows"][0]
    assert (top["rank"], top["unit"]["name"], top["score"]) == (1, "桂溪街道", "70.0")
    self_found = next(m for m in top["metrics"] if m["metric"] == "self_found")
    links = {"list_url": self_found["list_url"], "denominator_list_url": self_found["denominator_list_url"]}
    assert self_found == {
        "metric": "self_found", "numerator": 1, "denominator": 2, "rate": "0.5000", "weight": "20.0",
        "points": "10.0", **links,
    }  # fmt: skip
    assert "score_part=self" in self_found["list_url"] and "found_from=2024-06-01" in self_found["list_url"]
    sp = next(row for row in body["rows"] if row["unit"]["name"] == "沙坪镇")
    assert {m["metric"]: m["points"] for m in sp["metrics"]}["overdue"] == "0.0"  # 0 × −20, not "-0.0"


def test_the_schema_documents_the_response_shape(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/v1/dashboard/ranking/"]["get"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Ranking")
    components = schema["components"]["schemas"]
    assert {"kind", "period", "metrics", "left_out", "rows"} <= set(components["Ranking"]["properties"])
    assert {"rate", "weight", "points", "list_url"} <= set(components["RankingCell"]["properties"])


def test_everyone_signed_in_sees_every_unit_but_links_only_to_their_own(seeded, web_as):
    ranking = web_as("sp_staff").get("/dashboard/ranking/", {"period": "2024-06"}).context["ranking"]
    rows = rows_by_name(ranking)
    assert len(rows) == OrgUnit.objects.filter(kind="township", is_active=True).count()
    assert figures(rows["桂溪街道"]) == EXPECTED_JUNE["桂溪街道"][0]
    assert all(not c.url and not c.denominator_url for c in rows["桂溪街道"].cells)
    assert all(c.denominator_url for c in rows["沙坪镇"].cells)


def test_read_only_accounts_read_the_ranking(seeded, web_as, api_as):
    assert web_as("auditor").get("/dashboard/ranking/").status_code == 200
    assert api_as("county_leader").get("/api/v1/dashboard/ranking/", {"kind": "department"}).status_code == 200


def test_the_query_count_does_not_grow_with_the_units(seeded, api_as):
    def count():
        client = api_as("county_admin")  # a fresh account object: its scope is read again
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/dashboard/ranking/", {"period": "2024Q2"}).status_code == 200
        return len(queries)

    before = count()
    county = OrgUnit.objects.get(kind="county")
    town = OrgUnitFactory(kind="township", parent=county, name="新建镇", code="500231999")
    HazardFactory(territory=town, source="self")
    MeasureFactory(owner_unit=town)
    # scope, first plan, weights, units, measures due, reports on time, hazards, acknowledgements
    assert count() == before == 8


@pytest.mark.parametrize("username", ["gx_head", "county_leader", "jtj_head", "auditor"])
def test_only_the_county_office_edits_the_weights(db, web_as, username):
    client = web_as(username)
    assert client.get("/dashboard/ranking/weights/").status_code == 403
    response = client.post("/dashboard/ranking/weights/", {"weight_overdue": "-50", "active_overdue": "on"})
    assert response.status_code == 403
    assert RankingWeight.objects.get(metric="overdue").weight == -20


def test_the_service_refuses_others(db, demo_user):
    with pytest.raises(PermissionDenied):
        ranking_weights_set(actor=demo_user("gx_head"), values={"overdue": (-50, True)})


def _form(**changes):
    data = {"weight_reports_on_time": "30", "weight_self_found": "20", "weight_closed_on_time": "20",
            "weight_overdue": "-20", "weight_acks_on_time": "30"}  # fmt: skip
    data.update({f"active_{m}": "on" for m in ["reports_on_time", "self_found", "closed_on_time", "overdue",
                                                 "acks_on_time"]})  # fmt: skip
    data.update(changes)
    return data


def test_the_county_office_sets_a_weight_and_the_change_keeps_who_and_when(db, web_as):
    client = web_as("county_admin")
    assert client.get("/dashboard/ranking/weights/").status_code == 200
    response = client.post("/dashboard/ranking/weights/", _form(weight_overdue="-35.5"))
    assert response.status_code == 302
    weight = RankingWeight.objects.get(metric="overdue")
    assert weight.weight == Decimal("-35.5")
    event = weight.events.order_by("-pgh_id").first()
    assert event.pgh_context.metadata["user"] == User.objects.get(username="county_admin").pk
    page = client.get("/dashboard/ranking/weights/").content.decode()
    assert "county_admin" in page or "安委办" in page
    assert "-35.5" in page
    client.post("/dashboard/ranking/weights/", _form(active_acks_on_time=""))
    page = client.get("/dashboard/ranking/weights/").content.decode()
    assert "计入得分：是 → 否" in page
    assert not RankingWeight.objects.get(metric="acks_on_time").is_active


def test_a_refused_weight_keeps_the_input_and_says_why(db, web_as):
    response = web_as("county_admin").post("/dashboard/ranking/weights/", _form(weight_overdue="15"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "“隐患逾期率”是扣分项，权重应为负数或 0。" in page and 'value="15"' in page
    assert RankingWeight.objects.get(metric="overdue").weight == -20
