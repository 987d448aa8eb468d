from rest_framework import viewsets

from integrations import selectors
from integrations.api.serializers import WebhookDeliverySerializer
from integrations.filtersets import DeliveryFilterSet


class WebhookDeliveryViewSet(viewsets.ReadOnlyModelViewSet):
    """Webhook投递记录: an API client reads the deliveries to its own endpoints (was an event sent, when, what did
    our receiver answer); the county office reads all. `payload` is the exact body sent (integrations.events)."""

    serializer_class = WebhookDeliverySerializer
    filterset_class = DeliveryFilterSet

    def get_queryset(self):
        return selectors.delivery_queryset(user=self.request.user).order_by("-created_at", "-pk")
