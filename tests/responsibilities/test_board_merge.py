import pytest

from core.models import Enterprise
from core.services import enterprise_merge
from responsibilities.models import ResponsiblePerson

pytestmark = pytest.mark.django_db


def test_merging_two_enterprises_with_boards_keeps_one_current_person_per_role(demo_user):
    keep, duplicate = Enterprise.objects.filter(is_demo=True).order_by("pk")[:2]
    theirs = list(ResponsiblePerson.objects.filter(enterprise=duplicate).values_list("pk", flat=True))
    assert theirs, "the demo gives every demo enterprise its four persons"

    event = enterprise_merge(actor=demo_user("county_admin"), keep=keep, duplicates=[duplicate])

    persons = ResponsiblePerson.objects.filter(enterprise=keep)
    current = persons.filter(until__isnull=True)
    assert current.count() == len({p.role for p in current}) == 4
    assert set(theirs) <= set(persons.values_list("pk", flat=True))  # kept as history
    assert event.moved["responsibilities.ResponsiblePerson"] == len(theirs)
