"""监管责任人名册 in Excel: the import previews 新增/变更/未变 without writing, changes a person through the board
service (history kept) and writes every row or none, only for enterprises the person may change; the export keeps
its filters and the person's scope, and reads back unchanged."""

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from core.models import Enterprise, OrgUnit
from responsibilities.models import ResponsiblePerson
from tests.responsibilities.factories_boards import gx_enterprise, sp_enterprise

pytestmark = pytest.mark.django_db

COLUMNS = ["企业名称", "统一社会信用代码", "责任类别", "姓名", "职务", "联系电话", "任职日期"]
REQUIRED = {"责任类别", "姓名", "职务", "联系电话", "任职日期"}
HEADER = [h + "*" if h in REQUIRED else h for h in COLUMNS]
EXPORT_HEADER = [*COLUMNS, "卸任日期"]


def xlsx(*rows, header=HEADER):
    book = Workbook()
    book.active.append(header)
    for cells in rows:
        book.active.append(cells)
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile("名册.xlsx", out.getvalue())


def current(enterprise, role):
    return ResponsiblePerson.objects.current().get(enterprise=enterprise, role=role)


def same_row(person, *, by="name"):
    """The row that names the current holder again."""
    enterprise = person.enterprise
    return [
        enterprise.name if by == "name" else "",
        enterprise.credit_code if by == "code" else "",
        person.get_role_display(),
        person.name,
        person.post,
        person.phone,
        person.since,
    ]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, file):
    response = client.post("/responsibilities/roster/import/", {"file": file})
    assert response.status_code == 302, response.content.decode()
    return response.url


def errors_of(page):
    return page.replace("<strong>", "").replace("</strong>", "")


def export(client, **filters):
    response = client.get("/responsibilities/roster/export/", filters)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content)).active


def test_a_roster_previews_new_changed_and_unchanged_persons_then_imports_them_keeping_history(web_as):
    enterprise = gx_enterprise()
    unchanged = current(enterprise, "administrative")
    before = current(enterprise, "industry")
    ResponsiblePerson.objects.filter(enterprise=enterprise, role="professional").delete()
    client = web_as("gx_staff")
    rows = [
        same_row(unchanged),
        [enterprise.name, "", "行业监管", "钱七", before.post, "13900000007", "2024-06-01"],
        ["", enterprise.credit_code.lower(), "专业监管", "孙八", "执法队员", 13900000008, datetime.date(2024, 5, 1)],
    ]
    preview = upload(client, xlsx(*rows))
    page = client.get(preview).content.decode()
    assert "新增1名，变更1名，未变1名" in page and "确认导入" in page
    assert f"姓名：{before.name} → 钱七" in page and f"联系电话：{before.phone} → 13900000007" in page
    assert "职务：" not in page
    assert current(enterprise, "industry") == before

    response = client.post(preview)
    assert response.status_code == 302
    assert "新增1名，变更1名，未变1名" in client.get(response.url).content.decode()
    before.refresh_from_db()
    assert before.until == datetime.date(2024, 5, 31)  # kept as history
    successor = current(enterprise, "industry")
    assert (successor.name, successor.phone, successor.since) == ("钱七", "13900000007", datetime.date(2024, 6, 1))
    assert current(enterprise, "professional").name == "孙八"
    assert current(enterprise, "administrative").updated_at == unchanged.updated_at  # 未变 is not written
    assert ResponsiblePerson.objects.filter(enterprise=enterprise, role="industry").count() == 2


def test_the_preview_writes_nothing(web_as):
    enterprise = gx_enterprise()
    person = current(enterprise, "enterprise")
    client = web_as("gx_staff")
    row = [enterprise.name, "", "企业（单位）", "新总经理", "总经理", "13900000009", "2024-08-01"]
    preview = upload(client, xlsx(row))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(preview).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == [] and current(enterprise, "enterprise") == person


