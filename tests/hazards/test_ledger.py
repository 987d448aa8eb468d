"""Hazards in Excel: the export keeps the filters and the scope and writes no formula; the 隐患台账 import
previews without writing and registers every row or none."""

import datetime
import re
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from core.models import OrgUnit
from hazards.models import Hazard, HazardEvent, HazardNumber
from tests.hazards.factories import HazardFactory

EXPORT_HEADER = ["编号", "问题描述", "行业领域", "隐患等级", "发现来源", "问题清单", "生产经营单位", "地点"]
EXPORT_HEADER += ["属地单位", "行业监管部门", "整改责任人", "发现日期", "整改期限", "整改措施", "整改资金（万元）"]
EXPORT_HEADER += ["状态", "销号时间", "挂牌督办"]
HEADER = ["问题描述*", "行业领域*", "隐患等级*", "发现来源*", "问题清单", "生产经营单位", "地点", "属地单位"]
HEADER += ["行业监管部门", "整改责任人", "责任人电话", "发现日期*", "整改期限*", "整改措施", "整改资金（万元）", "状态"]
GX_CHEMICALS = "垫江县桂溪化工有限公司（演示）"  # 桂溪街道, supervised by 应急局
GX_CHEMICALS_ALIAS = "垫江县桂溪化工有限公司加油站（演示）"
GX_COACHES = "垫江县桂溪客运有限公司（演示）"  # 桂溪街道, 交通局
SP_FUEL_CODE = "91500231MA0000031M"  # 垫江县沙坪加油站有限公司（演示）: 沙坪镇, 应急局


def row(title, *, enterprise="", place="", territory="", department="", found="2024-05-06", **more):
    """A ledger row in the template's columns; `more` overrides the other cells by their key below."""
    cells = {"sector": "危险化学品", "level": "一般隐患", "source": "部门检查", "problem_list": "", "person": "李四"}
    cells |= {"phone": "13900000000", "deadline": "2024-06-30", "measures": "更换", "funds": "", "status": ""} | more
    return [
        *(title, cells["sector"], cells["level"], cells["source"], cells["problem_list"], enterprise, place),
        *(territory, department, cells["person"], cells["phone"], found, cells["deadline"], cells["measures"]),
        *(cells["funds"], cells["status"]),
    ]


def xlsx(*rows, header=HEADER, name="隐患台账.xlsx"):
    book = Workbook()
    book.active.append(header)
    for cells in rows:
        book.active.append(cells)
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, file):
    """Post the file; returns the preview page's address."""
    response = client.post("/hazards/import/", {"file": file})
    assert response.status_code == 302, response.content.decode()
    return response.url


def imported():
    return Hazard.objects.filter(title__startswith="台账：")


def errors_of(page):
    return page.replace("<strong>", "").replace("</strong>", "")


