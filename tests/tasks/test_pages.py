"""The work-plan pages as township staff and department heads use them."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from core.models import OrgUnit
from tasks.choices import ReportStatus
from tasks.models import ProgressReport, ReportEvidence
from tests.tasks.factories import MeasureFactory, ReportFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
pytestmark = pytest.mark.usefixtures("frozen_june")


@pytest.fixture
def frozen_june():
    with time_machine.travel("2024-06-15 10:00 +0800", tick=False):
        yield


@pytest.fixture
def measure(db):
    return MeasureFactory(title="排查桂溪片区燃气管道")


def test_my_tasks_lists_what_is_due_this_period_until_it_is_submitted(measure, web_as):
    client = web_as("gx_staff")
    assert "排查桂溪片区燃气管道" in client.get("/my/tasks/").content.decode()
    response = client.post(
        f"/measures/{measure.pk}/report/", {"percent": "40", "done_text": "已排查60户", "submit": ""}
    )
    assert response.status_code == 302
    assert "排查桂溪片区燃气管道" not in client.get("/my/tasks/").content.decode().split("本期应填报")[1]


def test_a_returned_report_shows_in_my_tasks_with_its_reason(measure, web_as, demo_user):
    ReportFactory(
        measure=measure,
        period_start=datetime.date(2024, 6, 1),
        status=ReportStatus.RETURNED,
        return_reason="照片不清楚",
    )
    page = web_as("gx_staff").get("/my/tasks/").content.decode()
    assert "被退回的填报" in page and "照片不清楚" in page


def test_reviewers_see_a_badge_and_their_inbox(measure, web_as):
    ReportFactory(measure=measure, period_start=datetime.date(2024, 6, 1), status=ReportStatus.SUBMITTED)
    client = web_as("yjj_head")
    home = client.get("/").content.decode()
    assert 'id="review-count">1<' in home
    assert "排查桂溪片区燃气管道" in client.get("/my/reviews/").content.decode()
    assert 'id="review-count"' not in web_as("gx_staff").get("/").content.decode()


def test_a_rejected_report_form_keeps_what_was_typed(measure, web_as):
    response = web_as("gx_staff").post(f"/measures/{measure.pk}/report/", {"percent": "140", "done_text": "我写的内容"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "我写的内容" in page and "140" in page
    assert not ProgressReport.objects.filter(measure=measure).exists()


def test_evidence_is_checked_by_its_content_not_its_name(measure, web_as):
    client = web_as("gx_staff")
    liar = SimpleUploadedFile("现场照片.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf")
    response = client.post(f"/measures/{measure.pk}/report/", {"percent": "40", "done_text": "内容", "evidence": liar})
    assert response.status_code == 400
    assert "文件“现场照片.pdf”的内容不是允许的类型" in response.content.decode()
    assert not ProgressReport.objects.filter(measure=measure).exists()
    photo = SimpleUploadedFile("photo.jpg", PNG, content_type="image/jpeg")
    response = client.post(f"/measures/{measure.pk}/report/", {"percent": "40", "done_text": "内容", "evidence": photo})
    assert response.status_code == 302
    assert ReportEvidence.objects.get(report__measure=measure).content_type == "image/png"


def test_evidence_is_served_only_to_those_who_see_the_report(measure, web_as, client):
    web_as("gx_staff").post(
        f"/measures/{measure.pk}/report/",
        {"percent": "40", "done_text": "内容", "evidence": SimpleUploadedFile("p.png", PNG)},
    )
    evidence = ReportEvidence.objects.get(report__measure=measure)
    assert web_as("yjj_head").get(f"/evidence/{evidence.pk}/").status_code == 200
    assert web_as("sp_staff").get(f"/evidence/{evidence.pk}/").status_code == 404


def test_the_lead_head_approves_and_returns_from_the_report_page(measure, web_as):
    report = ReportFactory(measure=measure, period_start=datetime.date(2024, 6, 1), status=ReportStatus.SUBMITTED)
    client = web_as("yjj_head")
    response = client.post(f"/reports/{report.pk}/return/", {"reason": ""})
    assert response.status_code == 400 and "退回时必须填写退回理由" in response.content.decode()
    assert client.post(f"/reports/{report.pk}/return/", {"reason": "数据有误"}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.return_reason == "数据有误"
    assert web_as("sp_staff").post(f"/reports/{report.pk}/approve/").status_code == 404


def test_approving_or_submitting_a_report_twice_answers_with_the_reason_not_an_error(measure, web_as):
    report = ReportFactory(measure=measure, period_start=datetime.date(2024, 6, 1), status=ReportStatus.APPROVED)
    for user, action in [("yjj_head", "approve"), ("gx_staff", "submit")]:
        response = web_as(user).post(f"/reports/{report.pk}/{action}/")
        assert response.status_code == 400, (action, response.status_code)
        assert "已通过" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED


def test_the_work_item_page_shows_measures_with_their_colours(web_as):
    measure = MeasureFactory(title="临期措施", deadline=datetime.date(2024, 6, 20))
    ReportFactory(measure=measure, percent=Decimal("95"))
    page = web_as("gx_staff").get(f"/work-items/{measure.work_item_id}/").content.decode()
    assert "临期措施" in page and "蓝色督办" in page


def test_the_export_has_exactly_the_rows_on_screen(web_as):
    MeasureFactory(title="桂溪措施")
    MeasureFactory(title="沙坪措施", owner_unit=OrgUnit.objects.get(name="沙坪镇"))
    client = web_as("county_admin")
    page = client.get("/measures/", {"q": "桂溪"}).content.decode()
    assert "桂溪措施" in page and "沙坪措施" not in page
    response = client.get("/measures/export/", {"q": "桂溪"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == ["桂溪措施"]
    assert sheet.cell(1, 3).value == "具体措施"


def test_the_measure_list_page_takes_a_fixed_number_of_queries(web_as, django_assert_max_num_queries):
    for _ in range(12):
        MeasureFactory()
    client = web_as("county_admin")
    with django_assert_max_num_queries(14):
        assert client.get("/measures/").status_code == 200


def test_a_measure_page_another_township_cannot_open(measure, web_as):
    assert web_as("sp_staff").get(f"/measures/{measure.pk}/").status_code == 404
    assert web_as("sp_staff").get(f"/measures/{measure.pk}/report/").status_code == 404


def test_the_lead_unit_breaks_an_item_into_measures_for_several_townships(web_as):
    from tasks.models import Measure, WorkItem

    item = WorkItem.objects.get(plan__year=2024, number=12)
    client = web_as("yjj_staff")
    assert "分解措施" in client.get(f"/work-items/{item.pk}/").content.decode()
    towns = [OrgUnit.objects.get(name=n).pk for n in ["桂溪街道", "沙坪镇"]]
    form = {
        "title": "企业双重预防机制建设",
        "owner_units": towns,
        "lead_unit": item.lead_unit_id,
        "start_date": "2024-04-01",
        "deadline": "2024-03-01",
        "frequency": "monthly",
    }
    response = client.post(f"/measures/new/?work_item={item.pk}", form)
    assert response.status_code == 400 and "完成时限不能早于开始日期" in response.content.decode()
    assert "企业双重预防机制建设" in response.content.decode()
    response = client.post(f"/measures/new/?work_item={item.pk}", {**form, "deadline": "2024-09-30"})
    assert response.status_code == 302
    assert Measure.objects.filter(title="企业双重预防机制建设").count() == 2
    assert "分解措施" not in web_as("gx_staff").get(f"/work-items/{item.pk}/").content.decode()


@pytest.mark.parametrize("path", ["/my/tasks/", "/my/reviews/", "/measures/"])
def test_work_pages_take_the_same_number_of_queries_for_few_or_many_rows(path, web_as, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    username = "yjj_head" if path == "/my/reviews/" else "gx_staff"
    client = web_as(username)
    counts = []
    for extra in [1, 10]:
        for _ in range(extra):
            ReportFactory(
                measure=MeasureFactory(), period_start=datetime.date(2024, 6, 1), status=ReportStatus.SUBMITTED
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_missed_month_can_be_reported_late_from_the_period_list(measure, web_as):
    client = web_as("gx_staff")
    page = client.get(f"/measures/{measure.pk}/report/").content.decode()
    assert "2024年6月" in page and "2024年4月" in page and "2024年7月" not in page
    response = client.post(
        f"/measures/{measure.pk}/report/", {"period": "2024-04-01", "percent": "10", "done_text": "补报4月"}
    )
    assert response.status_code == 302
    assert ProgressReport.objects.get(measure=measure).period_start == datetime.date(2024, 4, 1)
    assert "2024年4月" not in client.get(f"/measures/{measure.pk}/report/").content.decode()


def test_milestones_are_typed_one_per_line_and_a_bad_line_is_named(web_as):
    from tasks.models import Measure, WorkItem

    item = WorkItem.objects.get(plan__year=2024, number=12)
    client = web_as("county_admin")
    form = {
        "title": "带节点的措施",
        "owner_units": [OrgUnit.objects.get(name="桂溪街道").pk],
        "lead_unit": item.lead_unit_id,
        "start_date": "2024-04-01",
        "deadline": "2024-09-30",
        "frequency": "monthly",
        "milestones": "2024-05-31 完成摸底\n5月底 完成整改",
    }
    response = client.post(f"/measures/new/?work_item={item.pk}", form)
    assert response.status_code == 400 and "第2行“5月底 完成整改”应为“日期 节点内容”" in response.content.decode()
    response = client.post(f"/measures/new/?work_item={item.pk}", {**form, "milestones": "2024-05-31 完成摸底"})
    assert response.status_code == 302
    measure = Measure.objects.get(title="带节点的措施")
    assert [(m.due_date.isoformat(), m.title) for m in measure.milestones.all()] == [("2024-05-31", "完成摸底")]


def test_the_work_item_page_shows_the_reports_timeline_with_evidence(measure, web_as):
    client = web_as("gx_staff")
    client.post(
        f"/measures/{measure.pk}/report/",
        {"percent": "40", "done_text": "已排查60户", "evidence": SimpleUploadedFile("现场.png", PNG)},
    )
    page = client.get(f"/work-items/{measure.work_item_id}/").content.decode()
    assert "最近的进展填报" in page and "现场.png" in page and "排查桂溪片区燃气管道（桂溪街道）" in page
    assert "现场.png" not in web_as("sp_staff").get(f"/work-items/{measure.work_item_id}/").content.decode()


def test_my_tasks_and_the_review_inbox_hold_only_the_persons_own_units_rows(measure, web_as):
    other_township = MeasureFactory(title="沙坪镇的燃气排查", owner_unit=OrgUnit.objects.get(name="沙坪镇"))
    led_by_transport = MeasureFactory(title="交通局牵头的桥梁排查", lead_unit=OrgUnit.objects.get(short_name="交通局"))
    for item in (measure, other_township, led_by_transport):
        ReportFactory(measure=item, period_start=datetime.date(2024, 6, 1), status=ReportStatus.SUBMITTED)
        ReportFactory(
            measure=item, period_start=datetime.date(2024, 5, 1), status=ReportStatus.RETURNED, return_reason="请补照片"
        )

    gx_tasks = web_as("gx_staff").get("/my/tasks/").content.decode()
    assert "排查桂溪片区燃气管道" in gx_tasks and "沙坪镇的燃气排查" not in gx_tasks
    sp_tasks = web_as("sp_staff").get("/my/tasks/").content.decode()
    assert "沙坪镇的燃气排查" in sp_tasks and "排查桂溪片区燃气管道" not in sp_tasks

    yjj_inbox = web_as("yjj_head").get("/my/reviews/").content.decode()
    assert "排查桂溪片区燃气管道" in yjj_inbox and "交通局牵头的桥梁排查" not in yjj_inbox
    jtj_inbox = web_as("jtj_head").get("/my/reviews/").content.decode()
    assert "交通局牵头的桥梁排查" in jtj_inbox and "排查桂溪片区燃气管道" not in jtj_inbox
    assert "交通局牵头的桥梁排查" not in web_as("gx_head").get("/my/reviews/").content.decode()
