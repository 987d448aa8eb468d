import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from notifications.choices import Channel, DeliveryStatus
from notifications.models import Reminder
from notifications.registry import source_choices


class ReminderFilterSet(django_filters.FilterSet):
    """The ledger's filters: what was sent, through which channel, about what, to whom, when."""

    status = django_filters.ChoiceFilter(label=_("状态"), choices=DeliveryStatus.choices, empty_label=_("全部状态"))
    channel = django_filters.ChoiceFilter(label=_("渠道"), choices=Channel.choices, empty_label=_("全部渠道"))
    source = django_filters.ChoiceFilter(label=_("期限类型"), choices=[], empty_label=_("全部类型"))
    recipient = django_filters.CharFilter(label=_("接收人或群"), method="filter_recipient")
    endpoint = django_filters.NumberFilter(label=_("群机器人ID"), field_name="endpoint_id")
    object_id = django_filters.NumberFilter(label=_("记录ID"))
    date_from = django_filters.DateFilter(label=_("生成日期自"), field_name="created_at", lookup_expr="date__gte")
    date_to = django_filters.DateFilter(label=_("生成日期至"), field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = Reminder
        fields = ["status", "channel", "source", "recipient", "endpoint", "object_id", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["source"].extra["choices"] = source_choices()  # apps register theirs at start

    def filter_recipient(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(recipient__username__iexact=value)
            | Q(recipient__full_name__icontains=value)
            | Q(endpoint__name__icontains=value)
        )
