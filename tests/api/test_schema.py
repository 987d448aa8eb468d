from django.core.management import call_command


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
