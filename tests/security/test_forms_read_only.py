"""县领导, auditors and API clients only read: every form and action of the pages refuses their POST (403, 404 or a
redirect) and writes nothing: no row of any table of ours is inserted, updated or deleted, and so no history
event is written either."""

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from tests.portal_apps import PORTAL_APPS

from .records import EXTRA_ROWS, office_rows
from .tables import FORM_ROUTES, FORMS_CHECKED_AFTER_VALIDATION, FORMS_OPEN_TO_READERS, PUBLIC
from .urlwalk import post_pages, sample_kwargs

pytestmark = pytest.mark.django_db

READ_ONLY = ["county_leader", "auditor", "api_client"]
REFUSED = {302, 403, 404, 405}


@pytest.fixture(scope="module")
def form_rows(demo_work, django_db_blocker):
    """Rows the demo lacks for a few of the forms' addresses (rolled back with the demo)."""
    with django_db_blocker.unblock():
        for basename in ("extension-request", "public-report", "warning", "major-risk", "inspection-plan"):
            EXTRA_ROWS[basename]()
        office_rows()


def _value(spec):
    if isinstance(spec, str) and "." not in spec:
        return spec  # a word of the address (an action's name)
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


def _table_states():
    """Each table of ours: the rows this transaction has inserted, updated and deleted in it so far (PostgreSQL
    counts every write as it happens, a write undone by a savepoint too). The accounts' table is compared by a
    hash of its rows instead: signing in (force_login) stamps last_login, and nothing else may change there."""
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models()
            if model._meta.app_label in PORTAL_APPS and model._meta.managed and not model._meta.proxy
        }
    )
    accounts = apps.get_model("core.User")._meta.db_table
    row = "(to_jsonb(t) - 'last_login')::text"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables"
            " WHERE schemaname = current_schema() AND relname = ANY(%s) AND relname <> %s",
            [tables, accounts],
        )
        states = {table: (inserted, updated, deleted) for table, inserted, updated, deleted in cursor.fetchall()}
        cursor.execute(f"SELECT md5(string_agg({row}, '|' ORDER BY {row})) FROM \"{accounts}\" t")
        states[accounts] = cursor.fetchone()
    assert len(states) == len(tables), set(tables) - set(states)
    return states


@pytest.mark.parametrize("name", sorted(FORM_ROUTES))
def test_read_only_roles_are_refused_every_form_and_nothing_is_written(form_rows, client, person, name):
    url = _url(name)
    refused = REFUSED | ({400} if name in FORMS_CHECKED_AFTER_VALIDATION else set())
    before = _table_states()
    for username in READ_ONLY:  # one route per test, its roles in turn: the counts are taken once for all three
        client.force_login(person(username))
        response = client.post(url, {})
        assert response.status_code in refused, (username, url, response.status_code, response.content[:300])
        if response.status_code == 302:
            assert not response["Location"].startswith("/login/"), (username, url)
        after = _table_states()
        changed = {table: (before[table], after[table]) for table in before if before[table] != after[table]}
        assert not changed, (username, url, changed)


def test_every_page_that_takes_a_post_is_classified():
    unclassified = post_pages() - set(FORM_ROUTES) - set(FORMS_OPEN_TO_READERS) - PUBLIC
    assert not unclassified, (
        "pages taking a POST with no read-only test (add them to FORM_ROUTES or FORMS_OPEN_TO_READERS in "
        f"tests/security/tables.py): {sorted(unclassified)}"
    )
    assert FORMS_CHECKED_AFTER_VALIDATION <= set(FORM_ROUTES)
    gone = (set(FORM_ROUTES) | set(FORMS_OPEN_TO_READERS)) - post_pages()
    assert not gone, f"no longer pages taking a POST: {sorted(gone)}"


# Forms of FORMS_CHECKED_AFTER_VALIDATION posted valid: name -> (a writing role, its path arguments and data). The
# writing role's post writes (so the data is valid and the refusal is the role's), the read-only roles' do not.
def _enterprise():
    from demo.loader import demo_credit_code

    values = {"name": "安全测试企业", "credit_code": demo_credit_code(990001), "sector": "fire", "scale": "small_micro"}
    units = {"township": _unit("桂溪街道").pk, "supervising_department": _department("应急局").pk}
    return {}, values | units | {"address": "桂溪街道某路1号"}


def _hazard():
    values = {"title": "电动车楼道充电", "sector": "fire", "level": "general", "source": "self"}
    return {}, values | {"territory": _unit("桂溪街道").pk, "found_on": "2024-06-01", "deadline": "2024-06-05"}


def _hazard_move():
    hazard = apps.get_model("hazards.Hazard").objects.filter(status="pending").order_by("pk").first()
    return {"pk": hazard.pk}, {"to": "rectifying", "comment": "请限期整改"}


def _extension():
    from tasks.models import ExtensionRequest, Measure

    asked = ExtensionRequest.objects.filter(status="pending").values("measure")
    measure = Measure.objects.filter(owner_unit=_unit("桂溪街道")).exclude(pk__in=asked).order_by("pk").first()
    later = measure.deadline.replace(year=measure.deadline.year + 1)
    return {"pk": measure.pk}, {"requested_deadline": later.isoformat(), "reason": "资金未到位"}


def _acknowledgement():
    acks = apps.get_model("disasters.WarningAcknowledgement").objects.filter(acknowledged_at__isnull=True)
    warning = acks.filter(township=_unit("沙坪镇"), warning__lifted_at__isnull=True).order_by("-pk").first().warning
    return {"pk": warning.pk}, {"township": _unit("沙坪镇").pk, "note": "已收到"}


def _unit(name):
    return apps.get_model("core.OrgUnit").objects.get(name=name, kind="township")


def _department(short_name):
    return apps.get_model("core.OrgUnit").objects.get(short_name=short_name, kind="department")


FORM_SUBMISSIONS = {
    "enterprise-create": ("county_admin", _enterprise),
    "hazards:create": ("gx_staff", _hazard),
    "hazards:transition": ("county_admin", _hazard_move),
    "extension-create": ("gx_staff", _extension),
    "disasters:warning-acknowledge": ("sp_staff", _acknowledgement),
}


@pytest.mark.parametrize("name", sorted(FORM_SUBMISSIONS))
def test_a_valid_form_is_refused_to_read_only_roles_and_written_for_a_writing_role(form_rows, client, person, name):
    writer, build = FORM_SUBMISSIONS[name]
    kwargs, data = build()
    url = reverse(name, kwargs={**sample_kwargs(name), **kwargs})
    before = _table_states()
    for username in READ_ONLY:
        client.force_login(person(username))
        response = client.post(url, data)
        assert response.status_code in REFUSED | {400}, (username, url, response.status_code)
        assert _table_states() == before, (username, url)
    client.force_login(person(writer))
    response = client.post(url, data)
    assert response.status_code == 302, (url, response.status_code, response.content.decode()[-3000:])
    assert _table_states() != before, url
