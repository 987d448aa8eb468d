def unread_notifications(request):
    """The bell's count in the top bar: one COUNT, evaluated only when the page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from notifications.models import Notification

    return {"unread_notifications": lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count()}
