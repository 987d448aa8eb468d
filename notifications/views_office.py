"""The county office's pages: reminder rules, group robots and what the ledger sent."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from core.scoping import scope_for
from notifications import selectors, services
from notifications.choices import DELIVERY_STATUS_CSS, ENDPOINT_STATUS_CSS, Channel, RecipientGroup
from notifications.forms import ReminderRuleForm, RobotEndpointForm
from notifications.registry import source_label

PAGE_SIZE = 50


class CountyOfficeRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scope_for(request.user).changes_all:
            raise PermissionDenied(_("只有安委办可以管理提醒规则和查看发送情况。"))
        return super().dispatch(request, *args, **kwargs)


def _labels(values, choices):
    return [str(choices(value).label) if value in choices.values else value for value in values]


class RuleListView(CountyOfficeRequiredMixin, TemplateView):
    template_name = "notifications/rule_list.html"

    def get_context_data(self, **kwargs):
        rules = list(selectors.rule_list(user=self.request.user))
        for rule in rules:
            rule.source_label = source_label(rule.source)
            rule.recipient_labels = _labels(rule.recipients, RecipientGroup)
            rule.channel_labels = _labels(rule.channels, Channel)
        return {"rules": rules}


class RuleFormView(CountyOfficeRequiredMixin, View):
    """Create (no pk) or edit a rule; a refused form comes back with what was typed and each field's reason."""

    template_name = "notifications/rule_form.html"

    def get(self, request, pk=None):
        rule = self._rule(pk)
        return render(request, self.template_name, {"form": ReminderRuleForm(instance=rule), "rule": rule})

    def post(self, request, pk=None):
        rule = self._rule(pk)
        form = ReminderRuleForm(request.POST, instance=rule)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in services.RULE_FIELDS}
            if rule is None:
                call = partial(services.reminder_rule_create, actor=request.user, **values)
            else:
                call = partial(services.reminder_rule_update, actor=request.user, rule=rule, **values)
            saved = run_service(form, call)
            if saved is not None:
                messages.success(request, _("提醒规则“%(name)s”已保存。") % {"name": saved.name})
                return redirect("notifications:rules")
        return render(request, self.template_name, {"form": form, "rule": rule}, status=400)

    def _rule(self, pk):
        return None if pk is None else get_object_or_404(selectors.rule_list(user=self.request.user), pk=pk)


class RuleActiveView(CountyOfficeRequiredMixin, View):
    def post(self, request, pk):
        rule = get_object_or_404(selectors.rule_list(user=request.user), pk=pk)
        is_active = request.POST.get("is_active") == "1"
        services.reminder_rule_set_active(actor=request.user, rule=rule, is_active=is_active)
        text = _("提醒规则“%(name)s”已启用。") if is_active else _("提醒规则“%(name)s”已停用。")
        messages.success(request, text % {"name": rule.name})
        return redirect("notifications:rules")


class DeliveryListView(CountyOfficeRequiredMixin, TemplateView):
    """The ledger with filters, and each group robot's last status: "I was never told" is checked here."""

    template_name = "notifications/delivery_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = selectors.reminder_list(user=user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        page = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("page"))
        for row in page:
            row.source_label = source_label(row.source)
            row.status_css = DELIVERY_STATUS_CSS.get(row.status, "secondary")
        endpoints = list(selectors.robot_endpoint_list(user=user))
        for endpoint in endpoints:
            endpoint.status_css = ENDPOINT_STATUS_CSS.get(endpoint.last_status, "secondary")
        return {"filterset": filterset, "page": page, "endpoints": endpoints}


class RobotFormView(CountyOfficeRequiredMixin, View):
    template_name = "notifications/robot_form.html"

    def get(self, request, pk=None):
        endpoint = self._endpoint(pk)
        context = {"form": RobotEndpointForm(instance=endpoint), "endpoint": endpoint}
        return render(request, self.template_name, context)

    def post(self, request, pk=None):
        endpoint = self._endpoint(pk)
        form = RobotEndpointForm(request.POST, instance=endpoint)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in services.ENDPOINT_FIELDS}
            if endpoint is None:
                call = partial(services.robot_endpoint_create, actor=request.user, **values)
            else:
                call = partial(services.robot_endpoint_update, actor=request.user, endpoint=endpoint, **values)
            saved = run_service(form, call)
            if saved is not None:
                messages.success(request, _("群机器人“%(name)s”已保存。") % {"name": saved.name})
                return redirect("notifications:deliveries")
        return render(request, self.template_name, {"form": form, "endpoint": endpoint}, status=400)

    def _endpoint(self, pk):
        return None if pk is None else get_object_or_404(selectors.robot_endpoint_list(user=self.request.user), pk=pk)
