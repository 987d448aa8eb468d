"""县领导, auditors and API clients only read: every form and action of the pages refuses their POST (403, 404 or a
redirect) and writes nothing — no row of any table of ours added or removed, no history event (every tracked
model writes one on each change)."""

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from .records import EXTRA_ROWS, office_rows
from .tables import FORM_ROUTES, FORMS_CHECKED_AFTER_VALIDATION, FORMS_OPEN_TO_READERS, PUBLIC
from .urlwalk import post_pages, sample_kwargs

pytestmark = pytest.mark.django_db

READ_ONLY = ["county_leader", "auditor", "api_client"]
OUR_APPS = {
    "core",
    "notifications",
    "tasks",
    "responsibilities",
    "hazards",
    "disasters",
    "inspections",
    "dashboards",
    "integrations",
}
REFUSED = {302, 403, 404, 405}


@pytest.fixture(scope="module")
def form_rows(demo_work, django_db_blocker):
    """Rows the demo lacks for a few of the forms' addresses (rolled back with the demo)."""
    with django_db_blocker.unblock():
        for basename in ("extension-request", "public-report", "warning", "major-risk", "inspection-plan"):
            EXTRA_ROWS[basename]()
        office_rows()


def _value(spec):
    if isinstance(spec, str):
        spec = (spec, {})
    model_label, pick = spec
    rows = apps.get_model(model_label).objects.order_by("pk")
    if isinstance(pick, str):  # a field's value rather than the pk
        return rows.values_list(pick, flat=True).first()
    row = rows.filter(**pick).first()
    return row.pk if row else None


def _url(name):
    kwargs = sample_kwargs(name)
    for arg, spec in FORM_ROUTES[name].items():
        value = _value(spec)
        assert value is not None, f"{name}: no row for {arg} ({spec})"
        kwargs[arg] = value
    return reverse(name, kwargs=kwargs)


def _row_counts():
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models()
            if model._meta.app_label in OUR_APPS and model._meta.managed and not model._meta.proxy
        }
    )
    sql = " UNION ALL ".join(f"SELECT '{table}', count(*) FROM \"{table}\"" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


@pytest.mark.parametrize("username", READ_ONLY)
@pytest.mark.parametrize("name", sorted(FORM_ROUTES))
def test_read_only_roles_are_refused_every_form_and_nothing_is_written(form_rows, client, person, username, name):
    url = _url(name)
    client.force_login(person(username))
    before = _row_counts()
    response = client.post(url, {})
    refused = REFUSED | ({400} if name in FORMS_CHECKED_AFTER_VALIDATION else set())
    assert response.status_code in refused, (url, response.status_code, response.content[:300])
    if response.status_code == 302:
        assert not response["Location"].startswith("/login/"), url
    after = _row_counts()
    changed = {table: (before[table], after[table]) for table in before if before[table] != after[table]}
    assert not changed, (url, changed)


def test_every_page_that_takes_a_post_is_classified():
    unclassified = post_pages() - set(FORM_ROUTES) - set(FORMS_OPEN_TO_READERS) - PUBLIC
    assert not unclassified, (
        "pages taking a POST with no read-only test (add them to FORM_ROUTES or FORMS_OPEN_TO_READERS in "
        f"tests/security/tables.py): {sorted(unclassified)}"
    )
    assert FORMS_CHECKED_AFTER_VALIDATION <= set(FORM_ROUTES)
    gone = (set(FORM_ROUTES) | set(FORMS_OPEN_TO_READERS)) - post_pages()
    assert not gone, f"no longer pages taking a POST: {sorted(gone)}"
