"""Pages of 应急避难场所: the list, a shelter, its form, and the 自然村全覆盖 coverage table."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.choices import OrgUnitKind
from core.forms import run_service
from core.models import OrgUnit
from disasters import shelter_selectors as selectors
from disasters import shelter_services as services
from disasters.shelter_forms import ShelterForm


class ShelterListView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/shelter_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = selectors.shelter_list(user=user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        choices = selectors.shelter_filter_choices(user=user)
        township = next((t for t in choices["townships"] if str(t.pk) == self.request.GET.get("township")), None)
        return {
            "filterset": filterset,
            "page": Paginator(rows.order_by("township__sort_order", "code"), 50).get_page(self.request.GET.get("page")),
            "query": self.request.GET.urlencode(),
            "townships": choices["townships"],
            "villages": selectors.township_villages(township) if township else [],
            "can_create": bool(services.may_change_shelters_of(user, None))
            or any(services.may_change_shelters_of(user, t) for t in choices["townships"]),
        }


class ShelterDetailView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/shelter_detail.html"

    def get_context_data(self, **kwargs):
        shelter = get_object_or_404(selectors.shelter_detail_queryset(user=self.request.user), pk=kwargs["pk"])
        return {
            "shelter": shelter,
            "can_edit": services.may_change_shelters_of(self.request.user, shelter.township),
        }


def _values(form):
    return {k: v for k, v in form.cleaned_data.items() if k != "covered_villages"}


def _call(form, call):
    try:
        return run_service(form, call)
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
        return None


class ShelterCreateView(LoginRequiredMixin, View):
    template_name = "disasters/shelter_form.html"

    def get(self, request):
        form = ShelterForm(user=request.user, initial={"township": request.GET.get("township")})
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = ShelterForm(request.POST, user=request.user)
        if form.is_valid():
            shelter = _call(
                form,
                lambda: services.shelter_create(
                    actor=request.user, covered_villages=form.cleaned_data["covered_villages"], **_values(form)
                ),
            )
            if shelter:
                messages.success(request, _("已登记应急避难场所%(name)s。") % {"name": shelter.name})
                return redirect("disasters:shelter-detail", pk=shelter.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class ShelterEditView(LoginRequiredMixin, View):
    template_name = "disasters/shelter_form.html"

    def _shelter(self, request, pk):
        shelter = get_object_or_404(selectors.shelter_queryset(user=request.user), pk=pk)
        if not services.may_change_shelters_of(request.user, shelter.township):
            raise PermissionDenied(_("您无权修改该应急避难场所。"))
        return shelter

    def get(self, request, pk):
        shelter = self._shelter(request, pk)
        form = ShelterForm(instance=shelter, user=request.user)
        return render(request, self.template_name, {"form": form, "shelter": shelter})

    def post(self, request, pk):
        shelter = self._shelter(request, pk)
        form = ShelterForm(request.POST, instance=shelter, user=request.user)
        if form.is_valid():
            updated = _call(
                form,
                lambda: services.shelter_update(
                    actor=request.user,
                    shelter=shelter,
                    covered_villages=form.cleaned_data["covered_villages"],
                    **_values(form),
                ),
            )
            if updated:
                messages.success(request, _("已保存。"))
                return redirect("disasters:shelter-detail", pk=pk)
        return render(request, self.template_name, {"form": form, "shelter": shelter}, status=400)


class ShelterVillageFieldsView(LoginRequiredMixin, View):
    """htmx: the village fields of the form, for the township just chosen."""

    def get(self, request):
        key = request.GET.get("township", "")
        townships = OrgUnit.objects.visible_to(request.user).filter(kind=OrgUnitKind.TOWNSHIP)
        township = townships.filter(pk=key).first() if key.isdigit() else None
        form = ShelterForm(user=request.user, initial={"township": township})
        return render(request, "disasters/_shelter_village_fields.html", {"form": form})


class ShelterCoverageView(LoginRequiredMixin, TemplateView):
    """自然村全覆盖: per township, the villages an active shelter covers; the county line on top."""

    template_name = "disasters/shelter_coverage.html"

    def get_context_data(self, **kwargs):
        return {"coverage": selectors.shelter_coverage(user=self.request.user)}