def export(client, **filters):
    response = client.get("/hazards/export/", filters)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def test_the_export_has_the_filtered_rows_of_the_persons_scope(web_as):
    sp = OrgUnit.objects.get(name="沙坪镇")
    HazardFactory(title="桂溪重大隐患", level="major", funds="1.50")
    HazardFactory(title="桂溪一般隐患")
    HazardFactory(title="沙坪重大隐患", level="major", territory=sp, supervising_department=None)
    sheet = load_workbook(BytesIO(export(web_as("county_admin"), level="major"))).active
    assert [c.value for c in sheet[1]] == EXPORT_HEADER
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"桂溪重大隐患", "沙坪重大隐患"}
    gx = rows["桂溪重大隐患"]
    assert re.fullmatch(r"YH2024-\d{6}", gx[0]) and gx[3] == "重大事故隐患" and gx[8] == "桂溪街道"
    assert gx[9] == "垫江县应急管理局" and gx[11] == datetime.datetime(2024, 6, 1) and float(gx[14]) == 1.5
    assert gx[15] == "待交办"

    sheet = load_workbook(BytesIO(export(web_as("sp_staff")))).active
    assert [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["沙坪重大隐患"]


def test_a_bad_filter_is_refused_and_a_stranger_is_sent_to_log_in(web_as, client):
    assert client.get("/hazards/export/").status_code == 302
    response = web_as("county_admin").get("/hazards/export/", {"level": "huge"})
    assert response.status_code == 400 and "huge" in response.content.decode()


def test_exported_text_that_looks_like_a_formula_stays_text(web_as):
    texts = ['=HYPERLINK("http://evil.example","点我")', "+1+2", "-3+4", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]
    HazardFactory(title=texts[0], place=texts[1], responsible_person=texts[2], measures=texts[3])
    HazardFactory(title=texts[4], place=texts[5])
    content = export(web_as("county_admin"))
    cells = [c for r in load_workbook(BytesIO(content)).active.iter_rows(min_row=2) for c in r]
    for text in texts:
        (cell,) = [c for c in cells if c.value == text.replace("\r", "\n")]  # XML reads a CR as a LF
        assert cell.data_type == "s" and cell.quotePrefix
    sheet_xml = zipfile.ZipFile(BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_a_good_ledger_previews_every_row_then_imports_them_with_numbers(web_as):
    client = web_as("county_admin")
    assert "下载空白模板" in client.get("/hazards/import/").content.decode()
    rows = [
        row("台账：储罐区报警器失效", enterprise=GX_CHEMICALS, level="重大事故隐患", funds="2.5"),
        row("台账：加油机静电接地缺失", enterprise=GX_CHEMICALS_ALIAS, source="自查自报", status="待交办"),
        row("台账：油罐呼吸阀锈蚀", enterprise=SP_FUEL_CODE.lower(), found=datetime.date(2024, 5, 7)),
        row(
            "台账：农贸市场通道堆物",
            place="东街市场",
            territory="桂溪街道东街社区",
            department="消防救援",
            sector="消防",
        ),
    ]
    preview = upload(client, xlsx(*rows))
    page = client.get(preview).content.decode()
    assert page.count("将创建") == 4 and "确认导入" in page
    assert "垫江县沙坪加油站有限公司（演示）" in page and "垫江县消防救援大队" in page
    assert "安全生产和自然灾害问题清单" in page
    assert not imported().exists()

    response = client.post(preview)
    assert response.status_code == 302
    hazards = {h.title: h for h in imported().select_related("territory", "supervising_department", "enterprise")}
    assert len(hazards) == 4 and all(re.fullmatch(r"YH2024-\d{6}", h.number) for h in hazards.values())
    tank = hazards["台账：储罐区报警器失效"]
    assert tank.level == "major" and tank.territory.name == "桂溪街道" and str(tank.funds) == "2.50"
    assert tank.supervising_department.short_name == "应急局" and tank.status == "pending"
    assert tank.reported_by.username == "county_admin" and tank.problem_list.code == "safety"
    assert hazards["台账：加油机静电接地缺失"].enterprise.name == GX_CHEMICALS
    assert hazards["台账：加油机静电接地缺失"].source == "self"
    assert hazards["台账：油罐呼吸阀锈蚀"].territory.name == "沙坪镇"
    market = hazards["台账：农贸市场通道堆物"]
    assert market.territory.name == "东街社区居民委员会" and market.enterprise is None and market.sector == "fire"
    assert [e.kind for e in market.events.all()] == ["created"]
    numbers = sorted(h.number for h in hazards.values())
    assert f"已导入4条隐患，编号{numbers[0]}至{numbers[-1]}" in client.get(response.url).content.decode()


def test_one_bad_row_imports_nothing_and_each_bad_cell_is_named_by_row_and_column(web_as):
    client = web_as("county_admin")
    good = row("台账：储罐区报警器失效", enterprise=GX_CHEMICALS)
    bad = [
        row("台账：未知单位", enterprise="不存在的化工厂"),
        row("台账：未知属地", territory="不存在街道"),
        row("台账：日期有误", territory="桂溪街道", found="五月六日"),
        row("台账：期限早于发现", territory="桂溪街道", deadline="2024-05-01"),
        row("台账：已销号", territory="桂溪街道", status="已销号"),
        row("台账：等级有误", territory="桂溪街道", level="很大"),
        row("台账：没有属地"),
        row("", territory="桂溪街道", funds="-1"),
    ]
    preview = upload(client, xlsx(good, *bad))
    page = errors_of(client.get(preview).content.decode())
    assert "第3行 生产经营单位：找不到生产经营单位“不存在的化工厂”" in page
    assert "第4行 属地单位：找不到名为“不存在街道”的乡镇（街道）、村（社区）或网格" in page
    assert "第5行 发现日期：“五月六日”不是有效日期" in page
    assert "第6行 整改期限：整改期限不能早于发现日期" in page
    assert "第7行 状态：导入的隐患一律从“待交办”开始，不能导入“已销号”的隐患" in page
    assert "第8行 隐患等级：“很大”不是可选的值，应为：重大事故隐患、一般隐患" in page
    assert "第9行 属地单位：未填写生产经营单位时必填" in page
    assert "第10行 问题描述：必填，不能为空" in page and "第10行 整改资金（万元）：“-1”不是大于或等于0的数字" in page
    assert "第2行" not in page and "确认导入" not in page

    response = client.post(preview)
    assert response.status_code == 400 and "第3行 生产经营单位" in errors_of(response.content.decode())
    assert not imported().exists()


def test_the_preview_writes_nothing(web_as):
    client = web_as("gx_staff")
    preview = upload(client, xlsx(row("台账：储罐区报警器失效", enterprise=GX_CHEMICALS)))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(preview).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == [] and not imported().exists()


def test_a_duplicate_of_a_registered_hazard_or_of_an_earlier_row_is_refused(web_as):
    HazardFactory(title="台账：已登记的隐患", place="东街", found_on=datetime.date(2024, 5, 6))
    client = web_as("county_admin")
    rows = [
        row("台账：已登记的隐患", place="东街", territory="桂溪街道"),
        row("台账：同一单位同一天", enterprise=GX_CHEMICALS),
        row("台账：同一单位同一天", enterprise=GX_CHEMICALS_ALIAS, place="另一个罐区"),
        row("台账：同一单位同一天", enterprise=GX_CHEMICALS, found="2024-05-07"),
    ]
    page = errors_of(client.get(upload(client, xlsx(*rows))).content.decode())
    number = Hazard.objects.get(title="台账：已登记的隐患").number
    assert f"第2行 问题描述：与已登记的隐患{number}重复" in page
    assert "第4行 问题描述：与第3行重复" in page and "第3行 " not in page and "第5行 " not in page


@pytest.mark.parametrize(
    "username, allowed, refused",
    [
        (
            "yjj_staff",
            [row("台账：沙坪加油站", enterprise=SP_FUEL_CODE), row("台账：桂溪化工", enterprise=GX_CHEMICALS)],
            [
                ("生产经营单位", row("台账：桂溪客运", enterprise=GX_COACHES)),
                ("属地单位", row("台账：沙坪道路", territory="沙坪镇", department="交通局")),
            ],
        ),
        (
            "gx_staff",
            [row("台账：桂溪客运", enterprise=GX_COACHES), row("台账：东街", territory="东街社区", place="东街")],
            [
                ("生产经营单位", row("台账：沙坪加油站", enterprise=SP_FUEL_CODE)),
                ("属地单位", row("台账：沙坪道路", territory="沙坪镇", department="应急局")),
            ],
        ),
    ],
)
def test_a_unit_imports_only_hazards_it_may_register(web_as, username, allowed, refused):
    client = web_as(username)
    preview = upload(client, xlsx(*allowed, *(cells for _column, cells in refused)))
    page = errors_of(client.get(preview).content.decode())
    assert "第2行" not in page and "第3行" not in page and "确认导入" not in page
    for number, (column, _cells) in enumerate(refused, start=4):
        assert f"第{number}行 {column}：" in page
    assert "您只能登记本单位属地或本部门监管的隐患" in page
    assert client.post(preview).status_code == 400 and not imported().exists()

    preview = upload(client, xlsx(*allowed))
    assert client.post(preview).status_code == 302
    assert imported().count() == 2 and {h.reported_by.username for h in imported()} == {username}


def test_a_file_that_is_not_excel_is_refused_by_its_content(web_as):
    client = web_as("gx_staff")
    for content in [b"just some text", "问题描述,行业领域\n一,二\n".encode(), b"PK\x03\x04 not really a zip"]:
        response = client.post("/hazards/import/", {"file": SimpleUploadedFile("隐患台账.xlsx", content)})
        assert response.status_code == 400
        assert "文件不是Excel工作簿（.xlsx），无法读取" in response.content.decode()
    response = client.post("/hazards/import/", {"file": xlsx(row("台账：x"), header=["描述", "单位"])})
    assert (
        "第1行表头缺少必填列：问题描述、行业领域、隐患等级、发现来源、发现日期、整改期限" in response.content.decode()
    )


def test_the_preview_takes_a_fixed_number_of_queries(web_as, django_assert_max_num_queries):
    client = web_as("gx_staff")
    rows = [row(f"台账：批量{n}", enterprise=[GX_CHEMICALS, GX_COACHES][n % 2]) for n in range(50)]
    rows += [row(f"台账：批量{n}", territory="东街社区", place=f"东街{n}号") for n in range(50, 100)]
    preview = upload(client, xlsx(*rows))
    with django_assert_max_num_queries(12):
        assert client.get(preview).content.decode().count("将创建") == 100


def test_a_failure_during_the_import_rolls_back_every_row_and_number(web_as, monkeypatch):
    def refuse(*args, **kwargs):
        raise IntegrityError("the events table refused")

    monkeypatch.setattr(HazardEvent.objects, "bulk_create", refuse)
    client = web_as("gx_staff")
    preview = upload(client, xlsx(*(row(f"台账：{n}", enterprise=GX_CHEMICALS) for n in range(3))))
    with pytest.raises(IntegrityError):
        client.post(preview)
    assert not imported().exists() and not HazardNumber.objects.filter(year=2024, last__gte=1).exists()


def test_a_ledger_imports_once_however_often_it_is_confirmed(web_as):
    client = web_as("gx_staff")
    preview = upload(client, xlsx(row("台账：储罐区报警器失效", enterprise=GX_CHEMICALS)))
    assert client.post(preview).status_code == 302
    again = client.post(preview)
    assert again.status_code == 302 and imported().count() == 1
    assert "该文件已导入（1条隐患）" in client.get(again.url).content.decode()


def test_another_persons_upload_is_not_found(web_as, client, demo_user):
    preview = upload(web_as("gx_staff"), xlsx(row("台账：储罐区报警器失效", enterprise=GX_CHEMICALS)))
    client.logout()
    client.force_login(demo_user("gx_head"))
    assert client.get(preview).status_code == 404 and client.post(preview).status_code == 404
    assert not imported().exists()


def test_the_template_downloads_and_its_example_row_previews_cleanly(web_as):
    client = web_as("gx_staff")
    response = client.get("/hazards/import/template/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][1]] == HEADER and book.sheetnames[1] == "填写说明"
    page = client.get(upload(client, SimpleUploadedFile("t.xlsx", response.content))).content.decode()
    assert page.count("将创建") == 1 and "确认导入" in page
