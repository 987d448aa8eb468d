import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from core.choices import Role
from core.divisions import load_divisions
from core.models import Membership, OrgUnit, User


def test_the_county_tree_holds_the_real_divisions(db):
    assert OrgUnit.objects.filter(kind="county").get().name == "垫江县"
    assert OrgUnit.objects.filter(kind="township").count() == 26
    assert OrgUnit.objects.filter(kind="village", is_demo=False).count() == 301
    gx = OrgUnit.objects.get(code="500231001")
    assert gx.name == "桂溪街道" and gx.path == "500231/500231001/"
    assert OrgUnit.objects.subtree(gx).filter(kind="village").count() == gx.children.filter(kind="village").count()


def test_loading_the_divisions_again_changes_nothing(db):
    counts = load_divisions(OrgUnit)
    assert counts["created"] == counts["updated"] == 0
    assert counts["unchanged"] == 328


def test_loading_the_demo_again_changes_nothing(db):
    from hazards.models import Hazard, HazardEvent, PublicReport
    from tasks.models import Measure, ProgressReport, ReportTransition

    def counts():
        models = [
            User,
            Membership,
            OrgUnit,
            Measure,
            ProgressReport,
            ReportTransition,
            Hazard,
            HazardEvent,
            PublicReport,
        ]
        return [m.objects.count() for m in models]

    call_command("load_demo", force=True, verbosity=0)
    first = counts()
    call_command("load_demo", force=True, verbosity=0)
    assert counts() == first
    from demo.inspections_core import INSPECTIONS

    # demo/hazards.py, the demo inspections' findings and the credit case's overdue major hazard
    hazards = 6 + sum(len(row[7]) for row in INSPECTIONS) + 1
    assert first[3] == 6 and first[4] > 0 and first[6] == hazards and first[8] == 1


def test_the_demo_refuses_to_load_in_production_without_force(db, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo")


def test_a_role_must_sit_on_a_unit_of_its_kind(db):
    user = User.objects.create(username="misplaced")
    with pytest.raises(ValidationError) as error:
        Membership(user=user, unit=OrgUnit.objects.get(name="沙坪镇"), role=Role.DEPT_HEAD).full_clean()
    assert "县级部门" in error.value.message_dict["unit"][0]


def test_a_village_must_sit_under_a_township(db):
    village = OrgUnit(code="X-1", name="错挂村", kind="village", parent=OrgUnit.objects.get(code="500231"))
    with pytest.raises(ValidationError) as error:
        village.full_clean()
    assert "乡镇/街道" in error.value.message_dict["parent"][0]
