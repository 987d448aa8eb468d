"""Builds the demo data set; every step is an upsert, so loading twice changes nothing."""

import itertools

import pghistory
from django.db import transaction
from django.db.models import Q

from core.choices import OrgUnitKind
from core.loading import LoadCounter, upsert
from core.models import Enterprise, EnterpriseAlias, Membership, OrgUnit, User
from core.validators import credit_code_check_char
from demo import data
from demo.disasters import load_risk_points
from demo.disasters_patrols import load_patrols
from demo.disasters_readiness import load_readiness
from demo.disasters_relief import load_relief
from demo.disasters_shelters import load_shelters
from demo.disasters_stations import load_stations
from demo.disasters_warnings import load_warnings
from demo.hazards import load_hazards
from demo.inspections_core import load_inspections_core
from demo.inspections_credit import load_enterprise_services
from demo.inspections_investigations import load_investigations
from demo.inspections_penalties import load_penalties
from demo.inspections_plans import load_plans
from demo.measures import load_measures
from demo.responsibilities_boards import load_boards
from demo.responsibilities_capability import load_capability
from demo.responsibilities_duties import load_duties
from demo.tasks_campaigns import load_campaigns
from tasks.models import KeyAction, KeyActionCoUnit, Plan, WorkItem, WorkItemCoUnit

ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def demo_credit_code(serial):
    """A well-formed 统一社会信用代码 (企业, 垫江县) with a valid 组织机构代码 inside; invented."""
    body = f"MA{serial:06d}"
    digits = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
    check = 11 - sum(d * w for d, w in zip(digits, ORG_CODE_WEIGHTS, strict=True)) % 11
    org_code = body + {10: "X", 11: "0"}.get(check, str(check))
    first17 = f"91{data.COUNTY_CODE}{org_code}"
    return first17 + credit_code_check_char(first17)


class DemoLoader:
    def __init__(self, *, with_work=True):
        self.counter = LoadCounter()
        self.with_work = with_work  # demo measures and reports; the test suite starts without them

    def unit(self, key):
        """A unit by statistical code, department short name or township name."""
        if key[0].isdigit():
            return OrgUnit.objects.get(code=key)
        department = Q(short_name=key, kind=OrgUnitKind.DEPARTMENT)
        return OrgUnit.objects.get(department | Q(name=key, kind=OrgUnitKind.TOWNSHIP))

    @transaction.atomic
    def load(self):
        with pghistory.context(command="load_demo"):
            self.departments()
            self.grids()
            self.accounts()
            self.assignments()
            self.enterprises()
            load_readiness(self)  # teams, plans and drills: with or without the demo work (tests use them)
            load_shelters(self)  # shelters, depots and supplies: the tests use them too
            load_boards(self)  # the four responsible persons and two major-risk boards (public pages, tests)
            load_duties(self)  # leaders' duty lists and the sector map (one blind spot): the tests use them
            load_capability(self)  # "五有" of three townships, one falling short: the tests use them
            if self.with_work:
                load_measures(self)
                load_hazards(self)
                load_risk_points(self)
                load_patrols(self)  # after the demo risk points (demo/disasters.py)
                load_stations(self)  # 监测站点, beside the demo risk points
                load_warnings(self)
                load_investigations(self)  # after the demo hazards, which it links
                load_inspections_core(self)  # after the checklists (migration) and the demo enterprises
                load_plans(self)  # inspection plans (执法计划)
                load_penalties(self)  # after the demo inspections, if any, to link them
                load_enterprise_services(self)  # trainings, insurance, benchmarks, credit: after the accident
                load_campaigns(self)  # 安全宣传活动 and the 2024 best-practice call, published
                load_relief(self)  # 救灾救助: after the depots (load_shelters), whose tents it dispatches
        return self.counter

    def departments(self):
        county = OrgUnit.objects.get(code=data.COUNTY_CODE)
        for order, (code, name, short) in enumerate(data.DEPARTMENTS, 1):
            upsert(
                OrgUnit,
                lookup={"code": code},
                counter=self.counter,
                values={
                    "name": name,
                    "short_name": short,
                    "kind": OrgUnitKind.DEPARTMENT,
                    "parent": county,
                    "path": county.path + f"{code}/",
                    "sort_order": order,
                    "is_demo": True,
                },
            )

    def grids(self):
        for order, (village_code, code, name) in enumerate(data.GRIDS, 1):
            village = OrgUnit.objects.get(code=village_code)
            upsert(
                OrgUnit,
                lookup={"code": code},
                counter=self.counter,
                values={
                    "name": name,
                    "kind": OrgUnitKind.GRID,
                    "parent": village,
                    "path": village.path + f"{code}/",
                    "sort_order": order,
                    "is_demo": True,
                },
            )

    def accounts(self):
        for username, full_name, role, unit_key in data.ACCOUNTS:
            is_admin = role == "county_admin"
            user = upsert(
                User,
                lookup={"username": username},
                counter=self.counter,
                values={
                    "full_name": full_name,
                    "is_staff": is_admin,
                    "is_superuser": is_admin,
                },
            )
            if not user.password:  # only a new account gets the demo password; a changed one keeps its own
                user.set_password(data.DEMO_PASSWORD)
                user.save(update_fields=["password"])
            upsert(
                Membership,
                lookup={"user": user, "unit": self.unit(unit_key), "role": role},
                values={},
                counter=self.counter,
            )

    def assignments(self):
        for plan in Plan.objects.all():
            self._assign(WorkItem, WorkItemCoUnit, "work_item", plan, data.WORK_ITEM_UNITS)
            self._assign(KeyAction, KeyActionCoUnit, "key_action", plan, data.KEY_ACTION_UNITS)

    def _assign(self, model, link_model, link_field, plan, table):
        for entry in model.objects.filter(plan=plan, number__in=table):
            lead, co_units = table[entry.number]
            upsert(model, lookup={"pk": entry.pk}, values={"lead_unit": self.unit(lead)}, counter=self.counter)
            for key in co_units:
                upsert(link_model, lookup={link_field: entry, "unit": self.unit(key)}, values={}, counter=self.counter)

    def enterprises(self):
        townships = itertools.cycle([self.unit(name) for name in data.ENTERPRISE_TOWNSHIPS])
        serial = 0
        for sector, (department, stems) in data.ENTERPRISE_SECTORS.items():
            for stem in stems:
                for suffix in ("有限公司", "有限责任公司"):
                    serial += 1
                    township = next(townships)
                    upsert(
                        Enterprise,
                        lookup={"credit_code": demo_credit_code(serial)},
                        counter=self.counter,
                        values={
                            "name": f"垫江县{township.name[:2]}{stem}{suffix}（演示）",
                            "sector": sector,
                            "township": township,
                            "supervising_department": self.unit(department),
                            "address": f"{township.name}演示路{serial}号",
                            "scale": "small_micro",
                            "is_demo": True,
                        },
                    )
        first = Enterprise.objects.get(credit_code=demo_credit_code(1))
        upsert(
            EnterpriseAlias,
            lookup={"name": f"{first.name[:-4]}加油站（演示）"},
            values={"enterprise": first},
            counter=self.counter,
        )
