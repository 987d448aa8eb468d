import os
import shutil

import pytest

CSP_LISTENER = (
    "document.addEventListener('securitypolicyviolation',"
    " e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
)

CHROMIUM = "/usr/bin/chromium"
# Flags for a headless Chromium on a machine with no network but loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Reloading the demo after each live-server test sets a dozen passwords: at PBKDF2's production cost that is
    most of a browser test's set-up. The hashers after MD5 still read a password set at that cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail("Debian chromium is missing: `make test` installs it (apt-get install chromium fonts-noto-cjk)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN", device_scale_factor=2)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


def watch_csp(page):
    """The Content-Security-Policy violations the page reports from now on, across every navigation: Chromium's
    own console message ("... violates the following Content Security Policy directive") and the DOM's
    securitypolicyviolation event, which an init script (run by the browser, not the page, so the CSP allows it)
    turns into a console message."""
    violations = []
    page.add_init_script(CSP_LISTENER)
    page.on(
        "console",
        lambda m: ("Content Security Policy" in m.text or "CSP violation" in m.text) and violations.append(m.text),
    )
    return violations
