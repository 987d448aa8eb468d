"""Rows the demo lacks for the permission tests: another unit's record (or the viewer's own) of a few kinds."""

import datetime

from core.models import Enterprise, OrgUnit, User


def _sp():
    return OrgUnit.objects.get(name="沙坪镇", kind="township")


def _sp_enterprise():
    return Enterprise.objects.filter(township=_sp()).order_by("pk").first()


def warning_for_shaping():
    from tests.disasters.factories_warnings import WarningFactory

    WarningFactory(townships=["沙坪镇"])


def public_report_of_shaping():
    from hazards.models import PublicReport

    PublicReport.objects.create(
        receipt_code="SECTEST0001", description="路边堆放液化气瓶", place="沙坪场镇", township=_sp()
    )


def self_inspections_of_both():
    for township in ("桂溪街道", "沙坪镇"):
        _self_inspection(Enterprise.objects.filter(township__name=township).order_by("pk").first())


def _self_inspection(enterprise):
    from hazards.choices import Cadence, InspectionResult
    from hazards.models import Checklist, SelfInspection

    SelfInspection.objects.create(
        enterprise=enterprise,
        checklist=Checklist.objects.order_by("pk").first(),
        cadence=Cadence.DAILY,
        period_start=datetime.date(2024, 6, 3),
        performed_on=datetime.date(2024, 6, 3),
        performed_by=User.objects.get(username="sp_staff"),
        result=InspectionResult.OK,
    )


def extensions_of_both():
    from tasks.models import Measure

    gx, sp = User.objects.get(username="gx_staff"), User.objects.get(username="sp_staff")
    _extension(Measure.objects.visible_to(sp).exclude(pk__in=Measure.objects.visible_to(gx).values("pk"))[0], sp)
    _extension(Measure.objects.visible_to(gx).exclude(pk__in=Measure.objects.visible_to(sp).values("pk"))[0], gx)


def _extension(measure, person):
    from tasks.choices import ExtensionStatus
    from tasks.models import ExtensionRequest

    ExtensionRequest.objects.create(
        measure=measure,
        previous_deadline=measure.deadline,
        requested_deadline=measure.deadline + datetime.timedelta(days=60),
        reason="资金未到位",
        status=ExtensionStatus.PENDING,
        requested_by=person,
    )


def major_risks_of_both():
    from tests.responsibilities.factories_boards import MajorRiskFactory, gx_enterprise

    MajorRiskFactory(enterprise=gx_enterprise())
    MajorRiskFactory(enterprise=_sp_enterprise())


def inspection_plans_of_two_departments():
    from tests.inspections.factories_plans import InspectionPlanFactory, department

    InspectionPlanFactory(department=department("应急局"))
    InspectionPlanFactory(department=department("交通局"))


def notification_of_shaping():
    from notifications.models import Notification

    Notification.objects.create(recipient=User.objects.get(username="sp_staff"), title="测试消息")


# basename -> what to add to the demo before the API scoping test of that endpoint
EXTRA_ROWS = {
    "warning": warning_for_shaping,
    "public-report": public_report_of_shaping,
    "self-inspection": self_inspections_of_both,
    "extension-request": extensions_of_both,
    "major-risk": major_risks_of_both,
    "inspection-plan": inspection_plans_of_two_departments,
    "notification": notification_of_shaping,
}


def office_rows():
    """What the county office's own forms act on that the demo lacks: the demo client's token, webhook endpoint
    and a delivery of it, a robot endpoint, the county leader's own duty report."""
    import uuid

    from core.api_tokens import api_token_issue
    from integrations.models import WebhookDelivery
    from integrations.services import webhook_endpoint_create
    from notifications.models import RobotEndpoint
    from responsibilities.duty_report_services import duty_report_save
    from responsibilities.models import Leader

    admin, client = User.objects.get(username="county_admin"), User.objects.get(username="api_client")
    api_token_issue(actor=admin, user=client, name="安全测试")
    endpoint, _secret = webhook_endpoint_create(
        actor=admin, owner=client, name="接收端", url="https://example.org/hooks", events=["hazard.created"]
    )
    WebhookDelivery.objects.create(
        endpoint=endpoint, event_type="hazard.created", event_id=uuid.uuid4(), object_id=1, payload={}
    )
    RobotEndpoint.objects.create(name="安委办群", kind="wecom", url="https://example.org/send?key=x")
    leader = User.objects.get(username="county_leader")
    duty_report_save(actor=leader, leader=Leader.objects.get(user=leader), year=2024, half=1, text="履职情况")
