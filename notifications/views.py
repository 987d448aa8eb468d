from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from notifications.choices import DELIVERY_STATUS_CSS
from notifications.models import Notification
from notifications.selectors import record_reminders


class NotificationListView(LoginRequiredMixin, TemplateView):
    """The bell's page: the person's in-app messages, newest first; opening one marks it read."""

    template_name = "notifications/notification_list.html"

    def get_context_data(self, **kwargs):
        rows = Notification.objects.filter(recipient=self.request.user).order_by("-created_at", "-pk")
        return {"page": Paginator(rows, 30).get_page(self.request.GET.get("page"))}


class NotificationOpenView(LoginRequiredMixin, View):
    def get(self, request, pk):
        notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
        Notification.objects.filter(pk=pk, read_at__isnull=True).update(read_at=timezone.now())
        return redirect(notification.url or "notifications:list")


class NotificationsReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
        return redirect("notifications:list")


class RecordRemindersView(LoginRequiredMixin, TemplateView):
    """提醒记录 of one record, loaded into its page by htmx: when, to whom, by which channel, with what result."""

    template_name = "notifications/_record_reminders.html"

    def get_context_data(self, **kwargs):
        rows = record_reminders(user=self.request.user, source_key=kwargs["source"], object_id=kwargs["object_id"])
        if rows is None:
            raise Http404
        rows = list(rows)
        for row in rows:
            row.status_css = DELIVERY_STATUS_CSS[row.status]
        return {"rows": rows}
