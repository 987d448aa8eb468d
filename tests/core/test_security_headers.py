"""Production settings pass `check --deploy`; every page keeps a CSP with no inline script; files are served safely."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from config.security import tile_sources
from tasks.models import ReportEvidence
from tests.tasks.factories import MeasureFactory

ROOT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
HREF = re.compile(r'href="(/[^"#]*)"')


def production_environment(**extra):
    # Not the test run's own switches (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, which the check refuses).
    dropped = ("SECURE_", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    environment.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "aqsc.dianjiang.example.gov.cn",
            "BEHIND_HTTPS_PROXY": "true",
            **extra,
        }
    )
    return environment


def test_check_deploy_reports_nothing_with_the_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_https_is_switched_off():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=production_environment(BEHIND_HTTPS_PROXY="false"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "security.W004" in result.stdout + result.stderr  # the test above would notice a missing setting


def test_uploads_are_refused_a_folder_the_static_files_are_served_from(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**os.environ, "MEDIA_ROOT": str(ROOT / "static" / "uploads")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "core.E101" in result.stderr


def assert_kept_policy(response, path):
    policy = response.headers.get("Content-Security-Policy", "")
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip())
    assert directives.get("default-src") == "'self'", path
    assert directives.get("script-src") == "'self'", (path, policy)
    assert "'unsafe-eval'" not in policy, path
    assert directives.get("style-src-elem") == "'self'", path
    if "text/html" in response.headers.get("Content-Type", ""):
        page = response.content.decode()
        assert not INLINE_SCRIPT.search(page), (path, INLINE_SCRIPT.search(page).group(0))
        assert not INLINE_HANDLER.search(page), (path, INLINE_HANDLER.search(page).group(0))
        assert "<style" not in page, path


def crawl(client, start, limit=60):
    """The start page and the pages it links to (the navigation and the page's own links)."""
    seen, queue, checked = set(), [start], 0
    while queue and checked < limit:
        path = queue.pop(0)
        if path in seen or path.startswith(("/static/", "/logout", "/i18n/", "/admin/", "/api/")):
            continue
        seen.add(path)
        response = client.get(path)
        checked += 1
        assert_kept_policy(response, path)
        if path == start and response.status_code == 200:
            queue += [urlsplit(href).path for href in HREF.findall(response.content.decode())]
    return checked


@pytest.mark.parametrize("username", ["county_admin", "gx_staff"])
def test_every_linked_page_keeps_the_content_security_policy(web_as, username):
    assert crawl(web_as(username), "/") > 15


def test_public_pages_and_errors_keep_the_policy_too(client, db):
    for path in ["/login/", "/report/", "/report/check/", "/no-such-page/"]:
        assert_kept_policy(client.get(path), path)


def test_the_swagger_page_alone_may_run_its_inline_start_script(web_as):
    response = web_as("county_admin").get("/api/docs/")
    assert response.status_code == 200
    assert "script-src 'self' 'unsafe-inline'" in response.headers["Content-Security-Policy"]
    assert (
        "'unsafe-inline'"
        not in web_as("county_admin").get("/").headers["Content-Security-Policy"].split("style-src")[0]
    )


def test_map_tiles_may_come_from_each_subdomain_of_the_tile_host():
    url = "https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&tk=KEY"
    assert tile_sources(url, "01") == ["https://t0.tianditu.gov.cn", "https://t1.tianditu.gov.cn"]
    assert tile_sources("https://tiles.example.cn/{z}/{x}/{y}.png", "abc") == ["https://tiles.example.cn"]
    assert tile_sources("", "abc") == []


@pytest.mark.parametrize(
    ("name", "content", "disposition"),
    [("现场.png", PNG, "inline"), ("方案.pdf", PDF, "attachment")],
)
def test_uploaded_files_are_served_with_nosniff_and_their_own_sandbox(web_as, name, content, disposition):
    measure = MeasureFactory(title="排查燃气管道")
    web_as("gx_staff").post(
        f"/measures/{measure.pk}/report/",
        {"percent": "40", "done_text": "内容", "evidence": SimpleUploadedFile(name, content)},
    )
    evidence = ReportEvidence.objects.get(report__measure=measure)
    response = web_as("yjj_head").get(f"/evidence/{evidence.pk}/")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith(disposition)
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert web_as("sp_staff").get(f"/evidence/{evidence.pk}/").status_code == 404
