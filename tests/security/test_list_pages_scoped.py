"""A list page shows only the rows the person may see: a row hidden from a township (renamed so that nothing
else on the page has its name) is missing from the township's page and on the county leader's; the township's
own row, renamed the same way, is on its page (the field is shown, the test can see a leak)."""

import pytest
from django.apps import apps
from django.urls import reverse

from .records import EXTRA_ROWS
from .tables import API_MODELS, LIST_PAGES, LISTED_ELSEWHERE, PAGE_EXTRA_ROWS, PAGE_VIEWERS

pytestmark = pytest.mark.django_db

OWN, OTHER = "ZQSEC1", "ZQSEC2"  # short: the numbers' fields are


def _rename(row, field, marker):
    type(row).objects.filter(pk=row.pk).update(**{field: marker})


@pytest.mark.parametrize("name", sorted(LIST_PAGES))
def test_a_list_page_holds_only_permitted_rows(demo_work, client, person, name):
    model_label, field = LIST_PAGES[name]
    if model_label in PAGE_EXTRA_ROWS:
        EXTRA_ROWS[PAGE_EXTRA_ROWS[model_label]]()
    viewer, other_viewer = PAGE_VIEWERS.get(name, ("gx_staff", "sp_staff"))
    model = apps.get_model(model_label)
    own = model.objects.visible_to(person(viewer))
    hidden = model.objects.exclude(pk__in=own.values("pk")).order_by("pk")
    other = hidden.filter(pk__in=model.objects.visible_to(person(other_viewer)).values("pk")).first() or hidden.first()
    mine = own.order_by("pk").first()
    assert other is not None and mine is not None, f"no {model_label} hidden from {viewer}, or none of its own"
    _rename(mine, field, OWN)
    _rename(other, field, OTHER)
    client.force_login(person(viewer))
    page = client.get(reverse(name)).content.decode()
    assert OWN in page and OTHER not in page, name
    client.force_login(person("county_leader"))
    assert OTHER in client.get(reverse(name)).content.decode(), name


def test_every_scoped_record_of_the_api_has_its_list_page_tested():
    scoped = {model_label for model_label, reader in API_MODELS.values() if reader == "scoped"}
    listed = {model_label for model_label, _field in LIST_PAGES.values()} | set(LISTED_ELSEWHERE)
    assert not scoped - listed, f"add their list page to LIST_PAGES (or LISTED_ELSEWHERE): {sorted(scoped - listed)}"
    assert not set(LISTED_ELSEWHERE) - scoped, sorted(set(LISTED_ELSEWHERE) - scoped)
