"""Demo "五有" records (基层应急能力, plan item 9) of three townships for 2024, written through the capability
services (with history): 桂溪街道 meets all five, 沙坪镇 nearly, 桂阳街道 falls short. Names are invented."""

from core.models import User
from responsibilities.capability_selectors import villages_of
from responsibilities.capability_services import township_capability_create
from responsibilities.models import TownshipCapability

YEAR = 2024
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建华", "晓梅", "国强", "丽娟", "志勇", "海燕", "文军", "春兰"]

MET, PARTLY, NOT_MET = "met", "partly", "not_met"
RECORDS = {
    "桂溪街道": {
        "levels": (MET, MET, MET, MET, MET),
        "office": ("桂溪街道应急管理办公室", "桂溪街道办〔2023〕12号"),
        "staff": (4, 6),
        "ability": (3, 4),
        "assets": [
            ("equipment", "便携式发电机", 2, "good"),
            ("equipment", "冲锋舟", 1, "good"),
            ("equipment", "救生衣", 60, "good"),
            ("vehicle", "应急指挥车", 1, "good"),
        ],
        "rules": "街道突发事件总体应急预案\n防汛抗旱应急预案\n应急值班值守制度",
        "uncovered": 0,  # villages without a named grid worker
    },
    "沙坪镇": {
        "levels": (MET, MET, MET, MET, PARTLY),
        "office": ("沙坪镇应急管理办公室", "沙坪府发〔2023〕8号"),
        "staff": (3, 5),
        "ability": (2, 2),
        "assets": [
            ("equipment", "抽水泵", 4, "good"),
            ("equipment", "油锯", 3, "worn"),
            ("vehicle", "应急救援皮卡", 1, "good"),
        ],
        "rules": "镇突发事件总体应急预案\n地质灾害应急预案",
        "notes": {"rules": "值班值守和物资管理制度待印发。"},
        "uncovered": 4,
    },
    "桂阳街道": {
        "levels": (MET, PARTLY, PARTLY, NOT_MET, MET),
        "office": ("桂阳街道应急管理办公室", "桂阳街道办〔2023〕5号"),
        "staff": (1, 3),
        "ability": (0, 1),
        "assets": [("equipment", "手持扩音器", 5, "good"), ("equipment", "发电机", 1, "broken")],
        "rules": "街道突发事件总体应急预案\n应急值班值守制度",
        "notes": {
            "staff": "专职人员仅1名，未达到不少于2名的要求。",
            "conditions": "无应急车辆，发电机损坏待修。",
            "ability": "本年度尚未组织综合应急演练。",
        },
        "uncovered": 6,
    },
}
PREFIXES = ("organisation", "staff", "conditions", "ability", "rules")


def _workers(index):
    return "、".join(SURNAMES[(index * 3 + k) % len(SURNAMES)] + GIVEN[(index + k) % len(GIVEN)] for k in range(2))


def _grids(villages, uncovered):
    rows = []
    for index, village in enumerate(villages):
        named = index < len(villages) - uncovered
        rows.append(
            {
                "village": village,
                "grid_count": 2 + index % 3,
                "worker_count": 2 if named else 0,
                "worker_names": _workers(index) if named else "",
            }
        )
    return rows


def load_capability(loader):
    admin = User.objects.get(username="county_admin")
    for name, spec in RECORDS.items():
        township = loader.unit(name)
        if TownshipCapability.objects.filter(township=township, year=YEAR).exists():
            continue
        values = {f"{prefix}_level": level for prefix, level in zip(PREFIXES, spec["levels"], strict=True)}
        values |= {f"{prefix}_note": note for prefix, note in spec.get("notes", {}).items()}
        township_capability_create(
            actor=admin,
            township=township,
            year=YEAR,
            office_name=spec["office"][0],
            office_document=spec["office"][1],
            full_time_staff=spec["staff"][0],
            part_time_staff=spec["staff"][1],
            drills_held=spec["ability"][0],
            trainings_held=spec["ability"][1],
            rules_in_place=spec["rules"],
            assets=[dict(zip(("kind", "name", "quantity", "condition"), a, strict=True)) for a in spec["assets"]],
            grids=_grids(villages_of(township), spec["uncovered"]),
            **values,
        )
        loader.counter["created"] += 1
