"""责任清单 in Excel: the import previews 新增/更新/未变 without writing and writes every row or none, only for the
county office, under the year rule; the export keeps the filters and reads back unchanged."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from core.models import OrgUnit
from responsibilities import duty_excel
from responsibilities import duty_services as services
from responsibilities.models import Duty, DutyList, DutyListKind, Leader
from tasks.models import Plan, WorkItem

pytestmark = pytest.mark.django_db

EXPORT_HEADER = ["年度", "领导姓名", "职务", "所在单位", "清单类别", "序号", "职责内容", "关联工作任务", "关联重点行动"]
REQUIRED = {"年度", "领导姓名", "职务", "所在单位", "清单类别", "序号", "职责内容"}
HEADER = [h + "*" if h in REQUIRED else h for h in EXPORT_HEADER]
LEADER = "党政领导干部责任清单"
ANNUAL = "年度重点任务清单"
LI_HUA = ("李华（演示）", "分管安全生产副县长", "垫江县")
LI_HUA_FIRST = "协助县长负责安全生产工作，统筹推进安全生产治本攻坚三年行动。"


def row(order, text, *, who=LI_HUA, year=2024, kind=LEADER, items="", actions=""):
    return [year, *who, kind, order, text, items, actions]


def xlsx(*rows, header=HEADER):
    book = Workbook()
    book.active.append(header)
    for cells in rows:
        book.active.append(cells)
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile("责任清单.xlsx", out.getvalue())


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def plan_2025():
    """A 2025 plan with work item 1 only (and no key actions)."""
    plan_2024 = Plan.objects.get(year=2024)
    plan = Plan.objects.create(year=2025, title="2025年工作要点", issued_on=plan_2024.issued_on)
    source = WorkItem.objects.get(plan=plan_2024, number=1)
    system = source.system
    system.pk = None
    system.plan = plan
    system.save()
    WorkItem.objects.create(plan=plan, system=system, number=1, title=source.title, text="", lead_unit=source.lead_unit)
    return plan


def upload(client, file):
    response = client.post("/responsibilities/leaders/import/", {"file": file})
    assert response.status_code == 302, response.content.decode()
    return response.url


def errors_of(page):
    return page.replace("<strong>", "").replace("</strong>", "")


def export(client, **filters):
    response = client.get("/responsibilities/leaders/export/", filters)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content)).active


def li_hua_duty(order, kind=DutyListKind.LEADER):
    return Duty.objects.get(duty_list__leader__name="李华（演示）", duty_list__kind=kind, order=order)


def test_a_clean_file_previews_new_changed_and_unchanged_duties_then_imports_them(web_as):
    before = li_hua_duty(1)
    client = web_as("county_admin")
    rows = [
        row(1, LI_HUA_FIRST, items="9", actions="一"),
        row(2, "分管应急管理、消防救援工作。", items="12、13", actions="2"),
        row(1, "组织本街道安全生产检查。", who=("王五", "副县长", "桂溪街道"), items="1,3", actions="（二）"),
        row(2, "督促整改重大事故隐患。", who=("王五", "副县长", "桂溪街道"), kind="年度重点任务"),
    ]
    preview = upload(client, xlsx(*rows))
    page = client.get(preview).content.decode()
    assert "新增2条，更新1条，未变1条" in page and "确认导入" in page
    assert "关联工作任务：12 → 12、13" in page and "关联重点行动：（空） → 二" in page and "职责内容：" in page
    assert "登记领导干部王五（副县长）" in page and "新建2024年党政领导干部责任清单" in page
    assert "新建2024年年度重点任务清单" in page
    assert not Leader.objects.filter(name="王五").exists() and li_hua_duty(2).text != "分管应急管理、消防救援工作。"

    response = client.post(preview)
    assert response.status_code == 302
    assert "新增2条，更新1条，未变1条" in client.get(response.url).content.decode()
    updated = li_hua_duty(2)
    assert updated.text == "分管应急管理、消防救援工作。"
    assert sorted(w.number for w in updated.work_items.all()) == [12, 13]
    assert [a.code for a in updated.key_actions.all()] == ["二"]
    assert li_hua_duty(1).updated_at == before.updated_at  # 未变 is not written
    wang = Leader.objects.select_related("unit").get(name="王五")
    assert wang.unit.name == "桂溪街道" and wang.post == "副县长"
    duty = Duty.objects.get(duty_list__leader=wang, duty_list__kind=DutyListKind.LEADER)
    assert duty.order == 1 and duty.duty_list.year == 2024
    assert sorted(w.number for w in duty.work_items.all()) == [1, 3] and [a.code for a in duty.key_actions.all()] == [
        "二"
    ]
    assert DutyList.objects.filter(leader=wang).count() == 2


def test_the_preview_writes_nothing(web_as):
    client = web_as("county_admin")
    preview = upload(client, xlsx(row(2, "改写的职责", items="1"), row(1, "新职责", who=("王五", "副县长", "垫江县"))))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(preview).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == [] and not Leader.objects.filter(name="王五").exists()
    assert li_hua_duty(2).text != "改写的职责"


def test_each_bad_cell_is_named_by_row_and_column_and_nothing_is_imported(web_as, plan_2025):
    client = web_as("county_admin")
    rows = [
        row(1, "合规的一行", who=("王五", "副县长", "垫江县"), items="1"),
        row(2, "单位不存在", who=("王五", "副县长", "不存在局")),
        row(3, "工作任务越界", items="1、22"),
        row(4, "重点行动越界", actions="七"),
        row(1, "重复序号", who=("王五", "副县长", "垫江县")),
        row("", "", who=("", "副县长", "垫江县")),
        row(5, "类别不对", kind="月度清单"),
        row(6, "序号不是数字", items="第一项、abc"),
        row(1, "2025年的任务2", year=2025, items="1、2"),
        row(7, "年度不对", year="明年"),
    ]
    preview = upload(client, xlsx(*rows))
    page = errors_of(client.get(preview).content.decode())
    assert "第3行 所在单位：找不到名为“不存在局”的单位" in page
    assert "第4行 关联工作任务：所关联的工作任务不属于2024年工作要点：2024年工作要点中没有“22”" in page
    assert "第5行 关联重点行动：所关联的重点行动不属于2024年工作要点：2024年工作要点中没有“七”" in page
    assert "第6行 序号：与第2行的序号相同（同一领导、年度和清单类别）" in page
    assert "第7行 领导姓名：必填" in page and "第7行 序号：必填" in page and "第7行 职责内容：必填" in page
    assert "第8行 清单类别：“月度清单”不是可选的清单类别，应为：党政领导干部责任清单、年度重点任务清单" in page
    assert "第9行 关联工作任务：“abc”不是序号" in page
    assert "第10行 关联工作任务：所关联的工作任务不属于2025年工作要点：2025年工作要点中没有“2”" in page
    assert "第11行 年度：“明年”不是年度" in page
    assert "第2行 " not in page and "确认导入" not in page

    response = client.post(preview)
    assert response.status_code == 400 and "第3行 所在单位" in errors_of(response.content.decode())
    assert not Leader.objects.filter(name="王五").exists()


def test_a_failure_during_the_import_rolls_back_every_row(web_as, monkeypatch):
    real, calls = services.duty_set, []

    def second_row_fails(**kwargs):
        calls.append(kwargs["order"])
        if len(calls) == 2:
            raise ValidationError({"work_items": "所关联的工作任务不属于2024年工作要点"})
        return real(**kwargs)

    monkeypatch.setattr(services, "duty_set", second_row_fails)
    client = web_as("county_admin")
    who = ("王五", "副县长", "垫江县")
    preview = upload(client, xlsx(row(1, "一", who=who), row(2, "二", who=who), row(3, "三", who=who)))
    response = client.post(preview)
    page = errors_of(response.content.decode())
    assert response.status_code == 400 and "第3行 关联工作任务：所关联的工作任务不属于2024年工作要点" in page
    assert calls == [1, 2, 3] and not Leader.objects.filter(name="王五").exists()


def test_only_the_county_office_imports_duty_lists(web_as, demo_user):
    for username in ("gx_staff", "county_leader"):
        client = web_as(username)
        page = client.get("/responsibilities/leaders/import/")
        assert page.status_code == 403 and "只有县安委办可以维护责任清单" in page.content.decode()
        response = client.post("/responsibilities/leaders/import/", {"file": xlsx(row(1, "新职责"))})
        assert response.status_code == 403
    result = duty_excel.duty_lists_import(actor=demo_user("gx_staff"), content=xlsx(row(9, "新职责")).read())
    assert not result.ok and "只有县安委办可以维护责任清单" in str(result.errors[0])
    assert not Duty.objects.filter(order=9).exists()


def test_a_keepers_preview_is_not_confirmed_by_someone_else(web_as, client, demo_user):
    preview = upload(web_as("county_admin"), xlsx(row(9, "新职责")))
    client.logout()
    client.force_login(demo_user("gx_staff"))
    assert client.post(preview).status_code == 403
    assert not Duty.objects.filter(order=9).exists()


def test_the_export_has_the_filtered_duties_and_reads_back_unchanged(web_as):
    client = web_as("gx_staff")  # everyone signed in reads the duty lists
    sheet = export(client, kind="annual_tasks")
    assert [c.value for c in sheet[1]] == EXPORT_HEADER
    assert [r[:6] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        (2024, "李华（演示）", "分管安全生产副县长", "垫江县", ANNUAL, 1)
    ]
    zhang = Leader.objects.get(name="张明（演示）")
    rows = list(export(client, leader=zhang.pk, year=2024).iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[5], r[7]) for r in rows] == [("张明（演示）", 1, "1"), ("张明（演示）", 2, "2")]
    county = OrgUnit.objects.get(code="500231")
    assert len(list(export(client, unit=county.pk).iter_rows(min_row=2))) == Duty.objects.count()
    assert list(export(client, year=2023).iter_rows(min_row=2)) == []

    admin = web_as("county_admin")
    out = BytesIO()
    export(admin).parent.save(out)
    page = admin.get(upload(admin, SimpleUploadedFile("export.xlsx", out.getvalue()))).content.decode()
    count = Duty.objects.count()
    assert f"新增0条，更新0条，未变{count}条" in page and "确认导入" not in page and "无需导入" in page


def test_the_export_takes_a_fixed_number_of_queries(web_as, demo_user, django_assert_max_num_queries):
    admin = web_as("county_admin")
    duty_list = DutyList.objects.get(leader__name="张明（演示）", kind=DutyListKind.LEADER)
    items = list(WorkItem.objects.filter(plan__year=2024, number__in=[1, 2, 3]))
    for order in range(3, 60):
        services.duty_add(
            actor=demo_user("county_admin"), duty_list=duty_list, order=order, text=f"职责{order}", work_items=items
        )
    with django_assert_max_num_queries(6):
        sheet = export(admin)
    rows = {(r[1], r[4], r[5]): r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == Duty.objects.count() and rows["张明（演示）", LEADER, 59][7] == "1、2、3"


def test_a_bad_filter_is_refused_and_a_stranger_is_sent_to_log_in(web_as, client):
    assert client.get("/responsibilities/leaders/export/").status_code == 302
    assert client.get("/responsibilities/leaders/import/").status_code == 302
    response = web_as("county_admin").get("/responsibilities/leaders/export/", {"kind": "monthly"})
    assert response.status_code == 400 and "monthly" in response.content.decode()


def test_the_leader_list_filters_and_links_the_import_and_the_export_with_its_filters(web_as):
    page = web_as("county_admin").get("/responsibilities/leaders/", {"kind": "annual_tasks"}).content.decode()
    assert "李华（演示）" in page and "张明（演示）</a>" not in page
    assert 'href="/responsibilities/leaders/export/?kind=annual_tasks"' in page
    assert 'href="/responsibilities/leaders/import/"' in page
    assert 'href="/responsibilities/leaders/import/template/"' in page
    page = web_as("gx_staff").get("/responsibilities/leaders/", {"year": 2024}).content.decode()
    assert "张明（演示）</a>" in page and "/responsibilities/leaders/export/?year=2024" in page
    assert "/responsibilities/leaders/import/" not in page


def test_the_template_downloads_with_its_notes_and_its_example_row_previews_cleanly(web_as):
    client = web_as("county_admin")
    assert "下载模板" in client.get("/responsibilities/leaders/import/").content.decode()
    response = client.get("/responsibilities/leaders/import/template/")
    book = load_workbook(BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][1]] == HEADER and book.sheetnames[1] == "填写说明"
    notes = " ".join(str(c) for r in book.worksheets[1].iter_rows(values_only=True) for c in r if c)
    assert "须属于该年度的工作要点" in notes and ANNUAL in notes
    page = client.get(upload(client, SimpleUploadedFile("t.xlsx", response.content))).content.decode()
    assert "新增1条，更新0条，未变0条" in page and "登记领导干部王某某" in page


def test_the_preview_takes_a_fixed_number_of_queries(web_as, django_assert_max_num_queries):
    client = web_as("county_admin")
    who = [("张明（演示）", "县长", "垫江县"), LI_HUA, ("王五", "副县长", "桂溪街道")]
    rows = [row(n, f"职责{n}", who=w, items=f"{n % 21 + 1}、3", actions="一") for w in who for n in range(1, 101)]
    preview = upload(client, xlsx(*rows))
    with django_assert_max_num_queries(12):
        page = client.get(preview).content.decode()
    assert "新增296条，更新4条，未变0条" in page
