"""Three people's journeys through the portal in Chromium, each on a phone and on a desktop, under the site's
Content-Security-Policy: none may report a violation or a script error from the login to the last page.

1. A township worker (gx_staff) logs in, registers a hazard with a photo and submits this month's progress.
2. The head of the lead department (yjj_head) returns one report with a reason and approves another.
3. The county leader opens the cockpit and follows the red-supervised figure to the overdue measure.

Screenshots of the key steps land in var/screenshots/<journey>-<viewport>-<step>.png (a test artefact).
Everything happens on 2024-07-15, inside the demo 2024 plan. Playwright's wait_for_function evaluates a string,
which the CSP forbids: the journeys wait with locators and expect() only.
"""

import datetime
import re
import struct
import zlib
from decimal import Decimal

import pytest
import time_machine
from playwright.sync_api import expect

from tests.browser.conftest import watch_csp
from tests.browser.test_layout import SCREENSHOTS, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]

PASSWORD = "demo2024"  # demo.data.DEMO_PASSWORD
TODAY = "2024-07-15 09:00 +0800"
VIEWPORTS = {
    "phone": {
        "viewport": {"width": 375, "height": 812},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    "desktop": {"viewport": {"width": 1366, "height": 900}},
}


def png_bytes(width=48, height=32, rgb=(200, 40, 40)):
    """A real (decodable) PNG, so the page can show it back."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


class Journey:
    """One person's browser tab, with what it reported (CSP violations, script errors) and its screenshots."""

    def __init__(self, page, *, name, viewport, base_url):
        self.page, self.name, self.viewport, self.base_url = page, name, viewport, base_url
        self.csp_violations = watch_csp(page)
        self.errors = []
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def shot(self, step):
        """A screenshot of the whole page; on a phone the page must also fit the screen's width."""
        if self.viewport == "phone":
            assert horizontal_overflow(self.page) == 0, f"{step}: the page scrolls sideways on a phone"
        self.page.screenshot(path=str(SCREENSHOTS / f"{self.name}-{self.viewport}-{step}.png"), full_page=True)

    def sign_in(self, username, full_name):
        """Through the login form, as a person would; lands on the plan's home page with their name in the menu."""
        page = self.page
        page.goto(f"{self.base_url}/login/")
        expect(page.locator("main h1")).to_have_text("登录")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main button[type=submit]").click()
        expect(page).to_have_url(f"{self.base_url}/")
        expect(page.locator("#nav-main .dropdown-toggle")).to_have_text(full_name)

    def menu(self, label):
        """Opens a page from the main menu; on a phone the menu is folded behind the toggler first."""
        page = self.page
        if self.viewport == "phone":
            expect(page.locator("#nav-main")).to_be_hidden()
            page.locator(".navbar-toggler").click()
        page.locator("#nav-main a.nav-link", has_text=label).click()

    def heading(self):
        return self.page.locator("main h1")

    def alert(self):
        return self.page.locator("main .alert[role=alert]").first

    def assert_clean(self):
        assert self.csp_violations == [], self.csp_violations
        assert self.errors == [], self.errors


@pytest.fixture
def on_2024_07_15():
    with time_machine.travel(TODAY, tick=True):
        yield datetime.date(2024, 7, 15)


@pytest.fixture(params=list(VIEWPORTS))
def start_journey(request, browser, live_server):
    context = browser.new_context(locale="zh-CN", **VIEWPORTS[request.param])
    context.set_default_timeout(15_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    yield lambda name: Journey(context.new_page(), name=name, viewport=request.param, base_url=live_server.url)
    context.close()


def _user(username):
    from core.models import User

    return User.objects.get(username=username)


def _measure(title, owner="桂溪街道", **dates):
    from core.models import OrgUnit
    from tests.tasks.factories import MeasureFactory

    return MeasureFactory(title=title, owner_unit=OrgUnit.objects.get(name=owner), **dates)


def test_a_township_worker_reports_a_hazard_with_a_photo_and_submits_monthly_progress(on_2024_07_15, start_journey):
    from hazards.models import Hazard
    from tasks.choices import ReportStatus
    from tasks.selectors import reports_awaiting_review

    measure = _measure("“日周月”隐患排查制度落实督导（旅程）")
    journey = start_journey("worker")
    page = journey.page
    journey.sign_in("gx_staff", "桂溪街道应急办")

    # A hazard, with a photo taken on the spot
    journey.menu("隐患与问题清单")
    page.locator("main a", has_text="登记隐患").click()
    expect(journey.heading()).to_have_text("登记隐患")
    page.locator("#id_title").fill("居民楼道电动车充电")
    page.locator("#id_sector").select_option("fire")
    page.locator("#id_level").select_option("general")
    page.locator("#id_source").select_option("self")
    page.locator("#id_territory").select_option(label="桂溪街道")
    page.locator("#id_place").fill("东街社区3栋1单元")
    page.locator("#id_found_on").fill("2024-07-15")
    page.locator("#id_deadline").fill("2024-07-25")
    page.locator("#id_description").fill("一楼楼道内有3辆电动车飞线充电")
    page.locator("#id_photos").set_input_files({"name": "楼道.png", "mimeType": "image/png", "buffer": png_bytes()})
    journey.shot("hazard-form")
    page.locator("main button[type=submit]", has_text="保存").click()

    expect(journey.heading()).to_have_text("居民楼道电动车充电")
    hazard = Hazard.objects.get(title="居民楼道电动车充电")
    assert re.fullmatch(r"YH2024-\d{6}", hazard.number) and hazard.evidence.count() == 1
    expect(journey.alert()).to_have_text(f"已登记隐患{hazard.number}。")
    expect(page.locator("main p.text-muted").first).to_contain_text(hazard.number)
    expect(page.locator("main .badge").first).to_have_text("待交办")
    expect(page.locator("main dl")).to_contain_text("东街社区3栋1单元")
    photo = page.locator("main img[alt='楼道.png']")
    expect(photo).to_be_visible()
    assert photo.evaluate("img => img.complete && img.naturalWidth") == 48  # served back and decoded
    journey.shot("hazard-saved")

    # This month's progress on a measure of the township's
    journey.menu("我的任务")
    expect(journey.heading()).to_have_text("我的任务")
    expect(page.locator("main h2", has_text="本期应填报")).to_have_text("本期应填报（1）")
    due = page.locator("main li", has_text=measure.title)
    due.get_by_role("link", name="填报").click()
    expect(journey.heading()).to_have_text("进展填报 · 2024年7月")
    expect(page.locator("#id_period")).to_have_value("2024-07-01")  # the current month is the default
    page.locator("#id_percent").fill("40")
    page.locator("#id_done_text").fill("7月督导6个社区，发现问题12项，已整改9项")
    page.locator("#id_problems").fill("部分小区物业配合不够")
    page.locator("#id_evidence").set_input_files(
        {"name": "督导现场.png", "mimeType": "image/png", "buffer": png_bytes(rgb=(40, 120, 200))}
    )
    journey.shot("report-form")
    page.locator("main button[name=submit]").click()

    expect(journey.alert()).to_have_text("已提交，等待牵头单位审核。")
    expect(page.locator("main h1 + span .badge")).to_have_text("已提交")
    expect(page.locator("main dl")).to_contain_text("40%")
    evidence = page.locator("main dl a", has_text="督导现场.png")
    expect(evidence).to_have_attribute("href", re.compile(r"^/evidence/\d+/$"))
    expect(page.locator("main ol li").last).to_contain_text("草稿 → 已提交")
    journey.shot("report-submitted")
    report = measure.reports.get()
    assert report.status == ReportStatus.SUBMITTED and report.percent == Decimal("40")
    assert report.evidence.get().content_type == "image/png"
    assert list(reports_awaiting_review(user=_user("yjj_head"))) == [report]

    journey.menu("我的任务")
    expect(page.locator("main h2", has_text="本期应填报")).to_have_text("本期应填报（0）")
    expect(page.locator("main")).to_contain_text("本期没有待填报的措施。")
    journey.assert_clean()


@pytest.fixture
def two_submitted_reports(on_2024_07_15):
    """桂溪街道's and 沙坪镇's July reports, both sent to 应急局 (the lead unit) for review."""
    from tasks import workflow

    reports = []
    for owner, writer, title in [
        ("桂溪街道", "gx_staff", "桂溪片区燃气“问题瓶”排查整治（旅程）"),
        ("沙坪镇", "sp_staff", "沙坪片区燃气“问题瓶”排查整治（旅程）"),
    ]:
        measure = _measure(title, owner=owner)
        report = workflow.report_create(
            actor=_user(writer), measure=measure, period=on_2024_07_15, percent=Decimal("50"), done_text="排查60户"
        )
        reports.append(workflow.report_submit(actor=_user(writer), report=report))
    return reports


def test_the_lead_department_head_returns_one_report_and_approves_the_other(two_submitted_reports, start_journey):
    from tasks.choices import ReportStatus

    to_return, to_approve = two_submitted_reports
    journey = start_journey("reviewer")
    page = journey.page
    journey.sign_in("yjj_head", "应急局局长")
    expect(page.locator("#review-count")).to_have_text("2")

    journey.menu("待我审核")
    expect(journey.heading()).to_have_text("待我审核")
    expect(page.locator("main h2", has_text="进展填报")).to_have_text("进展填报（2）")
    journey.shot("inbox")

    # Return the first: not without a reason, then with one
    page.locator("main li a", has_text=to_return.measure.title).click()
    badge = page.locator("main h1 + span .badge")
    expect(badge).to_have_text("已提交")
    page.locator("main button", has_text="退回").click()
    expect(page.locator("main .invalid-feedback")).to_have_text("退回时必须填写退回理由。")
    expect(badge).to_have_text("已提交")
    page.locator("#id_reason").fill("缺少现场照片，请补充后重新提交")
    journey.shot("return-reason")
    page.locator("main button", has_text="退回").click()
    expect(journey.alert()).to_have_text("已退回，责任单位将收到退回理由。")
    expect(badge).to_have_text("已退回")
    expect(page.locator("main dd.text-danger")).to_have_text("缺少现场照片，请补充后重新提交")
    expect(page.locator("main button", has_text="审核通过")).to_have_count(0)  # nothing more to decide
    journey.shot("returned")

    # Approve the second
    journey.menu("待我审核")
    expect(page.locator("main h2", has_text="进展填报")).to_have_text("进展填报（1）")
    expect(page.locator("main li a", has_text=to_return.measure.title)).to_have_count(0)
    page.locator("main li a", has_text=to_approve.measure.title).click()
    expect(badge).to_have_text("已提交")
    page.locator("main input[name=note]").fill("同意，请继续推进")
    page.locator("main button", has_text="审核通过").click()
    expect(journey.alert()).to_have_text("已审核通过。")
    expect(badge).to_have_text("已通过")
    expect(page.locator("main ol li").last).to_contain_text("已提交 → 已通过（同意，请继续推进）")
    journey.shot("approved")

    journey.menu("待我审核")
    expect(page.locator("main h2", has_text="进展填报")).to_have_text("进展填报（0）")
    expect(page.locator("main")).to_contain_text("没有待审核的填报。")
    expect(page.locator("#review-count")).to_have_count(0)
    to_return.refresh_from_db()
    to_approve.refresh_from_db()
    assert (to_return.status, to_return.return_reason) == (ReportStatus.RETURNED, "缺少现场照片，请补充后重新提交")
    assert to_approve.status == ReportStatus.APPROVED
    journey.assert_clean()


@pytest.fixture
def a_red_measure(on_2024_07_15):
    """Overdue since 31 May at 60% (red), beside one on schedule (no colour)."""
    from tests.tasks.factories import ReportFactory

    spring = {"start_date": datetime.date(2024, 3, 25), "deadline": datetime.date(2024, 5, 31)}
    red = _measure("汛前地质灾害隐患点排查（旅程）", **spring)
    ReportFactory(measure=red, period_start=datetime.date(2024, 5, 1), percent=Decimal("60"))
    on_time = _measure("防火道路建设督导（旅程）")
    ReportFactory(measure=on_time, period_start=datetime.date(2024, 7, 1), percent=Decimal("50"))
    return red


def test_the_county_leader_drills_from_the_cockpit_into_a_red_measure(a_red_measure, start_journey):
    journey = start_journey("leader")
    page = journey.page
    journey.sign_in("county_leader", "县领导")

    journey.menu("全县总览")
    expect(journey.heading()).to_contain_text("全县总览")
    expect(journey.heading()).to_contain_text("2024年7月15日 的情况")
    expect(page.locator("#measures-total")).to_have_text("2")
    expect(page.locator("#measures-overdue")).to_have_text("1")
    red_row = page.locator("#table-colours tr", has_text="红色督办")
    expect(red_row.locator("a")).to_have_text("1")
    expect(page.locator("#chart-colours svg")).to_be_visible()  # ECharts drew it from the page's JSON
    journey.shot("cockpit")

    red_row.locator("a").click()
    expect(page).to_have_url(re.compile(r"/measures/\?.*colour=red"))
    expect(journey.heading()).to_contain_text("具体措施")
    expect(page.locator("#measure-filters select[name=colour]")).to_have_value("red")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(a_red_measure.title)
    expect(rows.first).to_contain_text("红色督办")
    journey.shot("red-list")

    rows.first.get_by_role("link", name=a_red_measure.title).click()
    expect(journey.heading()).to_have_text(a_red_measure.title)
    badges = page.locator("main h1 + div .badge")
    expect(badges).to_have_text(["逾期", "红色督办"])
    expect(page.locator("main dl")).to_contain_text("2024-03-25 — 2024-05-31")
    expect(page.locator("main .progress").first).to_have_attribute("aria-valuenow", "60")
    journey.shot("measure")
    journey.assert_clean()
