"""The re-check (复查) deadline of inspections still being rectified, for the reminder engine."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from notifications.registry import DeadlineSource, register


def awaiting_recheck():
    from inspections.choices import InspectionStatus
    from inspections.models import Inspection

    return Inspection.objects.filter(status=InspectionStatus.RECTIFYING, recheck_due__isnull=False).select_related(
        "enterprise"
    )


def visible_inspections(user):
    from inspections.models import Inspection

    return Inspection.objects.visible_to(user)


def register_deadlines():
    register(
        DeadlineSource(
            key="inspection_recheck",
            label=gettext_lazy("检查整改复查"),
            open_objects=awaiting_recheck,
            deadline_field="recheck_due",
            units={"owner": "department", "lead": "township"},
            describe=str,
            url=lambda i: reverse("inspections:inspection-detail", args=[i.pk]),
            visible_to=visible_inspections,
        )
    )
