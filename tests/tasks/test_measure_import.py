"""Import of a 任务分解表: upload, preview that writes nothing, confirm that imports every row or none."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from core.models import OrgUnit
from core.spreadsheets import parse_date
from tasks import importing, services
from tasks.models import Measure, Plan

HEADER = ["工作任务或重点行动", "具体措施", "预期成果", "责任单位", "牵头单位"]
HEADER += ["开始日期", "完成时限", "填报周期", "量化指标", "计划完成量"]
GOOD_ROWS = [
    ["11", "导入：桂溪片区防火道路", "通过验收", "桂溪街道", "", datetime.date(2024, 4, 1), "2024-11-30"]
    + ["", "防火道路新建和改建", 30],
    ["（一）", "导入：沙坪镇安全生产治本攻坚", "", "沙坪镇", "应急局", "2024/5/1", "2024年10月31日", "每季度"],
    [12.0, "导入：交通运输隐患排查", "", "交通局", "垫江县应急管理局", "2024-4-1", datetime.datetime(2024, 12, 31)],
]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def xlsx(*rows, header=HEADER, name="任务分解表.xlsx"):
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def upload(client, file):
    """Post the file; returns the preview page's address."""
    response = client.post("/measures/import/", {"file": file} | _plan())
    assert response.status_code == 302, response.content.decode()
    return response.url


def _plan():
    return {"plan": Plan.objects.get(year=2024).pk}


def imported():
    return Measure.objects.filter(title__startswith="导入：")


def test_a_good_file_previews_every_row_then_imports_them(web_as):
    client = web_as("county_admin")
    assert "下载空白模板" in client.get("/measures/import/").content.decode()
    preview = upload(client, xlsx(*GOOD_ROWS))
    page = client.get(preview).content.decode()
    assert page.count("将创建") == 3 and "确认导入" in page
    assert "11. 夯实防灾减灾基础" in page and "（一）实施安全生产治本攻坚行动" in page
    assert "垫江县交通运输局" in page and "每季度" in page
    assert not imported().exists()

    response = client.post(preview)
    assert response.status_code == 302 and response.url == "/measures/?year=2024"
    by_title = {m.title: m for m in imported().select_related("lead_unit", "owner_unit", "target")}
    assert len(by_title) == 3
    roads = by_title["导入：桂溪片区防火道路"]
    assert roads.lead_unit.short_name == "应急局" and roads.planned_quantity == Decimal("30")
    assert roads.target.name == "防火道路新建和改建" and roads.frequency == "monthly"
    sp = by_title["导入：沙坪镇安全生产治本攻坚"]
    assert sp.key_action.code == "一" and sp.frequency == "quarterly" and sp.deadline == datetime.date(2024, 10, 31)
    jt = by_title["导入：交通运输隐患排查"]
    assert jt.work_item.number == 12 and jt.owner_unit.name == "垫江县交通运输局"
    assert "已导入3条具体措施" in client.get(response.url).content.decode()


def test_a_file_with_one_bad_row_imports_nothing_and_names_that_row_and_column(web_as):
    client = web_as("county_admin")
    bad = ["11", "导入：未知单位的措施", "", "不存在街道", "", "2024-04-01", "2024-11-30"]
    late = ["12", "导入：时限早于开始", "", "桂溪街道", "", "2024-06-01", "2024-05-01"]
    preview = upload(client, xlsx(GOOD_ROWS[0], bad, late, ["13", "导入：日期有误", "", "桂溪街道", "", "明天", ""]))
    page = client.get(preview).content.decode()
    assert "第3行 责任单位" in page and "找不到名为“不存在街道”的乡镇（街道）或县级部门" in page
    assert "第4行 完成时限" in page and "完成时限不能早于开始日期" in page
    assert "第5行 开始日期" in page and "不是有效日期" in page and "第5行 完成时限" in page and "必填" in page
    assert "确认导入" not in page

    response = client.post(preview)
    assert response.status_code == 400 and "第3行 责任单位" in response.content.decode()
    assert not imported().exists()


def test_the_preview_writes_nothing(web_as):
    client = web_as("county_admin")
    preview = upload(client, xlsx(*GOOD_ROWS))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(preview).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == [] and not imported().exists()


def test_a_file_that_is_not_excel_is_refused_by_its_content(web_as):
    client = web_as("county_admin")
    for content in [b"just some text", "措施,单位\n一,二\n".encode(), b"PK\x03\x04 not really a zip"]:
        response = client.post("/measures/import/", {"file": SimpleUploadedFile("任务分解表.xlsx", content)} | _plan())
        assert response.status_code == 400
        assert "文件不是Excel工作簿（.xlsx），无法读取" in response.content.decode()


def test_a_file_without_the_required_headers_or_with_too_many_rows_is_refused(web_as, monkeypatch):
    client = web_as("county_admin")
    response = client.post("/measures/import/", {"file": xlsx(GOOD_ROWS[0], header=["措施", "单位"])} | _plan())
    assert "第1行表头缺少必填列：工作任务或重点行动、具体措施" in response.content.decode()
    monkeypatch.setattr(importing, "MAX_ROWS", 2)
    response = client.post("/measures/import/", {"file": xlsx(*GOOD_ROWS)} | _plan())
    assert response.status_code == 400 and "一次最多导入2行" in response.content.decode()