def test_each_bad_cell_is_named_by_row_and_column_and_nothing_is_imported(web_as):
    gx = gx_enterprise()
    other = Enterprise.objects.filter(township=gx.township).exclude(pk=gx.pk).order_by("pk").first()
    client = web_as("county_admin")
    rows = [
        [gx.name, "", "行政负责", "合规", "副主任", "13900000001", "2024-06-01"],
        ["不存在的公司", "", "行政负责", "张三", "副主任", "13900000001", "2024-06-01"],
        [gx.name, "", "行业监管", "张三", "股长", "12ab", "2024-06-01"],
        [gx.name, "", "安全总监", "张三", "股长", "13900000001", "2024-06-01"],
        [gx.name, "", "专业监管", "张三", "队员", "13900000001", "2023-06-01"],
        [gx.name, "", "行政负责", "李四", "副主任", "13900000002", "2024-07-01"],
        [gx.name, "", "企业（单位）", "", "", "13900000001", "不是日期"],
        [gx.name, other.credit_code, "企业（单位）", "张三", "经理", "13900000001", "2024-06-01"],
        ["", "", "企业（单位）", "张三", "经理", "13900000001", "2024-06-01"],
    ]
    preview = upload(client, xlsx(*rows))
    page = errors_of(client.get(preview).content.decode())
    assert "第3行 企业名称：找不到生产经营单位“不存在的公司”" in page
    assert "第4行 联系电话：请填写正确的电话号码（手机或座机）" in page
    assert "第5行 责任类别：“安全总监”不是可选的责任类别，应为：行政负责、行业监管、专业监管、企业（单位）" in page
    assert "第6行 任职日期：任职日期须晚于现任责任人的任职日期（2024-01-01）" in page
    assert "第7行 责任类别：与第2行的单位和责任类别相同" in page
    assert "第8行 姓名：必填" in page and "第8行 职务：必填" in page
    assert "第8行 任职日期：“不是日期”不是有效日期" in page
    assert f"第9行 统一社会信用代码：统一社会信用代码对应的是“{other.name}”" in page
    assert "第10行 企业名称：请填写企业名称或统一社会信用代码" in page
    assert "第2行 " not in page and "确认导入" not in page

    response = client.post(preview)
    assert response.status_code == 400 and "第4行 联系电话" in errors_of(response.content.decode())
    assert not ResponsiblePerson.objects.filter(name__in=["合规", "李四", "张三"]).exists()


def test_a_person_writes_only_enterprises_whose_boards_they_may_change(web_as):
    gx, sp = gx_enterprise(), sp_enterprise()
    row = ["", "行政负责", "周九", "副镇长", "13900000001", "2024-06-01"]
    client = web_as("gx_staff")
    preview = upload(client, xlsx([gx.name, *row], [sp.name, *row], ["", sp.credit_code, *row[1:]]))
    page = errors_of(client.get(preview).content.decode())
    assert f"第3行 企业名称：找不到生产经营单位“{sp.name}”" in page and "在您的管辖范围内" in page
    assert f"第4行 统一社会信用代码：找不到生产经营单位“{sp.credit_code}”" in page
    assert "第2行 " not in page and client.post(preview).status_code == 400

    leader = web_as("county_leader")  # sees every board, changes none
    preview = upload(leader, xlsx([gx.name, *row]))
    page = errors_of(leader.get(preview).content.decode())
    assert "第2行 企业名称：只有安委办管理员、" in page and "可以修改公示牌" in page
    assert leader.post(preview).status_code == 400
    assert not ResponsiblePerson.objects.filter(name="周九").exists()


