"""The bulletin's document engine on small known figures: the .docx's layout and numbers, the sums of a
quarter, and the PDF that Chromium prints from the same blocks."""

import datetime
import re

import pytest

from dashboards.bulletin_choices import BulletinKind
from dashboards.bulletin_document import bulletin_document
from dashboards.bulletin_figures import combine
from dashboards.bulletin_pdf import bulletin_html, html_to_pdf
from dashboards.models import Bulletin
from tests.dashboards.bulletin_fakes import MAY_31, fake_summary
from tests.dashboards.bulletin_reading import docx_parts, needs_chromium, pdf_pages, pdf_text, table_values

pytestmark = pytest.mark.django_db


def bulletin(kind=BulletinKind.MONTHLY, start=datetime.date(2024, 5, 1), unit=None):
    return Bulletin(kind=kind, period_start=start, unit=unit, number_year=2024, number=7)


@pytest.fixture
def may(demo_user):
    return combine([fake_summary(user=demo_user("county_admin"), on=MAY_31)])


def test_the_docx_has_the_title_the_number_the_body_and_tables_with_every_figure(may):
    paragraphs, tables = docx_parts(bulletin_document(bulletin=bulletin(), figures=may).to_bytes())
    assert paragraphs[0] == "垫江县安全生产和自然灾害防治工作月度通报（2024年5月）"
    assert paragraphs[1] == "垫安办〔2024〕7号"
    assert paragraphs[2] == "各乡镇（街道）、县级有关部门："
    values = table_values(tables)
    expected = {"措施总数": "101", "已完成": "41", "红色督办": "5", "逾期未整改": "14", "本月新发现": "3"}
    assert {label: values[label] for label in expected} == {label: [v] for label, v in expected.items()}
    body = "".join(paragraphs)
    assert "2024年工作要点：措施总数101项，已完成41项" in body and "应急局（3项）、桂溪街道（5项）" in body
    overdue = next(t for t in tables if t[0][0] == "责任单位")
    assert overdue[1:] == [["应急局", "13", "5", "3", "38.5%"], ["桂溪街道", "9", "2", "5", "22.2%"]]


def test_a_unit_bulletin_is_addressed_to_the_unit(may):
    from core.models import OrgUnit

    unit = OrgUnit.objects.get(kind="department", short_name="应急局")
    paragraphs, _tables = docx_parts(bulletin_document(bulletin=bulletin(unit=unit), figures=may).to_bytes())
    assert paragraphs[0].startswith(unit.display_name) and paragraphs[2] == f"{unit.display_name}："


def test_a_quarter_reads_standing_figures_at_its_end_and_adds_up_its_months(demo_user):
    user = demo_user("county_admin")
    months = [
        fake_summary(user=user, on=datetime.date(2024, 4, 30), found=1, closed=10, patrols_done=2),
        fake_summary(user=user, on=datetime.date(2024, 5, 31), found=2, closed=20, patrols_done=3),
        fake_summary(user=user, on=datetime.date(2024, 6, 30), found=4, closed=40, patrols_done=5),
    ]
    quarter = combine(months)
    assert quarter.on == datetime.date(2024, 6, 30) and quarter.months == 3
    totals = {f.key: f.value for f in quarter.hazard_totals}
    assert totals == {"open": 23, "overdue": 14, "major_open": 2, "found": 7, "closed": 70}
    assert [f.label for f in quarter.hazard_totals][-2:] == ["本季度新发现", "本季度已销号"]
    assert {f.key: f.value for f in quarter.state.patrols} == {"required": 10, "done": 5}  # the period at its end
    doc = bulletin_document(bulletin=bulletin(BulletinKind.QUARTERLY, datetime.date(2024, 4, 1)), figures=quarter)
    paragraphs, tables = docx_parts(doc.to_bytes())
    assert paragraphs[0] == "垫江县安全生产和自然灾害防治工作季度通报（2024年第二季度）"
    assert table_values(tables)["本季度新发现"] == ["7"] and table_values(tables)["本季度已销号"] == ["70"]


@needs_chromium
def test_the_pdf_is_a_valid_a4_document_with_the_same_figures(may):
    doc = bulletin_document(bulletin=bulletin(), figures=may)
    data = html_to_pdf(bulletin_html(doc=doc, title="t"))
    text = pdf_text(data)
    assert pdf_pages(data) >= 1
    flat = re.sub(r"\s+", "", text)
    assert "垫江县安全生产和自然灾害防治工作月度通报（2024年5月）" in flat and "垫安办〔2024〕7号" in flat
    for label, value in [("措施总数", "101"), ("红色督办", "5"), ("逾期未整改", "14"), ("重大事故隐患", "2")]:
        assert re.search(rf"^\s*{label}\s+{value}\s*$", text, re.M), label


def test_a_month_under_way_is_read_today_and_months_not_begun_are_left_out():
    from dashboards.bulletin_periods import month_ends, parse_period

    today = datetime.date(2024, 5, 17)
    assert month_ends(BulletinKind.MONTHLY, datetime.date(2024, 5, 1), today=today) == [today]
    quarter = month_ends(BulletinKind.QUARTERLY, datetime.date(2024, 4, 1), today=today)
    assert quarter == [datetime.date(2024, 4, 30), today]
    assert parse_period(BulletinKind.QUARTERLY, "2024年第二季度") == parse_period(BulletinKind.QUARTERLY, "2024-Q2")
