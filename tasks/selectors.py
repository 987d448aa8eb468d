"""Reads of the plan, shared by the pages and the API."""

from django.db.models import Prefetch

from core.models import OrgUnit
from tasks.models import KeyAction, Plan, QuantitativeTarget, System, WorkItem

_UNITS = Prefetch("co_units", queryset=OrgUnit.objects.order_by("sort_order", "code"))


def plan_queryset(*, user):
    return Plan.objects.visible_to(user)


def system_queryset(*, user):
    return System.objects.visible_to(user).select_related("plan")


def work_item_queryset(*, user):
    return WorkItem.objects.visible_to(user).select_related("plan", "system", "lead_unit").prefetch_related(_UNITS)


def key_action_queryset(*, user):
    return KeyAction.objects.visible_to(user).select_related("plan", "lead_unit").prefetch_related(_UNITS)


def target_queryset(*, user):
    return QuantitativeTarget.objects.visible_to(user).select_related("plan", "work_item")


def current_plan(*, user, year=None):
    plans = plan_queryset(user=user)
    return (plans.filter(year=year) if year else plans).order_by("-year").first()


def plan_tree(*, user, plan):
    """The plan as the home page shows it: systems with their work items, and the key actions."""
    items = list(work_item_queryset(user=user).filter(plan=plan))
    systems = list(system_queryset(user=user).filter(plan=plan))
    for system in systems:
        system.items = [item for item in items if item.system_id == system.pk]
    return {
        "plan": plan,
        "systems": systems,
        "key_actions": list(key_action_queryset(user=user).filter(plan=plan)),
        "targets": list(target_queryset(user=user).filter(plan=plan)),
    }
