from django.core.exceptions import FieldDoesNotExist
from django.core.management import call_command
from rest_framework.fields import SerializerMethodField, empty
from rest_framework.relations import ManyRelatedField
from rest_framework.serializers import ListSerializer, ModelSerializer

from tests.portal_apps import PORTAL_APPS


def test_the_openapi_schema_generates_without_warnings(tmp_path, db):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(out))
    text = out.read_text(encoding="utf-8")
    for path in ["/api/v1/work-items/", "/api/v1/org-units/", "/api/v1/enterprises/", "/api/v1/targets/"]:
        assert path in text


def test_the_api_docs_load_swagger_from_local_static_files(client, django_user_model, db):
    client.force_login(django_user_model.objects.get(username="api_client"))
    page = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn" not in page.lower()


def _project_model_serializers():
    import config.urls  # noqa: F401  (imports every API module, so every serializer class exists)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return {cls for cls in subclasses(ModelSerializer) if cls.__module__.split(".")[0] in PORTAL_APPS}


def _reaches_a_nullable_column(model, source):
    for name in source.split("."):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if field.auto_created and not field.concrete:
            return False  # a reverse relation: rendered as a list
        if getattr(field, "null", False):
            return True
        model = field.related_model or model
    return False


def test_every_answer_field_read_through_a_nullable_column_is_declared_nullable():
    """A field such as `enterprise.name` on a hazard without an enterprise answers null; the schema must say so,
    or clients (and the fuzzing) that trust it break."""
    undeclared = []
    for cls in _project_model_serializers():
        for name, field in cls().fields.items():
            if field.write_only or field.allow_null or isinstance(field, (ListSerializer, ManyRelatedField)):
                continue
            if isinstance(field, SerializerMethodField) or field.default not in (empty, None):
                continue
            source = name if field.source in (None, "*") else field.source
            if _reaches_a_nullable_column(cls.Meta.model, source):
                undeclared.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert undeclared == []


def test_every_choice_answered_from_a_column_that_may_be_blank_is_declared_blankable():
    """A choice column with blank=True answers "" (a case without an award, a first step without a "from"); a
    ChoiceField built read-only loses allow_blank, so the schema's enum would refuse the answer."""
    from rest_framework.fields import ChoiceField

    undeclared = []
    for cls in _project_model_serializers():
        for name, field in cls().fields.items():
            if field.write_only or not isinstance(field, ChoiceField) or field.allow_blank:
                continue
            source = name if field.source in (None, "*") else field.source
            try:
                column = cls.Meta.model._meta.get_field(source)
            except FieldDoesNotExist:
                continue
            if getattr(column, "blank", False) and getattr(column, "choices", None):
                undeclared.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert undeclared == []
