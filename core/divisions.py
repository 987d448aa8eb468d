"""The county's real divisions (垫江县, its townships and streets, villages and communities)."""

import json
from pathlib import Path

from core.loading import LoadCounter, upsert

DIVISIONS_FILE = Path(__file__).resolve().parent / "data" / "dianjiang-divisions.json"


def _unit(OrgUnit, counter, *, code, name, kind, parent, sort_order):
    # The path is set here, not by OrgUnit.save(): a data migration passes the historical model.
    path = (parent.path if parent else "") + f"{code}/"
    values = {"name": name, "kind": kind, "parent": parent, "path": path, "sort_order": sort_order}
    return upsert(OrgUnit, lookup={"code": code}, values=values, counter=counter)


def load_divisions(OrgUnit):
    """Create or update the county tree from the shipped file; returns the counts."""
    data = json.loads(DIVISIONS_FILE.read_text(encoding="utf-8"))
    counter = LoadCounter()
    county = _unit(
        OrgUnit,
        counter,
        code=data["county"]["code"],
        name=data["county"]["name"],
        kind="county",
        parent=None,
        sort_order=0,
    )
    for t_order, township in enumerate(data["townships"], 1):
        unit = _unit(
            OrgUnit,
            counter,
            code=township["code"],
            name=township["name"],
            kind="township",
            parent=county,
            sort_order=t_order,
        )
        for v_order, village in enumerate(township["villages"], 1):
            _unit(
                OrgUnit,
                counter,
                code=village["code"],
                name=village["name"],
                kind="village",
                parent=unit,
                sort_order=v_order,
            )
    return counter
