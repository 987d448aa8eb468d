"""Reads for the county office's pages on API clients, tokens, endpoints and deliveries: for the county office
only (scope.changes_all), except that an API client reads its own deliveries through the API."""

from django.db.models import Count, Prefetch, Q

from core.choices import Role
from core.models import Membership, User
from core.models_tokens import ApiToken
from core.scoping import scope_for
from integrations.filtersets import DeliveryFilterSet
from integrations.models import WebhookDelivery, WebhookEndpoint


def _office(user):
    return scope_for(user).changes_all


def api_client_list(*, user):
    """Accounts holding the api_client role, each with its memberships, live tokens and endpoints counted."""
    if not _office(user):
        return User.objects.none()
    memberships = Membership.objects.select_related("unit").order_by("role")
    return (
        User.objects.filter(memberships__role=Role.API_CLIENT)
        .distinct()
        .annotate(
            active_tokens=Count("api_tokens", filter=Q(api_tokens__revoked_at__isnull=True), distinct=True),
            endpoint_count=Count("webhook_endpoints", distinct=True),
        )
        .prefetch_related(Prefetch("memberships", queryset=memberships))
        .order_by("username")
    )


def client_tokens(*, client):
    return ApiToken.objects.filter(user=client).select_related("created_by", "revoked_by")


def token_queryset(*, user):
    if not _office(user):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user__memberships__role=Role.API_CLIENT).select_related("user").distinct()


def endpoint_queryset(*, user):
    if not _office(user):
        return WebhookEndpoint.objects.none()
    return WebhookEndpoint.objects.select_related("owner", "created_by")


def delivery_queryset(*, user):
    """The county office sees every delivery; an API client those of its own endpoints (the API)."""
    rows = WebhookDelivery.objects.select_related("endpoint", "resent_by")
    return rows if _office(user) else rows.filter(endpoint__owner_id=user.pk)


def delivery_list(*, user, filters=None, endpoint=None):
    """The FilterSet over the deliveries the person may see (of one endpoint, if given), newest first."""
    rows = delivery_queryset(user=user)
    if endpoint is not None:
        rows = rows.filter(endpoint=endpoint)
    return DeliveryFilterSet(filters, queryset=rows.order_by("-created_at", "-pk"))
