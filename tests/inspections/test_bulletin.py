"""The "三个强度" bulletin: the figures of a month beside the month before and a year before, the page, the
Excel and Word exports, the stats API, and the fixed number of queries."""

import datetime
import zipfile
from decimal import Decimal
from io import BytesIO
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from core.scoping import scope_for
from inspections.bulletin import enforcement_figures
from inspections.docx import W_NS, Document
from tests.inspections.factories_penalties import FindingFactory, InspectionFactory, PenaltyFactory, department

pytestmark = pytest.mark.django_db
MAY = datetime.date(2024, 5, 1)


def inspection(dept, day, findings=0):
    made = InspectionFactory(department=dept, inspected_on=day)
    FindingFactory.create_batch(findings, inspection=made)
    return made


@pytest.fixture
def figures(db):
    """应急局: May 2024 three inspections (2 + 1 + 0 problems), April one (2), May 2023 two (1); penalties in May
    10000 + 5000.50, in April 3000. 交通局: one inspection in May 2024 and one in May 2023, no penalties."""
    yjj, jtj = department("应急局"), department("交通局")
    inspection(yjj, datetime.date(2024, 5, 1), findings=2)
    inspection(yjj, datetime.date(2024, 5, 15), findings=1)
    inspection(yjj, datetime.date(2024, 5, 31))
    inspection(yjj, datetime.date(2024, 4, 30), findings=2)
    inspection(yjj, datetime.date(2023, 5, 2), findings=1)
    inspection(yjj, datetime.date(2023, 5, 20))
    inspection(yjj, datetime.date(2024, 6, 1), findings=5)  # not in any of the three months
    inspection(jtj, datetime.date(2024, 5, 8))
    inspection(jtj, datetime.date(2023, 5, 8))
    PenaltyFactory(department=yjj, decided_on=datetime.date(2024, 5, 20), amount=Decimal("10000"))
    PenaltyFactory(department=yjj, decided_on=datetime.date(2024, 5, 31), amount=Decimal("5000.50"))
    PenaltyFactory(department=yjj, decided_on=datetime.date(2024, 4, 2), amount=Decimal("3000"))
    PenaltyFactory(department=yjj, decided_on=datetime.date(2024, 6, 1), amount=Decimal("99999"))
    return yjj, jtj


def row_of(bulletin, dept):
    return next(r for r in bulletin.rows if r.department == dept)


def test_the_figures_of_may_2024_with_the_month_before_and_a_year_before(figures, demo_user):
    yjj, jtj = figures
    bulletin = enforcement_figures(month=MAY, user=demo_user("county_leader"))
    assert (bulletin.previous, bulletin.last_year) == (datetime.date(2024, 4, 1), datetime.date(2023, 5, 1))
    y = row_of(bulletin, yjj)
    assert (y.inspections.current, y.inspections.previous, y.inspections.last_year) == (3, 1, 2)
    assert (y.problems.current, y.problems.previous, y.problems.last_year) == (3, 2, 1)
    assert (y.penalties.current, y.penalties.previous, y.penalties.last_year) == (2, 1, 0)
    assert (y.amount.current, y.amount.previous, y.amount.last_year) == (Decimal("15000.50"), Decimal("3000"), 0)
    assert (y.inspections.vs_previous, y.inspections.pct_previous, y.inspections.vs_last_year) == (2, 200.0, 1)
    assert y.amount.pct_last_year is None  # nothing a year before: no percentage
    j = row_of(bulletin, jtj)
    assert (j.inspections.current, j.inspections.previous, j.inspections.last_year) == (1, 0, 1)
    assert (j.problems.current, j.penalties.current, j.amount.current) == (0, 0, 0)
    t = bulletin.total
    assert (t.inspections.current, t.inspections.previous, t.inspections.last_year) == (4, 1, 3)
    assert (t.problems.current, t.amount.current, t.amount.vs_previous) == (3, Decimal("15000.50"), Decimal("12000.50"))
    assert len(bulletin.rows) == 20  # every demo department, those without figures as zeros


def test_the_summary_names_the_busiest_department_and_those_that_did_nothing(figures, demo_user):
    bulletin = enforcement_figures(month=MAY, user=demo_user("county_admin"))
    text = bulletin.summary()
    assert "2024年5月" in text and "执法检查4次" in text and "发现问题3个" in text
    assert "作出行政处罚2件，罚款15,000.50元" in text
    assert "执法检查次数最多的是应急局（3次）" in text
    assert "住建委" in text and "未开展执法检查" in text
    assert "交通局" not in text.split("执法检查次数最多")[1]  # it inspected, so it is not listed as idle


def test_one_department_only(figures, demo_user):
    yjj, _ = figures
    bulletin = enforcement_figures(month=MAY, department=yjj, user=demo_user("yjj_staff"))
    assert [r.department for r in bulletin.rows] == [yjj]
    assert bulletin.total.inspections.current == 3


def test_the_figures_take_three_queries_whatever_the_number_of_departments(
    figures, demo_user, django_assert_num_queries
):
    user = demo_user("county_admin")
    scope_for(user)
    with django_assert_num_queries(3):
        enforcement_figures(month=MAY, user=user)
    with django_assert_num_queries(3):
        enforcement_figures(month=MAY, department=figures[0], user=user)


