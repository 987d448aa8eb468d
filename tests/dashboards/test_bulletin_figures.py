"""Done when: the bulletin for May 2024, generated on the demo data, opens as a valid .docx and PDF whose
figures equal the cockpit's (`summary()` for the same unit and day); a quarter's likewise."""

import datetime
import re
from collections import Counter

import pytest

from core.models import OrgUnit
from dashboards.bulletin_choices import BulletinKind, BulletinStatus
from dashboards.bulletin_services import bulletin_request
from dashboards.figures import summary
from dashboards.tasks import generate_bulletin
from demo.loader import DemoLoader
from tests.dashboards.bulletin_reading import docx_parts, needs_chromium, pdf_text

pytestmark = [pytest.mark.django_db, needs_chromium]
MAY_31 = datetime.date(2024, 5, 31)


@pytest.fixture
def demo_work(settings, tmp_path):
    """The demo's measures, reports, hazards, warnings, patrols and enforcement (about a second)."""
    from demo import loader as demo

    settings.MEDIA_ROOT = tmp_path
    work = DemoLoader()
    for load in (
        demo.load_measures,
        demo.load_hazards,
        demo.load_risk_points,
        demo.load_patrols,
        demo.load_warnings,
        demo.load_investigations,
        demo.load_inspections_core,
        demo.load_plans,
        demo.load_penalties,
    ):
        load(work)


def generated(user, kind, start, unit=None):
    bulletin = bulletin_request(actor=user, kind=kind, period_start=start, unit=unit)
    assert generate_bulletin.apply((bulletin.pk,)).get() is True
    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.DONE
    return bulletin, docx_parts(bulletin.docx.read()), pdf_text(bulletin.pdf.read())


def figure_pairs(tables):
    """(label, value) of every row of the 指标/数值 tables."""
    return Counter((label, value) for t in tables if t[0] == ["指标", "数值"] for label, value in t[1:])


def expected_pairs(s, hazard_totals=None):
    figures = [*s.plan.measures, *s.plan.colours, *(hazard_totals or s.hazards.totals), *s.warnings, *s.patrols]
    return Counter((f.label, str(f.value)) for f in figures)


def breakdown(tables, first):
    table = next(t for t in tables if t[0][0] == first)
    return table[1:]


def rows_of(breakdown_rows):
    return [[r.label, str(r.total), str(r.done), str(r.overdue), f"{r.percent}%"] for r in breakdown_rows]


def test_the_may_2024_county_bulletin_has_the_cockpits_figures_in_the_docx_and_the_pdf(demo_work, demo_user):
    user = demo_user("county_admin")
    bulletin, (paragraphs, tables), text = generated(user, BulletinKind.MONTHLY, datetime.date(2024, 5, 1))
    s = summary(user=user, unit=None, on=MAY_31)
    assert s.plan.measures[0].value > 0 and any(f.value for f in s.hazards.totals)  # the demo is loaded
    assert paragraphs[:2] == ["垫江县安全生产和自然灾害防治工作月度通报（2024年5月）", bulletin.document_number]
    assert figure_pairs(tables) == expected_pairs(s)
    assert breakdown(tables, "体系") == rows_of(s.plan.systems)
    assert breakdown(tables, "工作事项") == rows_of(s.plan.work_items)
    if s.plan.overdue_by_unit:
        assert breakdown(tables, "责任单位") == rows_of(s.plan.overdue_by_unit)
    enforcement = breakdown(tables, "部门")
    total = s.enforcement.total
    counts = [str(getattr(total, metric).current) for metric in ("inspections", "problems", "penalties")]
    assert enforcement[-1][:4] == ["全县合计", *counts]
    assert s.enforcement.summary() in "".join(paragraphs)
    flat = re.sub(r"\s+", "", text)
    assert bulletin.document_number in flat and "2024年5月" in flat
    for label, value in expected_pairs(s):
        assert re.search(rf"^\s*{re.escape(label)}\s+{re.escape(value)}\s*$", text, re.M), (label, value)


def test_the_second_quarter_reads_june_30_and_adds_up_its_months(demo_work, demo_user):
    user = demo_user("county_admin")
    _bulletin, (paragraphs, tables), _text = generated(user, BulletinKind.QUARTERLY, datetime.date(2024, 4, 1))
    ends = [datetime.date(2024, 4, 30), MAY_31, datetime.date(2024, 6, 30)]
    months = [summary(user=user, unit=None, on=end) for end in ends]
    june = months[-1]
    sums = {key: sum(f.value for m in months for f in m.hazards.totals if f.key == key) for key in ("found", "closed")}
    totals = [
        f if f.key not in sums else type(f)(f.key, f.label.replace("本月", "本季度"), sums[f.key], f.url)
        for f in june.hazards.totals
    ]
    assert paragraphs[0] == "垫江县安全生产和自然灾害防治工作季度通报（2024年第二季度）"
    assert figure_pairs(tables) == expected_pairs(june, totals)
    inspections = sum(m.enforcement.total.inspections.current for m in months)
    assert breakdown(tables, "部门")[-1][1] == str(inspections)


def test_a_departments_bulletin_has_the_departments_figures(demo_work, demo_user):
    user = demo_user("yjj_head")
    yjj = OrgUnit.objects.get(kind="department", short_name="应急局")
    _bulletin, (paragraphs, tables), _text = generated(user, BulletinKind.MONTHLY, datetime.date(2024, 5, 1), yjj)
    s = summary(user=user, unit=yjj, on=MAY_31)
    assert paragraphs[2] == f"{yjj.display_name}："
    assert figure_pairs(tables) == expected_pairs(s)


def test_a_townships_bulletin_has_no_enforcement_part_but_says_so(demo_work, demo_user):
    gx = OrgUnit.objects.get(kind="township", name="桂溪街道")
    user = demo_user("gx_head")
    _bulletin, (paragraphs, tables), _text = generated(user, BulletinKind.MONTHLY, datetime.date(2024, 5, 1), gx)
    s = summary(user=user, unit=gx, on=MAY_31)
    assert s.enforcement is None and "本期没有执法检查数据。" in paragraphs
    assert figure_pairs(tables) == expected_pairs(s)
