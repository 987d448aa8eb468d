from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from core.forms import run_service
from core.scoping import scope_for
from notifications.choices import DELIVERY_STATUS_CSS
from notifications.forms import DeliveryPreferenceForm
from notifications.models import Notification
from notifications.preferences import preference_set, preferences_of
from notifications.selectors import record_reminders


class NotificationListView(LoginRequiredMixin, TemplateView):
    """The bell's page: the person's in-app messages, newest first; opening one marks it read."""

    template_name = "notifications/notification_list.html"

    def get_context_data(self, **kwargs):
        rows = Notification.objects.filter(recipient=self.request.user).order_by("-created_at", "-pk")
        return {
            "page": Paginator(rows, 30).get_page(self.request.GET.get("page")),
            "is_county_office": scope_for(self.request.user).changes_all,
        }


class NotificationOpenView(LoginRequiredMixin, View):
    def get(self, request, pk):
        notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
        Notification.objects.filter(pk=pk, read_at__isnull=True).update(read_at=timezone.now())
        return redirect(notification.url or "notifications:list")


class NotificationsReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
        return redirect("notifications:list")


class DeliveryPreferenceView(LoginRequiredMixin, FormView):
    """The person's own choice, per channel, between each reminder as it comes and one digest a day."""

    template_name = "notifications/preferences.html"
    form_class = DeliveryPreferenceForm

    def get_initial(self):
        return preferences_of(user=self.request.user)

    def form_valid(self, form):
        run_service(form, lambda: preference_set(user=self.request.user, modes=form.cleaned_data))
        if form.errors:
            return self.form_invalid(form)
        messages.success(self.request, _("提醒方式已保存。"))
        return redirect("notifications:preferences")


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
