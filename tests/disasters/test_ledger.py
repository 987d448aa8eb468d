"""The 地灾隐患点台账 in Excel: the import previews 新增/更新/未变 without writing and writes every row or none;
the export keeps the list's filters and the person's scope, and reads back unchanged."""

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
from disasters import services
from disasters.models import RiskPoint
from tests.disasters.factories import RiskPointFactory, RiskZoneFactory

pytestmark = pytest.mark.django_db

EXPORT_HEADER = ["统一编号", "名称", "类型", "乡镇（街道）", "村（社区）", "具体位置", "经度", "纬度", "威胁户数"]
EXPORT_HEADER += ["威胁人数", "威胁财产（万元）", "群测群防员", "群测群防员电话", "责任人", "责任人电话", "已建技防"]
EXPORT_HEADER += ["技防建成日期", "状态", "治理完成日期", "主管部门", "所属风险区", "汛期每周巡查次数"]
EXPORT_HEADER += ["非汛期每月巡查次数", "备注"]
REQUIRED = {"统一编号", "名称", "类型", "乡镇（街道）", "经度", "纬度"}
HEADER = [h + "*" if h in REQUIRED else h for h in EXPORT_HEADER]
KEYS = ["code", "name", "kind", "township", "village", "place", "lon", "lat", "households", "people", "property"]
KEYS += ["monitor", "monitor_phone", "person", "phone", "monitored", "installed", "state", "governed"]
KEYS += ["department", "zones", "weekly", "monthly", "note"]


def row(code, name="台账滑坡", *, township="桂溪街道", lon="107.35", lat="30.33", **more):
    """A ledger row in the template's columns; `more` fills the other cells by their key in KEYS."""
    cells = {"code": code, "name": name, "kind": "滑坡", "township": township, "lon": lon, "lat": lat} | more
    return [cells.get(key, "") for key in KEYS]


def xlsx(*rows, header=HEADER, name="隐患点台账.xlsx"):
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


def unit(name):
    return OrgUnit.objects.get(name=name)


def upload(client, file):
    """Post the file; returns the preview page's address."""
    response = client.post("/disasters/risk-points/import/", {"file": file})
    assert response.status_code == 302, response.content.decode()
    return response.url


def errors_of(page):
    return page.replace("<strong>", "").replace("</strong>", "")


def imported():
    return RiskPoint.objects.filter(code__startswith="TZ")


def export(client, **filters):
    response = client.get("/disasters/risk-points/export/", filters)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def test_a_clean_ledger_previews_new_and_changed_points_then_imports_them(web_as):
    old = RiskPointFactory(code="TZ0001", name="东街滑坡", people=18, households=5)
    same = RiskPointFactory(code="TZ0002", name="南街崩塌", kind="collapse", monitor_name="张群防")
    zone = RiskZoneFactory(code="FXQ-GX01", name="东街风险区")
    client = web_as("gx_staff")
    rows = [
        row("TZ0001", "东街滑坡", people=20, households="", state="工程治理中", zones="东街风险区", monitored="是"),
        row("TZ0002", "南街崩塌", kind="崩塌", monitor="张群防"),
        row(
            "TZ0003",
            "北街不稳定斜坡",
            kind="地质灾害（不稳定斜坡）",
            village="北街社区",
            department="规划自然资源局",
            monitored="是",
            installed="2024-05-01",
            zones="FXQ-GX01",
            property="12.5",
            weekly=3,
        ),
    ]
    preview = upload(client, xlsx(*rows))
    page = client.get(preview).content.decode()
    assert "新增1个，更新1个，未变1个" in page and "确认导入" in page
    assert (
        "威胁人数：18 → 20" in page and "状态：监测中 → 工程治理中" in page and "所属风险区：（空） → FXQ-GX01" in page
    )
    assert "威胁户数：" not in page  # an empty cell keeps the registered value
    assert "北街社区居民委员会" in page and "垫江县规划和自然资源局" in page
    old.refresh_from_db()
    assert old.people == 18 and not imported().filter(code="TZ0003").exists()

    response = client.post(preview)
    assert response.status_code == 302
    assert "新增1个，更新1个，未变1个" in client.get(response.url).content.decode()
    old.refresh_from_db()
    assert old.people == 20 and old.households == 5 and old.state == "engineering" and old.has_monitoring
    assert old.monitoring_installed_on is not None and list(old.zones.all()) == [zone]
    new = RiskPoint.objects.select_related("village", "supervising_department").get(code="TZ0003")
    assert (
        new.kind == "landslide"
        and new.village.name == "北街社区居民委员会"
        and new.registered_by.username == "gx_staff"
    )
    assert new.monitoring_installed_on == datetime.date(2024, 5, 1) and new.property_value == Decimal("12.50")
    assert new.patrols_per_week_in_season == 3 and new.patrols_per_month_off_season == 1
    assert list(new.zones.all()) == [zone] and new.supervising_department.short_name == "规划自然资源局"
    assert RiskPoint.objects.get(pk=same.pk).updated_at == same.updated_at  # 未变 is not written


