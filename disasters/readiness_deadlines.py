"""Emergency plans' revision dates for the reminder engine (预案每三年至少修订一次)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from notifications.registry import DeadlineSource, register

SOURCE_KEY = "emergency_plan_revision"


def current_plans():
    from disasters.models import EmergencyPlan

    return EmergencyPlan.objects.filter(is_current=True).select_related("owner_unit")


def visible_plans(user):
    from disasters.models import EmergencyPlan

    return EmergencyPlan.objects.visible_to(user)


def register_deadlines():
    register(
        DeadlineSource(
            key=SOURCE_KEY,
            label=gettext_lazy("应急预案修订"),
            open_objects=current_plans,
            deadline_field="next_revision_due",
            units={"owner": "owner_unit"},
            describe=lambda plan: plan.title,
            url=lambda plan: reverse("disasters:emergency-plan-detail", args=[plan.pk]),
            visible_to=visible_plans,
        )
    )
