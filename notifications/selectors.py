"""Reads for the county office's pages: the ledger, the rules, the group robots."""

from core.scoping import scope_for
from notifications.filtersets import ReminderFilterSet
from notifications.models import Reminder, ReminderRule, RobotEndpoint


def _county_office_only(user, queryset):
    return queryset if scope_for(user).changes_all else queryset.none()


def reminder_queryset(*, user):
    rows = Reminder.objects.select_related("recipient", "endpoint").order_by("-created_at", "-id")
    return _county_office_only(user, rows)


def reminder_list(*, user, filters=None):
    """The FilterSet over the ledger: `.qs` is the rows, `.errors` the bad filter values."""
    return ReminderFilterSet(filters, queryset=reminder_queryset(user=user))


def rule_list(*, user):
    return _county_office_only(user, ReminderRule.objects.order_by("-is_active", "source", "pk"))


def robot_endpoint_list(*, user):
    endpoints = RobotEndpoint.objects.select_related("unit").order_by("-is_active", "kind", "name")
    return _county_office_only(user, endpoints)
