"""Load a year's plan from its transcription in tasks/data/plan_<year>.json."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pghistory
from django.db import transaction

from core.loading import LoadCounter, upsert
from tasks.models import KeyAction, Plan, QuantitativeTarget, System, WorkItem

DATA_DIR = Path(__file__).resolve().parent / "data"


class PlanDataMissing(Exception):
    pass


def plan_data(year):
    path = DATA_DIR / f"plan_{year}.json"
    if not path.exists():
        raise PlanDataMissing(f"没有{year}年的工作要点数据文件：{path.name}")
    return json.loads(path.read_text(encoding="utf-8"))


@transaction.atomic
def plan_load(*, year):
    """Create or update the plan of `year`; unchanged rows are not written. Returns the counts."""
    data = plan_data(year)
    counter = LoadCounter()
    with pghistory.context(command="load_plan", year=year):
        plan = upsert(
            Plan,
            lookup={"year": data["year"]},
            counter=counter,
            values={
                "title": data["title"],
                "document_number": data["document_number"],
                "issued_on": date.fromisoformat(data["issued_on"]),
                "issuer": data["issuer"],
                "general_requirements": data["general_requirements"],
            },
        )
        systems = {
            s["code"]: upsert(
                System,
                lookup={"plan": plan, "order": s["order"]},
                counter=counter,
                values={"code": s["code"], "title": s["title"]},
            )
            for s in data["systems"]
        }
        items = {
            w["number"]: upsert(
                WorkItem,
                lookup={"plan": plan, "number": w["number"]},
                counter=counter,
                values={"system": systems[w["system"]], "title": w["title"], "text": w["text"]},
            )
            for w in data["work_items"]
        }
        for a in data["key_actions"]:
            upsert(
                KeyAction,
                lookup={"plan": plan, "number": a["number"]},
                counter=counter,
                values={"code": a["code"], "title": a["title"], "text": a["text"]},
            )
        for t in data["targets"]:
            upsert(
                QuantitativeTarget,
                lookup={"plan": plan, "number": t["number"]},
                counter=counter,
                values={
                    "work_item": items[t["work_item"]],
                    "name": t["name"],
                    "value": Decimal(t["value"]),
                    "unit_of_measure": t["unit"],
                    "source_text": t["source_text"],
                    "data_source": t.get("data_source", ""),
                },
            )
    return plan, counter
