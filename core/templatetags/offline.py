import uuid

from django import template
from django.utils.html import format_html

from core.idempotency import FIELD

register = template.Library()


@register.simple_tag(takes_context=True)
def offline_key_field(context):
    """The idempotency key of this form (static/js/offline-queue.js gives each render its own, even one served
    from the phone's cache), and whose form it is, for a queue the service worker stores."""
    user = context["request"].user
    return format_html(
        '<input type="hidden" name="{}" value="{}" data-offline-key>'
        '<input type="hidden" name="offline_user" value="{}">',
        FIELD,
        uuid.uuid4(),
        user.pk or "",
    )