def test_the_preview_writes_nothing(web_as):
    RiskPointFactory(code="TZ0001")
    client = web_as("gx_staff")
    preview = upload(client, xlsx(row("TZ0001", people=99), row("TZ0002")))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(preview).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == [] and imported().count() == 1 and imported().get().people == 18


def test_each_bad_cell_is_named_by_row_and_column_and_nothing_is_imported(web_as):
    RiskPointFactory(code="TZ0009", people=18)
    RiskPointFactory(code="TZ0010").zones.add(RiskZoneFactory(name="东街风险区"))
    client = web_as("county_admin")
    rows = [
        row("TZ0001"),
        row("TZ0002", lon="116.397128", lat="39.916527"),
        row("TZ0003", lon="30.33", lat="107.35"),
        row("TZ0004", township="不存在镇"),
        row("TZ0005", township="沙坪镇", village="东街社区"),
        row("TZ0001"),
        row("TZ0006", kind="地震"),
        row("TZ0007", monitored="否", installed="2024-05-01"),
        row("TZ0008", people="很多", zones="不存在的风险区"),
        row("", name="", lon=""),
        row("TZ0009", people=30),
        row("TZ0010", township="沙坪镇"),  # moved without naming zones of its new township
    ]
    preview = upload(client, xlsx(*rows))
    page = errors_of(client.get(preview).content.decode())
    assert "第3行 经度：经度116.397128不在本县范围内" in page and "第3行 纬度：纬度39.916527不在本县范围内" in page
    assert "第4行 经度：经度和纬度填反了" in page
    assert "第5行 乡镇（街道）：找不到名为“不存在镇”的乡镇（街道）" in page
    assert "第6行 村（社区）：“东街社区”不属于沙坪镇" in page
    assert "第7行 统一编号：与第2行的统一编号相同" in page
    assert "第8行 类型：“地震”不是可选的类型，应为：滑坡、崩塌" in page
    assert "第9行 技防建成日期：未建技防的隐患点不应填写技防建成日期" in page
    assert "第10行 威胁人数：“很多”不是大于或等于0的整数" in page
    assert "第10行 所属风险区：找不到编号或名称为“不存在的风险区”的风险区" in page
    assert "第11行 统一编号：必填" in page and "第11行 名称：必填" in page and "第11行 经度：必填" in page
    assert "第13行 所属风险区：风险区东街风险区不属于沙坪镇" in page
    assert "第2行 " not in page and "第12行 " not in page and "确认导入" not in page

    response = client.post(preview)
    assert response.status_code == 400 and "第4行 经度" in errors_of(response.content.decode())
    assert set(imported().values_list("code", "people", "township__name")) == {
        ("TZ0009", 18, "桂溪街道"),
        ("TZ0010", 18, "桂溪街道"),
    }


