"""群众举报: the public reports without logging in, the township or county office triages, the reporter checks."""

import datetime
import io

import pytest
from captcha.models import CaptchaStore
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient

from config import env
from core.models import OrgUnit
from hazards.choices import EvidenceStage, HazardSource, PublicReportStatus, RewardStatus
from hazards.models import Hazard, PublicReport, PublicReportPhoto
from hazards.models_public import RECEIPT_ALPHABET, format_receipt_code
from hazards.public_guard import client_address
from hazards.public_reports import public_report_submit

pytestmark = pytest.mark.django_db
DEADLINE = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The limits are counted in the real Redis cache; each test starts with none used."""
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=cache.make_key("rl:*")):
        client.delete(key)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def jpeg(name="scene.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def solved_captcha():
    key = CaptchaStore.generate_key()
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def unit(name):
    return OrgUnit.objects.get(name=name)


def form_data(**overrides):
    data = {
        "description": "工地脚手架没有安全网，行人经过很危险",
        "place": "桂溪街道人民路12号旁",
        "township": unit("桂溪街道").pk,
        "contact_name": "王先生",
        "contact_phone": "138 0000 0000",
        **solved_captcha(),
    }
    return {**data, **overrides}


def submitted(township="桂溪街道", **values):
    values = {"description": "河堤护栏倒塌", "place": "某村河堤", "township": unit(township), **values}
    return public_report_submit(client_address="127.0.0.1", **values)


def accept_data(**overrides):
    return {
        "title": "工地脚手架未设安全网",
        "sector": "construction",
        "level": "general",
        "territory": unit("桂溪街道").pk,
        "deadline": DEADLINE,
        **overrides,
    }


def test_an_anonymous_report_becomes_a_hazard_through_triage_and_its_receipt_shows_the_outcome(web_as, demo_user):
    public = Client()
    page = public.get("/report/").content.decode()
    assert 'accept="image/*"' in page and 'capture="environment"' in page
    image_url = page.split('<img src="', 1)[1].split('"', 1)[0]
    assert public.get(image_url)["Content-Type"] == "image/png"  # drawn on our server

    response = public.post("/report/", form_data(photos=[jpeg("scene.jpg")]))
    assert response.status_code == 302 and response.url == "/report/receipt/"
    report = PublicReport.objects.get()
    receipt = public.get("/report/receipt/").content.decode()
    assert report.display_code in receipt and "/report/check/" in receipt
    assert report.address_hash and "127.0.0.1" not in report.address_hash
    assert len(report.receipt_code) == 12 and set(report.receipt_code) <= set(RECEIPT_ALPHABET)

    staff = web_as("gx_staff")
    assert report.description[:20] in staff.get("/hazards/public-reports/").content.decode()
    assert staff.get(f"/hazards/public-reports/{report.pk}/").status_code == 200
    accepted = staff.post(f"/hazards/public-reports/{report.pk}/accept/", accept_data())
    assert accepted.status_code == 302, accepted.content.decode()

    report.refresh_from_db()
    hazard = report.hazard
    assert report.status == PublicReportStatus.ACCEPTED and report.triaged_by == demo_user("gx_staff")
    assert hazard.source == HazardSource.PUBLIC_REPORT and hazard.place == "桂溪街道人民路12号旁"
    assert hazard.description == report.description and hazard.found_on == timezone.localdate(report.created_at)
    evidence = list(hazard.evidence.all())
    assert [(e.stage, e.original_name, e.content_type) for e in evidence] == [
        (EvidenceStage.BEFORE, "scene.jpg", "image/jpeg")
    ]
    assert evidence[0].file.name != report.photos.get().file.name  # a copy, not the same file

    outcome = Client().get("/report/check/", {"code": report.display_code.lower()}).content.decode()
    assert "已转为隐患" in outcome and hazard.number in outcome and "待交办" in outcome
    assert str(demo_user("gx_staff")) not in outcome and hazard.title not in outcome


def test_the_county_office_records_the_reward_and_the_reporter_sees_it(web_as):
    report = submitted()
    web_as("county_admin").post(f"/hazards/public-reports/{report.pk}/accept/", accept_data())
    refused = web_as("county_admin").post(
        f"/hazards/public-reports/{report.pk}/reward/", {"reward_status": RewardStatus.PENDING}
    )
    assert refused.status_code == 400 and "须填写大于零的金额" in refused.content.decode()
    web_as("county_admin").post(
        f"/hazards/public-reports/{report.pk}/reward/", {"reward_status": RewardStatus.PENDING, "reward_amount": "200"}
    )
    report.refresh_from_db()
    assert report.reward_status == RewardStatus.PENDING and report.reward_amount == 200
    assert report.reward_set_by.username == "county_admin" and report.reward_set_at
    assert "待发放" in Client().get("/report/check/", {"code": report.receipt_code}).content.decode()
    assert (
        web_as("gx_head").post(f"/hazards/public-reports/{report.pk}/reward/", {"reward_status": "paid"}).status_code
        == 403
    )


def test_a_rejection_needs_a_reason_and_the_check_page_shows_it(web_as):
    report = submitted()
    refused = web_as("gx_head").post(f"/hazards/public-reports/{report.pk}/reject/", {"reason": "  "})
    assert refused.status_code == 400 and "不予受理必须说明理由" in refused.content.decode()
    report.refresh_from_db()
    assert report.status == PublicReportStatus.PENDING

    web_as("gx_head").post(f"/hazards/public-reports/{report.pk}/reject/", {"reason": "经核查，护栏已于昨日修复"})
    report.refresh_from_db()
    assert report.status == PublicReportStatus.REJECTED and report.triaged_by.username == "gx_head"
    page = Client().get("/report/check/", {"code": report.receipt_code}).content.decode()
    assert "不予受理" in page and "经核查，护栏已于昨日修复" in page
    again = web_as("gx_head").post(f"/hazards/public-reports/{report.pk}/accept/", accept_data())
    assert again.status_code == 400 and "该举报已处理" in again.content.decode()


def test_a_wrong_code_says_only_that_it_was_not_found():
    report = submitted()
    near = report.receipt_code[:-1] + ("2" if report.receipt_code[-1] != "2" else "3")
    for code in [near, "NOT-A-CODE", "0O1I"]:
        response = Client().get("/report/check/", {"code": code})
        assert response.status_code == 404 and "未找到该回执码对应的举报" in response.content.decode()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("photo.jpg", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"), "文件“photo.jpg”不是照片"),
        (SimpleUploadedFile("notes.jpg", "只是一段文字".encode()), "文件“notes.jpg”的内容不是允许的类型"),
    ],
)
def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_saved(upload, message):
    response = Client().post("/report/", form_data(photos=[jpeg(), upload]))
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert "工地脚手架没有安全网" in page and "桂溪街道人民路12号旁" in page and "请重新选择照片" in page
    assert not PublicReport.objects.exists() and not PublicReportPhoto.objects.exists()


def test_a_photo_over_the_size_limit_and_a_sixth_photo_are_refused(settings):
    settings.EVIDENCE_MAX_MB = 1
    big = SimpleUploadedFile("big.jpg", jpeg().read() + b"\x00" * (1024 * 1024))
    assert "超过1MB的上限" in Client().post("/report/", form_data(photos=[big])).content.decode()
    six = Client().post("/report/", form_data(photos=[jpeg(f"{n}.jpg") for n in range(6)]))
    assert six.status_code == 400 and "最多上传5张照片" in six.content.decode()
    assert not PublicReport.objects.exists()


def test_a_wrong_captcha_is_refused_and_keeps_what_was_typed():
    response = Client().post("/report/", form_data(captcha_1="WRONG"))
    page = response.content.decode()
    assert response.status_code == 400 and "验证码不正确" in page and "工地脚手架没有安全网" in page
    assert not PublicReport.objects.exists()


def test_the_test_mode_captcha_passes_only_when_switched_on(monkeypatch):
    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_TEST_MODE", True)
    assert Client().post("/report/", form_data(captcha_1="PASSED")).status_code == 302


def test_the_sixth_report_from_one_address_within_the_hour_gets_429_and_keeps_the_text(settings):
    assert settings.PUBLIC_REPORT_RATE == "5/h"
    public = Client()
    for _n in range(5):
        assert public.post("/report/", form_data()).status_code == 302
    flood = public.post("/report/", form_data(description="第六条举报"), HTTP_X_FORWARDED_FOR="10.9.9.9")
    page = flood.content.decode()
    assert flood.status_code == 429 and "提交过于频繁：同一网络每小时最多提交5次举报" in page
    assert "第六条举报" in page and PublicReport.objects.count() == 5
    assert Client(REMOTE_ADDR="10.0.0.2").post("/report/", form_data()).status_code == 302  # another address
    api = APIClient().post("/api/v1/public-reports/", {"description": "x", "place": "y"}, format="json")
    assert api.status_code == 429 and api.json()["detail"].startswith("提交过于频繁")  # one budget for both


def test_behind_a_trusted_proxy_the_address_is_the_one_the_proxy_added(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7")
    assert client_address(request) == "10.0.0.1"
    settings.TRUST_X_FORWARDED_FOR = True
    assert client_address(request) == "203.0.113.7"
    assert client_address(RequestFactory().get("/", REMOTE_ADDR="2001:db8::1:2")) == "2001:db8::"


def test_the_check_is_rate_limited_too(settings):
    settings.PUBLIC_REPORT_CHECK_RATE = "2/h"
    report = submitted()
    for _n in range(2):
        assert Client().get("/report/check/", {"code": report.receipt_code}).status_code == 200
    refused = Client().get("/report/check/", {"code": report.receipt_code})
    assert refused.status_code == 429 and "查询过于频繁" in refused.content.decode()
    api = APIClient().get("/api/v1/public-reports/check/", {"code": report.receipt_code})
    assert api.status_code == 429


def test_a_bad_rate_setting_names_the_variable(monkeypatch):
    monkeypatch.setenv("PUBLIC_REPORT_RATE", "five an hour")
    with pytest.raises(ImproperlyConfigured, match="PUBLIC_REPORT_RATE='five an hour' is not a rate"):
        env.env_rate("PUBLIC_REPORT_RATE", "5/h")
    monkeypatch.setenv("PUBLIC_REPORT_RATE", "10/30m")
    assert env.env_rate("PUBLIC_REPORT_RATE", "5/h") == "10/30m"


def test_another_township_neither_sees_nor_triages_a_report(web_as, api_as):
    report = submitted("桂溪街道")
    sp = web_as("sp_staff")
    assert report.description not in sp.get("/hazards/public-reports/").content.decode()
    assert sp.get(f"/hazards/public-reports/{report.pk}/").status_code == 404
    assert sp.post(f"/hazards/public-reports/{report.pk}/accept/", accept_data()).status_code == 404
    photo = submitted("桂溪街道", photos=[jpeg()]).photos.get()
    assert sp.get(f"/hazards/public-reports/photos/{photo.pk}/").status_code == 404
    assert web_as("gx_staff").get(f"/hazards/public-reports/photos/{photo.pk}/").status_code == 200
    assert api_as("sp_staff").post(f"/api/v1/public-reports/{report.pk}/reject/", {"reason": "x"}).status_code == 404
    assert api_as("yjj_head").get("/api/v1/public-reports/").json()["count"] == 0  # departments see none
    report.refresh_from_db()
    assert report.status == PublicReportStatus.PENDING


def test_the_county_leader_reads_but_cannot_triage(web_as, api_as):
    report = submitted()
    leader = web_as("county_leader")
    page = leader.get(f"/hazards/public-reports/{report.pk}/").content.decode()
    assert report.description in page and "不予受理理由" not in page
    assert leader.post(f"/hazards/public-reports/{report.pk}/accept/", accept_data()).status_code == 403
    assert leader.post(f"/hazards/public-reports/{report.pk}/reject/", {"reason": "x"}).status_code == 403
    refused = api_as("county_leader").post(f"/api/v1/public-reports/{report.pk}/accept/", accept_data())
    assert refused.status_code == 403
    assert not Hazard.objects.filter(source=HazardSource.PUBLIC_REPORT).exists()


def test_the_api_takes_an_anonymous_report_and_answers_only_the_receipt_code():
    public = APIClient()
    created = public.post(
        "/api/v1/public-reports/",
        {"description": "燃气管道漏气", "place": "沙坪镇场镇", "township": unit("沙坪镇").pk, "photos": [jpeg()]},
        format="multipart",
    )
    assert created.status_code == 201 and list(created.json()) == ["receipt_code"]
    report = PublicReport.objects.get(receipt_code=created.json()["receipt_code"])
    assert report.photos.count() == 1 and report.township.name == "沙坪镇"
    missing = public.post("/api/v1/public-reports/", {"description": " "}, format="json")
    assert missing.status_code == 400 and missing.json()["place"] == ["请填写隐患地点。"]

    assert public.get("/api/v1/public-reports/").status_code == 401
    assert public.get(f"/api/v1/public-reports/{report.pk}/").status_code == 401
    outcome = public.get("/api/v1/public-reports/check/", {"code": format_receipt_code(report.receipt_code)}).json()
    assert outcome["status"] == "pending" and outcome["hazard_number"] == "" and outcome["reward_status"] == "none"
    assert public.get("/api/v1/public-reports/check/", {"code": "ABCD"}).status_code == 404


def test_the_api_accepts_and_rejects_through_the_same_services(api_as):
    first, second = submitted(photos=[jpeg()]), submitted()
    staff = api_as("gx_staff")
    accepted = staff.post(f"/api/v1/public-reports/{first.pk}/accept/", accept_data(), format="json")
    assert accepted.status_code == 200, accepted.json()
    hazard = Hazard.objects.get(pk=accepted.json()["hazard"])
    assert hazard.source == "public" and hazard.evidence.filter(stage="before").count() == 1
    assert accepted.json()["hazard_number"] == hazard.number and accepted.json()["status"] == "accepted"
    refused = staff.post(f"/api/v1/public-reports/{second.pk}/reject/", {"reason": ""}, format="json")
    assert refused.status_code == 400 and "不予受理必须说明理由" in refused.json()["reason"][0]
    outside = staff.post(
        f"/api/v1/public-reports/{second.pk}/accept/", accept_data(territory=unit("沙坪镇").pk), format="json"
    )
    assert outside.status_code == 403 and not second.__class__.objects.get(pk=second.pk).hazard_id


API_LIST = "/api/v1/public-reports/"


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_report_lists_take_the_same_number_of_queries_for_3_and_30_reports(web_as, api_as):
    for n in range(3):
        submitted(photos=[jpeg()] if n == 0 else [])
    few = (_queries(web_as("gx_staff"), "/hazards/public-reports/"), _queries(api_as("county_admin"), API_LIST))
    for n in range(27):
        submitted(township="桂溪街道" if n % 2 else "沙坪镇", photos=[jpeg()] if n < 3 else [])
    many = (_queries(web_as("gx_staff"), "/hazards/public-reports/"), _queries(api_as("county_admin"), API_LIST))
    assert few == many
