import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from tasks.models import KeyAction, Plan, QuantitativeTarget, System, WorkItem
from tasks.plan_loader import plan_load

DOCUMENT_TITLES = [
    "夯实党政领导干部责任",
    "加大统筹协调力度",
    "落实部门监管责任",
    "强化企业主体责任",
    "规范监管执法",
    "加强帮扶服务",
    "严肃事故调查和灾害调查评估",
    "完善举报奖励和诚信管理制度",
    "推进基层应急管理体系建设",
    "推进城市安全发展",
    "夯实防灾减灾基础",
    "加强风险评估管控和隐患排查治理",
    "开展重点专项整治",
    "加强自然灾害风险和隐患管控",
    "强化应急预案体系建设和应急演练",
    "强化应急救援队伍建设和应急联动",
    "强化应急装备物资配备和保障能力",
    "强化救灾救助和灾后恢复重建",
    "落实数字应急综合应用建设",
    "加强重点领域和重点应用场景建设",
    "强化“八张问题清单”运行管控",
]
DOCUMENT_TARGETS = [
    ("中心城区易涝点整治", Decimal("2"), "处"),
    ("河道整治", Decimal("10"), "km"),
    ("森林草原防火标准检查站", Decimal("4"), "座"),
    ("消防水池（箱）", Decimal("10"), "个"),
    ("防火道路新建和改建", Decimal("150"), "公里"),
    ("应急叫应设备", Decimal("40"), "台（套）"),
    ("地质灾害点工程治理和排危除险", Decimal("5"), "处"),
    ("避险搬迁", Decimal("200"), "人"),
    ("地灾隐患点技防建设", Decimal("64"), "个"),
    ("应急避难场所自然村全覆盖", Decimal("100"), "%"),
]


def counts():
    return [m.objects.count() for m in (Plan, System, WorkItem, KeyAction, QuantitativeTarget)]


@pytest.mark.django_db
def test_the_2024_plan_holds_the_documents_items_systems_actions_and_targets():
    plan = Plan.objects.get(year=2024)
    assert plan.document_number == "垫江府发〔2024〕3号"
    assert str(plan.issued_on) == "2024-03-21"
    assert [w.title for w in WorkItem.objects.filter(plan=plan).order_by("number")] == DOCUMENT_TITLES
    assert [s.code for s in plan.systems.all()] == list("一二三四五六")
    assert plan.systems.get(code="四").title == "完善风险防范体系，提升事前预防能力"
    assert [a.title for a in plan.key_actions.all()][0] == "实施安全生产治本攻坚行动"
    assert plan.key_actions.count() == 6
    assert [(t.name, t.value, t.unit_of_measure) for t in plan.targets.all()] == DOCUMENT_TARGETS
    assert {t.work_item.number for t in plan.targets.all()} == {11}


@pytest.mark.django_db
def test_work_items_sit_under_the_systems_of_the_document():
    by_system = {s.code: [w.number for w in s.work_items.order_by("number")] for s in System.objects.all()}
    assert by_system == {
        "一": [1, 2, 3, 4],
        "二": [5, 6, 7, 8],
        "三": [9, 10, 11],
        "四": [12, 13, 14],
        "五": [15, 16, 17, 18],
        "六": [19, 20, 21],
    }


@pytest.mark.django_db
def test_page_break_artefacts_are_joined_in_the_transcribed_texts():
    item4 = WorkItem.objects.get(number=4).text
    assert "实际控制人安全责任量化" in item4
    assert "\n" not in item4
    assert "推进救灾物资" not in WorkItem.objects.get(number=18).text
    assert "实施救灾物资调拨使用管理机制" in WorkItem.objects.get(number=18).text
    assert "建设应急科普体验馆、安全文化公园" in KeyAction.objects.get(number=6).text


@pytest.mark.django_db
def test_loading_the_plan_twice_changes_nothing():
    before = counts()
    call_command("load_plan", year=2024, verbosity=0)
    _, counter = plan_load(year=2024)
    assert counts() == before == [1, 6, 21, 6, 10]
    assert counter["created"] == counter["updated"] == 0


@pytest.mark.django_db
def test_loading_restores_an_edited_text_and_records_it():
    item = WorkItem.objects.get(number=1)
    WorkItem.objects.filter(pk=item.pk).update(title="改错的标题")
    _, counter = plan_load(year=2024)
    assert counter["updated"] == 1
    assert WorkItem.objects.get(pk=item.pk).title == "夯实党政领导干部责任"


def test_the_plan_file_is_valid_json_with_21_items():
    from tasks.plan_loader import DATA_DIR

    data = json.loads((DATA_DIR / "plan_2024.json").read_text(encoding="utf-8"))
    assert [w["number"] for w in data["work_items"]] == list(range(1, 22))


@pytest.mark.django_db
def test_load_plan_for_a_year_without_data_says_so():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有2023年的工作要点数据文件"):
        call_command("load_plan", year=2023)
