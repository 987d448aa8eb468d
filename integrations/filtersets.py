import django_filters
from django.utils.translation import gettext_lazy as _

from integrations.choices import DeliveryStatus, WebhookEvent
from integrations.models import WebhookDelivery


class DeliveryFilterSet(django_filters.FilterSet):
    """The delivery log's filters, for the endpoint's page and the API alike."""

    status = django_filters.ChoiceFilter(label=_("状态"), choices=DeliveryStatus.choices, empty_label=_("全部状态"))
    event_type = django_filters.ChoiceFilter(label=_("事件"), choices=WebhookEvent.choices, empty_label=_("全部事件"))
    endpoint = django_filters.NumberFilter(label=_("接收地址ID"), field_name="endpoint_id")
    event_id = django_filters.UUIDFilter(label=_("事件编号"))

    class Meta:
        model = WebhookDelivery
        fields = ["status", "event_type", "endpoint", "event_id"]
