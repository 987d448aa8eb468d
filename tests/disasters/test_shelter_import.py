"""Shelters in Excel: the export keeps the filters and the scope; the import previews without writing, and
creates every row or none, with each error named by row and column."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from core.models import OrgUnit
from disasters.models import Shelter

pytestmark = pytest.mark.django_db

HEADER = ["编号*", "名称*", "类型*", "乡镇（街道）*", "所在村（社区）", "地址", "经度*", "纬度*", "可容纳人数*"]
HEADER += ["面积（平方米）", "管理人", "管理人电话", "覆盖村（社区）", "备注"]


def row(code, *, township="桂溪街道", lon=107.35, lat=30.33, villages="东街社区、南街社区", **more):
    cells = {"name": f"{code}广场", "kind": "紧急", "village": "", "capacity": 300, "area": 1200} | more
    first = [code, cells["name"], cells["kind"], township, cells["village"], "地址", lon, lat, cells["capacity"]]
    return first + [cells["area"], "张三", "13800000000", villages, ""]


def xlsx(*rows, header=HEADER):
    book = Workbook()
    book.active.append(header)
    for cells in rows:
        book.active.append(cells)
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile("避难场所.xlsx", out.getvalue())


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, file):
    response = client.post("/disasters/shelters/import/", {"file": file})
    assert response.status_code == 302, response.content.decode()
    return response.url


def imported():
    return Shelter.objects.filter(code__startswith="IMP-")


def errors_of(page):
    return page.replace("<strong>", "").replace("</strong>", "")


def test_a_good_list_previews_without_writing_then_imports_every_row(web_as):
    client = web_as("gx_staff")
    rows = [row("IMP-1"), row("IMP-2", villages="西街社区,北街社区，镇中社区", village="东街社区", kind="固定避难场所")]
    preview = upload(client, xlsx(*rows))
    page = client.get(preview).content.decode()
    assert page.count("将创建") == 2 and "西街社区居民委员会、北街社区居民委员会、镇中社区居民委员会" in page
    assert not imported().exists()
    assert client.post(preview).status_code == 302
    second = Shelter.objects.get(code="IMP-2")
    assert second.kind == "fixed" and second.village.name == "东街社区居民委员会"
    assert sorted(v.name[:4] for v in second.covered_villages.all()) == ["北街社区", "西街社区", "镇中社区"]
    assert imported().count() == 2
    assert client.post(preview).status_code == 302  # a second click imports nothing more
    assert imported().count() == 2


def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_imported(web_as):
    client = web_as("gx_staff")
    rows = [
        row("IMP-1"),
        row("IMP-2", lon=30.33, lat=107.35),  # swapped
        row("IMP-3", villages="东街社区、不存在村"),
        row("IMP-1", capacity=0),  # a code used above, and no room
        row("IMP-5", township="沙坪镇", villages=""),  # another township's
    ]
    preview = upload(client, xlsx(*rows))
    page = errors_of(client.get(preview).content.decode())
    assert "第3行 经度：经度和纬度填反了" in page
    assert "第4行 覆盖村（社区）：在桂溪街道找不到村（社区）“不存在村”。" in page
    assert "第5行 可容纳人数：可容纳人数应大于0。" in page
    assert "第6行 乡镇（街道）：您只能登记本乡镇（街道）的应急避难场所。" in page
    assert "确认导入" not in page
    response = client.post(preview)
    assert response.status_code == 400 and not imported().exists()


def test_a_code_already_registered_or_repeated_in_the_file_is_refused(web_as):
    client = web_as("county_admin")
    page = errors_of(client.get(upload(client, xlsx(row("BN-001-01"), row("IMP-9"), row("IMP-9")))).content.decode())
    assert "第2行 编号：编号BN-001-01已登记。" in page and "第4行 编号：与第3行编号重复。" in page


def test_the_county_admin_may_cover_a_neighbours_village_named_with_its_township(web_as):
    client = web_as("county_admin")
    preview = upload(client, xlsx(row("IMP-1", villages="东街社区、沙坪镇" + _first_village("沙坪镇"))))
    assert client.post(preview).status_code == 302
    assert {v.parent.name for v in Shelter.objects.get(code="IMP-1").covered_villages.all()} == {"桂溪街道", "沙坪镇"}
    gx = web_as("gx_staff")
    page = errors_of(
        gx.get(upload(gx, xlsx(row("IMP-2", villages="沙坪镇" + _first_village("沙坪镇"))))).content.decode()
    )
    assert "第2行 覆盖村（社区）：" in page and "不属于桂溪街道" in page


def _first_village(township):
    name = OrgUnit.objects.filter(parent__name=township, kind="village").order_by("code").first().name
    return name.removesuffix("村民委员会").removesuffix("居民委员会")


def test_a_file_without_the_required_columns_is_refused(web_as):
    response = web_as("gx_staff").post("/disasters/shelters/import/", {"file": xlsx(["IMP-1"], header=["编号"])})
    assert response.status_code == 400 and "第1行表头缺少必填列" in response.content.decode()


def test_the_template_is_a_file_the_import_reads(web_as):
    client = web_as("county_admin")
    template = client.get("/disasters/shelters/import/template/").content
    assert [c.value for c in load_workbook(BytesIO(template)).active[1]][:4] == [
        "编号*",
        "名称*",
        "类型*",
        "乡镇（街道）*",
    ]
    page = client.get(upload(client, SimpleUploadedFile("t.xlsx", template))).content.decode()
    assert page.count("将创建") == 1


def export(client, **filters):
    response = client.get("/disasters/shelters/export/", filters)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content)).active


def test_the_export_has_the_filtered_rows_of_the_persons_scope(web_as):
    sp = OrgUnit.objects.get(name="沙坪镇", kind="township")
    sheet = export(web_as("county_admin"), township=sp.pk)
    assert [c.value for c in sheet[1]][:4] == ["编号", "名称", "类型", "乡镇（街道）"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["BN-102-01"] and rows[0][3] == "沙坪镇" and rows[0][13] == 18
    assert len(list(export(web_as("county_admin")).iter_rows(min_row=2))) == 24
    Shelter.objects.filter(code="BN-001-01").update(is_active=False)
    assert [r[0] for r in export(web_as("gx_staff")).iter_rows(min_row=2, values_only=True)] == ["BN-001-01"]
    assert len(list(export(web_as("county_admin"), is_active="false").iter_rows(min_row=2))) == 1


def test_a_bad_filter_is_refused(web_as):
    response = web_as("county_admin").get("/disasters/shelters/export/", {"kind": "huge"})
    assert response.status_code == 400


def test_the_preview_takes_a_fixed_number_of_queries(web_as, django_assert_max_num_queries):
    client = web_as("gx_staff")
    preview = upload(client, xlsx(*[row(f"IMP-{n}", villages="东街社区、西街社区") for n in range(100)]))
    with django_assert_max_num_queries(12):
        assert client.get(preview).content.decode().count("将创建") == 100