def test_a_township_imports_only_points_it_may_keep(web_as):
    RiskPointFactory(code="TZ0010", township=unit("沙坪镇"))
    RiskPointFactory(code="TZ0011")
    client = web_as("gx_staff")
    rows = [
        row("TZ0001", village="东街社区"),
        row("TZ0002", township="沙坪镇", village="人和村"),
        row("TZ0010", township="桂溪街道"),  # moving another township's point here
        row("TZ0011", state="已核销"),  # 核销 is the county office's
    ]
    preview = upload(client, xlsx(*rows))
    page = errors_of(client.get(preview).content.decode())
    assert "第2行" not in page and "确认导入" not in page
    assert "第3行 乡镇（街道）：您只能登记和修改本乡镇（街道）或本部门主管的隐患点" in page
    assert "第4行 乡镇（街道）：您只能登记和修改" in page
    assert "第5行 状态：隐患点核销由安委办（应急局）办理" in page
    assert client.post(preview).status_code == 400
    assert set(imported().values_list("code", "township__name")) == {("TZ0010", "沙坪镇"), ("TZ0011", "桂溪街道")}

    admin = web_as("county_admin")
    assert admin.post(upload(admin, xlsx(row("TZ0002", township="沙坪镇", village="人和村")))).status_code == 302
    assert imported().get(code="TZ0002").village.parent.name == "沙坪镇"


def test_the_export_has_the_filtered_rows_of_the_persons_scope_and_reads_back_unchanged(web_as):
    zone = RiskZoneFactory(code="FXQ-GX01")
    gx = RiskPointFactory(code="TZ0001", name="东街滑坡", monitored=True, property_value=Decimal("1.50"))
    gx.zones.add(zone)
    RiskPointFactory(code="TZ0002", kind="waterlogging", village=unit("东街社区居民委员会"), note="=1+1")
    RiskPointFactory(
        code="TZ0003",
        township=unit("沙坪镇"),
        state="governed",
        governed_on=datetime.date(2024, 3, 1),
        supervising_department=OrgUnit.objects.get(short_name="规划自然资源局"),
    )
    admin = web_as("county_admin")
    sheet = load_workbook(BytesIO(export(admin, kind="landslide"))).active
    assert [c.value for c in sheet[1]] == EXPORT_HEADER
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"TZ0001", "TZ0003"}
    first = rows["TZ0001"]
    assert first[2] == "滑坡" and first[3] == "桂溪街道" and float(first[6]) == 107.35 and float(first[10]) == 1.5
    assert first[15] == "是" and first[16] == datetime.datetime(2024, 5, 10) and first[20] == "FXQ-GX01"
    assert rows["TZ0003"][17] == "已治理" and rows["TZ0003"][19] == "垫江县规划和自然资源局"

    sheet = load_workbook(BytesIO(export(web_as("sp_staff")))).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["TZ0003"]

    admin = web_as("county_admin")  # the same client, signed in again
    content = export(admin)
    page = admin.get(upload(admin, SimpleUploadedFile("export.xlsx", content))).content.decode()
    assert "新增0个，更新0个，未变3个" in page and "确认导入" not in page and "无需导入" in page


def test_a_bad_filter_is_refused_and_a_stranger_is_sent_to_log_in(web_as, client):
    assert client.get("/disasters/risk-points/export/").status_code == 302
    assert client.get("/disasters/risk-points/import/").status_code == 302
    response = web_as("county_admin").get("/disasters/risk-points/export/", {"kind": "volcano"})
    assert response.status_code == 400 and "volcano" in response.content.decode()


def test_the_list_links_the_import_and_the_export_with_its_filters(web_as):
    page = web_as("gx_staff").get("/disasters/risk-points/", {"kind": "landslide"}).content.decode()
    assert 'href="/disasters/risk-points/import/"' in page and "导入隐患点台账" in page
    assert 'href="/disasters/risk-points/export/?kind=landslide"' in page and "导出Excel（按当前筛选）" in page