def test_a_township_cannot_import_rows_and_nothing_is_created(web_as):
    client = web_as("gx_staff")
    assert "导入任务分解表" in client.get("/measures/").content.decode()
    preview = upload(client, xlsx(GOOD_ROWS[0]))
    page = client.get(preview).content.decode()
    assert "第2行 牵头单位" in page and "您无权为该单位分解措施" in page and "确认导入" not in page
    response = client.post(preview)
    assert response.status_code == 400 and "您无权为该单位分解措施" in response.content.decode()
    assert not imported().exists()


def test_a_lead_unit_imports_only_rows_it_leads(web_as):
    client = web_as("yjj_staff")
    other = ["10", "导入：城市安全措施", "", "桂溪街道", "", "2024-04-01", "2024-11-30"]  # led by 城市管理局
    page = client.get(upload(client, xlsx(GOOD_ROWS[0], other))).content.decode()
    assert "第2行" not in page and "第3行 牵头单位：您无权为该单位分解措施" in page.replace("</strong>", "")


def test_the_preview_takes_a_fixed_number_of_queries(web_as, django_assert_max_num_queries):
    client = web_as("county_admin")
    rows = [[r[0], f"{r[1]}{n}", *r[2:]] for n in range(40) for r in GOOD_ROWS]
    preview = upload(client, xlsx(*rows))
    with django_assert_max_num_queries(10):
        assert client.get(preview).content.decode().count("将创建") == 120


def test_a_failure_during_the_import_rolls_back_every_row(web_as, monkeypatch):
    real, calls = services.measure_create, []

    def second_row_fails(**kwargs):
        calls.append(kwargs["title"])
        if len(calls) == 2:
            raise ValidationError({"title": "数据已被他人修改"})
        return real(**kwargs)

    monkeypatch.setattr(services, "measure_create", second_row_fails)
    client = web_as("county_admin")
    preview = upload(client, xlsx(*GOOD_ROWS))
    response = client.post(preview)
    assert response.status_code == 400 and "第3行 具体措施" in response.content.decode()
    assert len(calls) == 3 and not imported().exists()
    assert client.get(preview).status_code == 200  # the file is kept, so the page still explains


def test_a_file_imports_once_however_often_it_is_confirmed(web_as):
    client = web_as("county_admin")
    preview = upload(client, xlsx(*GOOD_ROWS))
    assert client.post(preview).status_code == 302
    again = client.post(preview)
    assert again.status_code == 302 and again.url == "/measures/?year=2024" and imported().count() == 3
    assert "该文件已导入（3条具体措施）" in client.get(again.url).content.decode()
    page = client.get(upload(client, xlsx(*GOOD_ROWS))).content.decode()
    assert "桂溪街道在该项下已有相同的具体措施" in page and imported().count() == 3


def test_another_persons_upload_is_not_found(web_as, client):
    preview = upload(web_as("county_admin"), xlsx(*GOOD_ROWS))
    client.logout()
    client.force_login(OrgUnit.objects.get(name="桂溪街道").memberships.first().user)
    assert client.get(preview).status_code == 404 and client.post(preview).status_code == 404
    assert not imported().exists()


def test_the_blank_template_downloads_and_its_example_row_previews_cleanly(web_as):
    client = web_as("county_admin")
    response = client.get("/measures/import/template/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][1]] == HEADER and book.sheetnames[1] == "填写说明"
    page = client.get(upload(client, SimpleUploadedFile("t.xlsx", response.content))).content.decode()
    assert page.count("将创建") == 1 and "确认导入" in page


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-04-01", "2024-04-01"),
        ("2024/4/1", "2024-04-01"),
        ("2024年4月1日", "2024-04-01"),
        ("2024.4.1", "2024-04-01"),
    ],
)
def test_dates_are_read_as_people_write_them(text, expected):
    assert parse_date(text, text).isoformat() == expected


@pytest.mark.parametrize(
    "text, expected",
    [("11", "11. 夯实防灾减灾基础"), ("11.", "11. 夯实防灾减灾基础"), ("11、", "11. 夯实防灾减灾基础")]
    + [("11. 夯实防灾减灾基础", "11. 夯实防灾减灾基础"), ("夯实防灾减灾基础", "11. 夯实防灾减灾基础")]
    + [("（一）", "（一）实施安全生产治本攻坚行动"), ("(二)", "（二）实施应急管理体系和能力创新激励行动")]
    + [("重点行动一", "（一）实施安全生产治本攻坚行动"), ("重点行动6", "（六）实施全民安全素质提升行动")]
    + [("11.5", None), ("22", None), ("（七）", None), ("第十一项", None)],
)
def test_work_items_and_key_actions_are_read_as_people_write_them(db, demo_user, text, expected):
    lookups = importing.Lookups(actor=demo_user("county_admin"), plan=Plan.objects.get(year=2024))
    if expected is None:
        with pytest.raises(importing.CellError, match="2024年度工作要点中没有"):
            lookups._entry(text, text)
    else:
        assert str(lookups._entry(text, text)) == expected
