"""The county office's pages on webhook endpoints: register, edit, replace the secret, read the delivery log and
send an event again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from integrations import selectors, services
from integrations.choices import DELIVERY_STATUS_CSS
from integrations.forms import WebhookEndpointCreateForm, WebhookEndpointForm
from integrations.views import CountyOfficeRequiredMixin, client_or_404, shown_once

PAGE_SIZE = 50


def _endpoint(request, pk):
    return get_object_or_404(selectors.endpoint_queryset(user=request.user), pk=pk)


class EndpointCreateView(CountyOfficeRequiredMixin, View):
    template_name = "integrations/endpoint_form.html"

    def get(self, request, pk):
        return render(
            request, self.template_name, {"client": client_or_404(request, pk), "form": WebhookEndpointCreateForm()}
        )

    def post(self, request, pk):
        client = client_or_404(request, pk)
        form = WebhookEndpointCreateForm(request.POST)
        if form.is_valid():
            call = lambda: services.webhook_endpoint_create(  # noqa: E731
                actor=request.user, owner=client, **form.cleaned_data
            )
            created = run_service(form, call)
            if created is not None:
                endpoint, secret = created
                if form.cleaned_data["secret"].strip():  # typed in: the office knows it already
                    messages.success(request, _("Webhook“%(name)s”已登记。") % {"name": endpoint.name})
                    return redirect("integrations:endpoint-detail", endpoint.pk)
                return shown_once(request, {"client": client, "endpoint": endpoint, "key": secret, "what": "secret"})
        return render(request, self.template_name, {"client": client, "form": form}, status=400)


class EndpointEditView(CountyOfficeRequiredMixin, View):
    template_name = "integrations/endpoint_form.html"

    def get(self, request, pk):
        endpoint = _endpoint(request, pk)
        initial = {name: getattr(endpoint, name) for name in services.ENDPOINT_FIELDS}
        context = {"client": endpoint.owner, "endpoint": endpoint, "form": WebhookEndpointForm(initial=initial)}
        return render(request, self.template_name, context)

    def post(self, request, pk):
        endpoint = _endpoint(request, pk)
        form = WebhookEndpointForm(request.POST)
        if form.is_valid():
            call = lambda: services.webhook_endpoint_update(  # noqa: E731
                actor=request.user, endpoint=endpoint, **form.cleaned_data
            )
            if run_service(form, call) is not None:
                messages.success(request, _("Webhook“%(name)s”已保存。") % {"name": form.cleaned_data["name"]})
                return redirect("integrations:endpoint-detail", endpoint.pk)
        context = {"client": endpoint.owner, "endpoint": endpoint, "form": form}
        return render(request, self.template_name, context, status=400)


class EndpointSecretView(CountyOfficeRequiredMixin, View):
    """A new signing secret, made by the portal and shown once; the old one stops signing at once."""

    def post(self, request, pk):
        endpoint = _endpoint(request, pk)
        secret = services.webhook_endpoint_new_secret(actor=request.user, endpoint=endpoint)
        return shown_once(request, {"client": endpoint.owner, "endpoint": endpoint, "key": secret, "what": "secret"})


class EndpointDetailView(CountyOfficeRequiredMixin, TemplateView):
    """The endpoint's settings and its delivery log (the rows are the queue too: pending ones are waiting)."""

    template_name = "integrations/endpoint_detail.html"

    def get_context_data(self, **kwargs):
        endpoint = _endpoint(self.request, kwargs["pk"])
        filterset = selectors.delivery_list(user=self.request.user, filters=self.request.GET, endpoint=endpoint)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        page = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("page"))
        for row in page:
            row.status_css = DELIVERY_STATUS_CSS.get(row.status, "secondary")
        return {"endpoint": endpoint, "client": endpoint.owner, "filterset": filterset, "page": page}


class DeliveryResendView(CountyOfficeRequiredMixin, View):
    def post(self, request, pk):
        delivery = get_object_or_404(selectors.delivery_queryset(user=request.user), pk=pk)
        try:
            services.webhook_delivery_resend(actor=request.user, delivery=delivery)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("已重新排队发送，事件编号不变。"))
        return redirect("integrations:endpoint-detail", delivery.endpoint_id)
