from django.contrib import admin

from core.models_tokens import ApiToken
from integrations.models import WebhookDelivery, WebhookEndpoint
from tasks.admin import ReadOnlyAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """接口令牌, read-only: issued and revoked on the 外部系统接入 pages (the key is shown there once)."""

    list_display = ["name", "user", "prefix", "read_only", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["read_only"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__username", "user__full_name"]
    exclude = ["key_hash"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ReadOnlyAdmin):
    list_display = ["name", "owner", "url", "events", "is_active"]
    list_select_related = ["owner"]
    exclude = ["secret"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["event_type", "endpoint", "object_id", "status", "attempts", "last_status_code", "created_at"]
    list_filter = ["status", "event_type"]
    list_select_related = ["endpoint"]
    date_hierarchy = "created_at"
