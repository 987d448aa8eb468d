"""A page of one record: the viewer's own unit's record opens (detail pages), another unit's answers 404."""

import pytest
from django.apps import apps
from django.urls import reverse

from .records import EXTRA_ROWS
from .tables import PAGE_EXTRA_ROWS, PAGE_RECORDS, PAGE_VIEWERS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", sorted(PAGE_RECORDS))
def test_another_units_record_page_is_404_and_the_own_one_opens(demo_work, web_as, person, name):
    model_label = PAGE_RECORDS[name]
    if model_label in PAGE_EXTRA_ROWS:
        EXTRA_ROWS[PAGE_EXTRA_ROWS[model_label]]()
    viewer, other_viewer = PAGE_VIEWERS.get(name, ("gx_staff", "sp_staff"))
    model = apps.get_model(model_label)
    own = model.objects.visible_to(person(viewer))
    hidden = model.objects.exclude(pk__in=own.values("pk"))
    other = hidden.filter(pk__in=model.objects.visible_to(person(other_viewer)).values("pk")).first() or hidden.first()
    assert other is not None, f"no {model_label} hidden from {viewer}"
    client = web_as(viewer)
    assert client.get(reverse(name, args=[other.pk])).status_code == 404
    if name.endswith("detail"):
        mine = own.first()
        assert mine is not None, f"no {model_label} {viewer} sees"
        assert client.get(reverse(name, args=[mine.pk])).status_code == 200
