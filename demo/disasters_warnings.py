"""Demo warnings (预警), written through the warning services: one lifted after every township acknowledged and
responded, one in force that some townships have still to acknowledge. Times are counted back from now.

Loaded only with the demo's work records (not in the test suite), since a warning in force is chased by the
minute-by-minute beat and would add rows to the reminder ledger the tests count.
"""

import datetime

from django.utils import timezone

from core.models import OrgUnit, User
from disasters import warning_services as services
from disasters.models import Warning, WarningAcknowledgement, WarningResponse

LIFTED_TEXT = (
    "受强降雨影响，预计未来24小时我县桂溪街道、沙坪镇等地发生地质灾害的风险很高。"
    "请立即组织隐患点受威胁群众撤离避险，落实24小时值班和巡查。（演示）"
)
IN_FORCE_TEXT = "预计今天夜间到明天白天我县有大到暴雨，局地大暴雨，请做好防范，加强易涝点和山洪危险区巡查。（演示）"


def load_warnings(loader):
    if Warning.objects.filter(text__in=[LIFTED_TEXT, IN_FORCE_TEXT]).exists():
        return
    users = {u.username: u for u in User.objects.filter(username__in=["county_admin", "gx_staff", "sp_staff"])}
    towns = {t.name: t for t in OrgUnit.objects.filter(kind="township", name__in=["桂溪街道", "沙坪镇", "新民镇"])}
    _lifted(users, towns)
    _in_force(users, towns)
    loader.counter["created"] += 2


def _lifted(users, towns):
    issued = timezone.now() - datetime.timedelta(days=10)
    warning = services.warning_issue(
        actor=users["county_admin"],
        type="geological",
        level="red",
        text=LIFTED_TEXT,
        townships=[towns["桂溪街道"], towns["沙坪镇"]],
        issued_at=issued,
    )
    for username, town, people in [("gx_staff", "桂溪街道", 12), ("sp_staff", "沙坪镇", 26)]:
        services.warning_acknowledge(actor=users[username], warning=warning, township=towns[town], note="已收到")
        services.warning_respond(
            actor=users[username],
            warning=warning,
            township=towns[town],
            evacuate=True,
            ban_entry=True,
            people_moved=people,
            note="隐患点受威胁群众已全部转移（演示）",
        )
    # The services stamp "now"; the demo moves those stamps back to when it happened ten days ago.
    minutes = datetime.timedelta(minutes=1)
    WarningAcknowledgement.objects.filter(warning=warning).update(acknowledged_at=issued + 12 * minutes)
    WarningResponse.objects.filter(warning=warning).update(recorded_at=issued + 180 * minutes)
    services.warning_lift(actor=users["county_admin"], warning=warning, lifted_at=issued + datetime.timedelta(days=2))


def _in_force(users, towns):
    warning = services.warning_issue(
        actor=users["county_admin"],
        type="rainstorm",
        level="orange",
        text=IN_FORCE_TEXT,
        townships=[towns["桂溪街道"], towns["沙坪镇"], towns["新民镇"]],
        issued_at=timezone.now() - datetime.timedelta(minutes=20),
    )
    services.warning_acknowledge(actor=users["gx_staff"], warning=warning, township=towns["桂溪街道"])