def test_the_page_shows_the_month_with_arrows(figures, web_as):
    page = web_as("yjj_staff").get("/inspections/bulletin/?month=2024-05")
    assert page.status_code == 200
    html = page.content.decode()
    assert "垫江县安全生产执法“三个强度”通报（2024年5月）" in html
    assert "↑2" in html and "15,000.50" in html
    assert 'value="2024-05"' in html and "?month=2024-04" in html and "?month=2024-06" in html
    june = web_as("yjj_staff").get("/inspections/bulletin/?month=2024-06").content.decode()
    assert "↓" in june


def test_the_page_refuses_a_bad_month_in_chinese(web_as, db):
    response = web_as("gx_staff").get("/inspections/bulletin/?month=2024-13")
    assert response.status_code == 400
    assert "月份格式" in response.content.decode()


def test_the_page_takes_a_fixed_number_of_queries(figures, web_as, django_assert_max_num_queries):
    client = web_as("county_leader")
    client.get("/inspections/bulletin/?month=2024-05")
    with django_assert_max_num_queries(8):
        client.get("/inspections/bulletin/?month=2024-05")


def test_the_excel_export(figures, web_as):
    response = web_as("county_leader").get("/inspections/bulletin/export.xlsx?month=2024-05")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="enforcement-2024-05.xlsx"'
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A1"].value == "垫江县安全生产执法“三个强度”通报（2024年5月）"
    rows = {r[0]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    # 部门, then per figure: 本月, 上月, 环比增减, 去年同月, 同比增减
    assert rows["应急局"][1:6] == (3, 1, 2, 2, 1)
    assert rows["应急局"][6:11] == (3, 2, 1, 1, 2)
    assert rows["应急局"][16] == pytest.approx(15000.5)
    assert rows["全县合计"][1] == 4
    assert list(rows)[-1] == "全县合计"


def document_text(content):
    with zipfile.ZipFile(BytesIO(content)) as package:
        names = set(package.namelist())
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("_rels/.rels").decode()
        root = ElementTree.fromstring(package.read("word/document.xml"))
    assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"} <= names
    assert "wordprocessingml.document.main+xml" in types and 'Target="word/document.xml"' in rels
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{{{W_NS}}}t")) for p in root.iter(f"{{{W_NS}}}p")]
    return root, paragraphs


def test_the_word_export_is_a_county_bulletin(figures, web_as):
    response = web_as("county_admin").get("/inspections/bulletin/export.docx?month=2024-05")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    root, paragraphs = document_text(response.content)
    assert paragraphs[0] == "垫江县安全生产执法“三个强度”通报（2024年5月）"
    assert paragraphs[1].startswith("垫安办〔2024〕")
    assert any("执法检查4次" in p and "执法检查次数最多的是应急局" in p for p in paragraphs)
    tables = list(root.iter(f"{{{W_NS}}}tbl"))
    assert len(tables) == 1
    rows = [["".join(t.text for t in c.iter(f"{{{W_NS}}}t")) for c in r.iter(f"{{{W_NS}}}tc")] for r in tables[0]]
    rows = [r for r in rows if r]
    assert rows[0][0] == "部门" and len(rows) == 1 + 20 + 1
    yjj = next(r for r in rows if r[0] == "应急局")
    assert yjj == ["应急局", "3", "+2", "+1", "3", "+1", "+2", "2", "15,000.50", "+12,000.50", "+15,000.50"]
    assert rows[-1][0] == "全县合计"


def test_the_docx_writer_escapes_text_and_drops_control_characters():
    doc = Document()
    doc.paragraph("<甲&乙>\x01")
    doc.table(["a", "b"], [["1", "<2>"]])
    _root, paragraphs = document_text(doc.to_bytes())
    assert paragraphs[0] == "<甲&乙>"
    assert "<2>" in paragraphs


def test_a_bad_export_month_is_refused(web_as, db):
    response = web_as("county_admin").get("/inspections/bulletin/export.docx?month=May")
    assert response.status_code == 400 and "月份格式" in response.content.decode()


def test_the_stats_api(figures, api_as, django_assert_max_num_queries):
    client = api_as("api_client")
    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/stats/enforcement/?month=2024-05")
    assert response.status_code == 200
    body = response.json()
    assert (body["month"], body["previous_month"], body["last_year_month"]) == ("2024-05", "2024-04", "2023-05")
    yjj = next(r for r in body["departments"] if r["department"]["name"] == "应急局")
    assert yjj["inspections"] == {
        "current": 3,
        "previous": 1,
        "last_year": 2,
        "vs_previous": 2,
        "vs_last_year": 1,
        "pct_previous": 200.0,
        "pct_last_year": 50.0,
    }
    assert yjj["amount"]["current"] == "15000.50" and yjj["amount"]["pct_last_year"] is None
    assert body["total"]["department"] is None and body["total"]["problems"]["current"] == 3
    one = client.get(f"/api/v1/stats/enforcement/?month=2024-05&department={figures[1].pk}").json()
    assert [r["department"]["name"] for r in one["departments"]] == ["交通局"]


@pytest.mark.parametrize("query", ["?month=2024-13", "?month=abc", "", "?month=2024-05&department=x"])
def test_the_stats_api_refuses_a_bad_month_in_chinese(api_as, db, query):
    response = api_as("auditor").get(f"/api/v1/stats/enforcement/{query}")
    assert response.status_code == 400
    assert "月份格式" in str(response.json()) or "部门ID" in str(response.json())


def test_the_stats_api_needs_a_signed_in_caller(client, db):
    assert client.get("/api/v1/stats/enforcement/?month=2024-05").status_code in (401, 403)
