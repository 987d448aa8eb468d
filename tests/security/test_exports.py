"""An Excel export holds only the rows the person may see: another unit's row is in the county office's export
and not in the township's, the township's own row is in both."""

import io

import openpyxl
import pytest
from django.apps import apps
from django.urls import reverse

from .tables import EXPORTS

pytestmark = pytest.mark.django_db


def _cells(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200, name
    workbook = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return {
        str(cell) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell
    }


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_an_export_holds_only_permitted_rows(demo_work, client, person, name):
    model_label, field = EXPORTS[name]
    model = apps.get_model(model_label)
    gx = person("gx_staff")
    own = model.objects.visible_to(gx)
    mine = own.first()
    hidden = model.objects.visible_to(person("sp_staff")).exclude(pk__in=own.values("pk"))
    other = hidden.exclude(**{f"{field}__in": own.values(field)}).first()  # titles repeat across units
    assert mine is not None and other is not None, model_label
    client.force_login(person("county_admin"))
    everything = _cells(client, name)
    client.force_login(gx)
    township = _cells(client, name)
    assert getattr(other, field) in everything
    assert getattr(other, field) not in township
    assert getattr(mine, field) in township