def test_the_export_has_the_filtered_rows_of_the_persons_scope_and_reads_back_unchanged(web_as, demo_user):
    gx, sp = gx_enterprise(), sp_enterprise()
    admin = web_as("county_admin")
    sheet = export(admin, township=sp.township_id, role="industry")
    assert [c.value for c in sheet[1]] == EXPORT_HEADER
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    sp_count = Enterprise.objects.filter(township=sp.township).count()
    assert len(rows) == sp_count and {r[2] for r in rows} == {"行业监管"} and sp.credit_code in {r[1] for r in rows}
    department = OrgUnit.objects.get(short_name="应急局")
    rows = list(export(admin, department=department.pk).iter_rows(min_row=2, values_only=True))
    supervised = Enterprise.objects.filter(supervising_department=department)
    assert {r[1] for r in rows} == set(supervised.values_list("credit_code", flat=True)) and len(rows) == 4 * len(
        supervised
    )

    gx_rows = list(export(web_as("gx_staff")).iter_rows(min_row=2, values_only=True))
    gx_codes = set(Enterprise.objects.filter(township=gx.township).values_list("credit_code", flat=True))
    assert {r[1] for r in gx_rows} == gx_codes and sp.credit_code not in {r[1] for r in gx_rows}

    admin = web_as("county_admin")  # the same client, signed in again
    person = current(gx, "industry")
    web_change = {"name": "吴十", "post": person.post, "phone": "13900000010", "since": datetime.date(2024, 9, 1)}
    from responsibilities.board_services import responsible_person_set

    responsible_person_set(actor=demo_user("county_admin"), enterprise=gx, role="industry", **web_change)
    history = list(export(admin, enterprise=gx.pk, current="false").iter_rows(min_row=2, values_only=True))
    assert [(r[3], r[7]) for r in history if r[2] == "行业监管"] == [
        ("吴十", None),
        (person.name, datetime.datetime(2024, 8, 31)),
    ]

    out = BytesIO()
    export(admin).parent.save(out)
    page = admin.get(upload(admin, SimpleUploadedFile("export.xlsx", out.getvalue()))).content.decode()
    count = ResponsiblePerson.objects.current().count()
    assert f"新增0名，变更0名，未变{count}名" in page and "确认导入" not in page and "无需导入" in page


def test_the_export_takes_a_fixed_number_of_queries(web_as, django_assert_max_num_queries):
    admin = web_as("county_admin")
    with django_assert_max_num_queries(4):
        sheet = export(admin, current="false")
    assert sheet.max_row == ResponsiblePerson.objects.count() + 1 > 40


def test_a_bad_filter_is_refused_and_a_stranger_is_sent_to_log_in(web_as, client):
    assert client.get("/responsibilities/roster/export/").status_code == 302
    assert client.get("/responsibilities/roster/import/").status_code == 302
    response = web_as("county_admin").get("/responsibilities/roster/export/", {"role": "mayor"})
    assert response.status_code == 400 and "mayor" in response.content.decode()


def test_the_risk_list_and_the_board_link_the_roster_import_export_and_template(web_as):
    client = web_as("gx_staff")
    page = client.get("/responsibilities/risks/").content.decode()
    assert 'href="/responsibilities/roster/import/"' in page and 'action="/responsibilities/roster/export/"' in page
    assert 'href="/responsibilities/roster/import/template/"' in page and "桂溪街道" in page and "沙坪镇" not in page
    enterprise = gx_enterprise()
    section = client.get(f"/responsibilities/enterprises/{enterprise.pk}/board/").content.decode()
    assert f"/responsibilities/roster/export/?enterprise={enterprise.pk}" in section
    assert 'href="/responsibilities/roster/import/"' in section


def test_the_template_downloads_with_its_notes(web_as):
    client = web_as("gx_staff")
    assert "下载模板" in client.get("/responsibilities/roster/import/").content.decode()
    book = load_workbook(BytesIO(client.get("/responsibilities/roster/import/template/").content))
    assert [c.value for c in book.worksheets[0][1]] == HEADER and book.sheetnames[1] == "填写说明"
    notes = " ".join(str(c) for r in book.worksheets[1].iter_rows(values_only=True) for c in r if c)
    assert "行政负责、行业监管、专业监管、企业（单位）" in notes and "原责任人记入历任记录" in notes


def test_the_preview_takes_a_fixed_number_of_queries(web_as, django_assert_max_num_queries):
    persons = ResponsiblePerson.objects.current().select_related("enterprise")
    rows = [same_row(person, by="code" if person.pk % 2 else "name") for person in persons]
    client = web_as("county_admin")
    preview = upload(client, xlsx(*rows))
    with django_assert_max_num_queries(7):
        page = client.get(preview).content.decode()
    assert f"新增0名，变更0名，未变{len(rows)}名" in page and len(rows) > 40
