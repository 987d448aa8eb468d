from django.contrib import admin

from notifications.models import (
    DeliveryPreference,
    Digest,
    Notification,
    Reminder,
    ReminderRule,
    RobotEndpoint,
    SweepDay,
)
from tasks.admin import ReadOnlyAdmin


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "source", "offsets", "recipients", "channels", "is_active"]
    list_filter = ["source", "is_active"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    """提醒记录: what was sent to whom and when, so "I was never told" can be checked."""

    list_display = [
        "title",
        "recipient",
        "endpoint",
        "channel",
        "offset",
        "deadline",
        "status",
        "sent_at",
        "digest",
        "last_error",
    ]
    list_filter = ["status", "channel", "source"]
    list_select_related = ["recipient", "digest", "endpoint"]
    search_fields = ["title", "recipient__username", "recipient__full_name"]
    date_hierarchy = "created_at"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["title", "recipient", "created_at", "read_at"]
    search_fields = ["title", "recipient__username"]


@admin.register(Digest)
class DigestAdmin(ReadOnlyAdmin):
    """汇总消息: each daily or weekly digest, its delivery status, and (on the reminders) what it listed."""

    list_display = ["title", "kind", "recipient", "channel", "period", "status", "sent_at", "last_error"]
    list_filter = ["kind", "status", "channel"]
    list_select_related = ["recipient"]
    search_fields = ["title", "recipient__username", "recipient__full_name"]
    date_hierarchy = "period"


@admin.register(DeliveryPreference)
class DeliveryPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "channel", "mode", "updated_at"]
    list_filter = ["channel", "mode"]
    search_fields = ["user__username", "user__full_name"]


@admin.register(RobotEndpoint)
class RobotEndpointAdmin(admin.ModelAdmin):
    """群机器人: the county office also manages them at /notifications/deliveries/."""

    list_display = ["name", "kind", "unit", "is_active", "last_status", "last_attempt_at", "last_success_at"]
    list_filter = ["kind", "is_active", "last_status"]
    search_fields = ["name"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["last_status", "last_error", "last_attempt_at", "last_success_at"]


@admin.register(SweepDay)
class SweepDayAdmin(ReadOnlyAdmin):
    """提醒扫描日: the days the reminder sweep ran for (a day missing here was caught up, or is before the first)."""

    list_display = ["day", "swept_at"]
    date_hierarchy = "day"
