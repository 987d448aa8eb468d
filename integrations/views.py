"""The county office's pages on external systems: API clients, their roles and their tokens.

A token's key is shown once, on the page that answers the POST that issued it (not stored, not redirected to,
not cached by the browser); afterwards only its first characters are shown."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core import api_tokens
from core.choices import Role
from core.forms import run_service
from core.scoping import scope_for
from integrations import selectors
from integrations.forms import ApiClientForm, ApiClientRolesForm, TokenIssueForm, TokenRevokeForm
from integrations.sending import USER_AGENT


class CountyOfficeRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scope_for(request.user).changes_all:
            raise PermissionDenied(_("只有安委办管理员可以管理外部系统接入。"))
        return super().dispatch(request, *args, **kwargs)


def shown_once(request, context):
    """The page that shows a token or a secret, once: never cached, so Back does not show it again."""
    response = render(request, "integrations/shown_once.html", context)
    add_never_cache_headers(response)
    return response


class ClientListView(CountyOfficeRequiredMixin, TemplateView):
    template_name = "integrations/client_list.html"

    def get_context_data(self, **kwargs):
        return {"clients": selectors.api_client_list(user=self.request.user), "user_agent": USER_AGENT}


class ClientCreateView(CountyOfficeRequiredMixin, View):
    template_name = "integrations/client_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ApiClientForm()})

    def post(self, request):
        form = ApiClientForm(request.POST)
        if form.is_valid():
            client = run_service(form, lambda: api_tokens.api_client_create(actor=request.user, **form.cleaned_data))
            if client is not None:
                messages.success(request, _("外部系统“%(name)s”已创建，请签发令牌。") % {"name": client})
                return redirect("integrations:client-detail", client.pk)
        return render(request, self.template_name, {"form": form}, status=400)


def client_or_404(request, pk):
    return get_object_or_404(selectors.api_client_list(user=request.user), pk=pk)


class ClientDetailView(CountyOfficeRequiredMixin, TemplateView):
    template_name = "integrations/client_detail.html"

    def get_context_data(self, **kwargs):
        client = client_or_404(self.request, kwargs["pk"])
        return {
            "client": client,
            "unit": api_tokens.client_unit(client),
            "tokens": selectors.client_tokens(client=client),
            "endpoints": selectors.endpoint_queryset(user=self.request.user).filter(owner=client),
        }


class ClientRolesView(CountyOfficeRequiredMixin, View):
    template_name = "integrations/client_roles.html"

    def _context(self, request, pk, data=None):
        client = client_or_404(request, pk)
        unit = api_tokens.client_unit(client)
        current = [m.role for m in client.memberships.all() if m.unit_id == unit.pk and m.role != Role.API_CLIENT]
        form = ApiClientRolesForm(data, unit=unit, initial={"roles": current})
        return {"client": client, "unit": unit, "form": form}

    def get(self, request, pk):
        return render(request, self.template_name, self._context(request, pk))

    def post(self, request, pk):
        context = self._context(request, pk, request.POST)
        form, client = context["form"], context["client"]
        if form.is_valid():
            call = lambda: api_tokens.api_client_set_roles(  # noqa: E731
                actor=request.user, client=client, roles=form.cleaned_data["roles"]
            )
            if run_service(form, call) is not None:
                messages.success(request, _("“%(name)s”的兼任角色已保存。") % {"name": client})
                return redirect("integrations:client-detail", client.pk)
        return render(request, self.template_name, context, status=400)


class TokenIssueView(CountyOfficeRequiredMixin, View):
    template_name = "integrations/token_form.html"

    def get(self, request, pk):
        return render(request, self.template_name, {"client": client_or_404(request, pk), "form": TokenIssueForm()})

    def post(self, request, pk):
        client = client_or_404(request, pk)
        form = TokenIssueForm(request.POST)
        if form.is_valid():
            read_only = form.cleaned_data["access"] != "write"
            call = lambda: api_tokens.api_token_issue(  # noqa: E731
                actor=request.user, user=client, name=form.cleaned_data["name"], read_only=read_only
            )
            issued = run_service(form, call)
            if issued is not None:
                token, key = issued
                return shown_once(request, {"client": client, "token": token, "key": key, "what": "token"})
        return render(request, self.template_name, {"client": client, "form": form}, status=400)


class TokenRevokeView(CountyOfficeRequiredMixin, View):
    template_name = "integrations/token_revoke.html"

    def _token(self, request, pk):
        return get_object_or_404(selectors.token_queryset(user=request.user).filter(revoked_at__isnull=True), pk=pk)

    def get(self, request, pk):
        return render(request, self.template_name, {"token": self._token(request, pk), "form": TokenRevokeForm()})

    def post(self, request, pk):
        token = self._token(request, pk)
        form = TokenRevokeForm(request.POST)
        if form.is_valid():
            call = lambda: api_tokens.api_token_revoke(  # noqa: E731
                actor=request.user, token=token, reason=form.cleaned_data["reason"]
            )
            if run_service(form, call) is not None:
                messages.success(request, _("令牌“%(name)s”已吊销，立即失效。") % {"name": token})
                return redirect("integrations:client-detail", token.user_id)
        return render(request, self.template_name, {"token": token, "form": form}, status=400)