def test_the_preview_takes_a_bounded_number_of_queries(web_as, django_assert_max_num_queries):
    gx = unit("桂溪街道")
    zone = RiskZoneFactory(code="FXQ-GX01")
    registered = RiskPoint.objects.bulk_create(
        RiskPointFactory.build(code=f"TZ{n:04d}", township=gx, registered_by=None) for n in range(150)
    )
    for point in registered[:50]:
        point.zones.add(zone)
    rows = [row(f"TZ{n:04d}", f"批量{n}", people=n, village="东街社区", zones="FXQ-GX01") for n in range(300)]
    client = web_as("gx_staff")
    preview = upload(client, xlsx(*rows))
    with django_assert_max_num_queries(12):
        page = client.get(preview).content.decode()
    assert "新增150个，更新150个，未变0个" in page


def test_a_failure_during_the_import_rolls_back_every_row(web_as, monkeypatch):
    real, calls = services.risk_point_create, []

    def second_row_fails(**kwargs):
        calls.append(kwargs["code"])
        if len(calls) == 2:
            raise ValidationError({"name": "数据已被他人修改"})
        return real(**kwargs)

    monkeypatch.setattr(services, "risk_point_create", second_row_fails)
    client = web_as("gx_staff")
    preview = upload(client, xlsx(*(row(f"TZ{n:04d}") for n in range(3))))
    response = client.post(preview)
    assert response.status_code == 400 and "第3行 名称：数据已被他人修改" in errors_of(response.content.decode())
    assert len(calls) == 3 and not imported().exists()
    assert client.get(preview).status_code == 200  # the file is kept, so the page still explains


def test_a_ledger_imports_once_however_often_it_is_confirmed(web_as):
    client = web_as("gx_staff")
    preview = upload(client, xlsx(row("TZ0001")))
    assert client.post(preview).status_code == 302
    again = client.post(preview)
    assert again.status_code == 302 and imported().count() == 1
    assert "该文件已导入（1个隐患点）" in client.get(again.url).content.decode()


def test_another_persons_upload_is_not_found(web_as, client, demo_user):
    preview = upload(web_as("gx_staff"), xlsx(row("TZ0001")))
    client.logout()
    client.force_login(demo_user("gx_head"))
    assert client.get(preview).status_code == 404 and client.post(preview).status_code == 404
    assert not imported().exists()


def test_a_file_that_is_not_excel_or_lacks_required_columns_is_refused(web_as):
    client = web_as("gx_staff")
    for content in [b"just some text", "统一编号,名称\n1,2\n".encode(), b"PK\x03\x04 not really a zip"]:
        response = client.post("/disasters/risk-points/import/", {"file": SimpleUploadedFile("台账.xlsx", content)})
        assert response.status_code == 400
        assert "文件不是Excel工作簿（.xlsx），无法读取" in response.content.decode()
    response = client.post("/disasters/risk-points/import/", {"file": xlsx(["a", "b"], header=["编号", "名称"])})
    assert response.status_code == 400
    assert "第1行表头缺少必填列：统一编号、类型、乡镇（街道）、经度、纬度" in response.content.decode()


def test_the_template_downloads_with_its_notes_and_its_example_row_previews_cleanly(web_as):
    client = web_as("gx_staff")
    assert "下载空白模板" in client.get("/disasters/risk-points/import/").content.decode()
    response = client.get("/disasters/risk-points/import/template/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][1]] == HEADER and book.sheetnames[1] == "填写说明"
    notes = " ".join(str(c) for r in book.worksheets[1].iter_rows(values_only=True) for c in r if c)
    assert "经度107.15～107.75，纬度29.6～30.55" in notes and "森林火险区" in notes and "已核销" in notes
    page = client.get(upload(client, SimpleUploadedFile("t.xlsx", response.content))).content.decode()
    assert "新增1个，更新0个，未变0个" in page and "确认导入" in page
