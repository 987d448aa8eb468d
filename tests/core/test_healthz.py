"""The health check answers anyone with a tiny text, without the database or the session."""

from django.test.utils import CaptureQueriesContext


def test_the_health_check_answers_ok_without_a_query_or_a_session(client, db):
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz/")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain") and "Content-Security-Policy" in response
    assert len(queries) == 0 and "sessionid" not in response.cookies


def test_the_health_check_only_answers_reads(client, db):
    assert client.head("/healthz/").status_code == 200
    assert client.post("/healthz/").status_code == 405
