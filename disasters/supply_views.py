"""Pages of 物资装备: depots, their items (low stock flagged), the items' forms and the stock movement form."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from disasters import supply_selectors as selectors
from disasters import supply_services as services
from disasters.models.supplies import UNITS_OF_MEASURE
from disasters.supply_forms import DepotForm, StockMoveForm, SupplyItemForm


def _call(form, call):
    try:
        return run_service(form, call)
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
        return None


def _keeper_or_403(user, depot):
    if not services.may_manage_depot(user, depot.owner_unit):
        raise PermissionDenied(_("只有储备库的管理单位或县应急管理员可以管理该储备库的物资。"))


class DepotListView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/depot_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = selectors.depot_list(user=user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        owners = list(selectors.depot_owner_choices(user=user))
        return {
            "depots": rows,
            "can_create": any(services.may_manage_depot(user, unit) for unit in owners),
        }


class DepotDetailView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/depot_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        depot = get_object_or_404(selectors.depot_queryset(user=user), pk=kwargs["pk"])
        filterset = selectors.supply_item_list(user=user, filters=self.request.GET)
        items = filterset.qs.filter(depot=depot) if filterset.is_valid() else filterset.queryset.none()
        return {
            "depot": depot,
            "filterset": filterset,
            "items": items,
            "can_manage": services.may_manage_depot(user, depot.owner_unit),
        }


class _FormView(LoginRequiredMixin, View):
    template_name = None

    def render(self, request, context, status=200):
        return render(request, self.template_name, context | {"units_of_measure": UNITS_OF_MEASURE}, status=status)


class DepotCreateView(_FormView):
    template_name = "disasters/depot_form.html"

    def get(self, request):
        return self.render(request, {"form": DepotForm(user=request.user)})

    def post(self, request):
        form = DepotForm(request.POST, user=request.user)
        if form.is_valid():
            depot = _call(form, lambda: services.depot_create(actor=request.user, **form.cleaned_data))
            if depot:
                messages.success(request, _("已登记储备库%(name)s。") % {"name": depot.name})
                return redirect("disasters:depot-detail", pk=depot.pk)
        return self.render(request, {"form": form}, status=400)


class DepotEditView(_FormView):
    template_name = "disasters/depot_form.html"

    def _depot(self, request, pk):
        depot = get_object_or_404(selectors.depot_queryset(user=request.user), pk=pk)
        _keeper_or_403(request.user, depot)
        return depot

    def get(self, request, pk):
        depot = self._depot(request, pk)
        return self.render(request, {"form": DepotForm(instance=depot, user=request.user), "depot": depot})

    def post(self, request, pk):
        depot = self._depot(request, pk)
        form = DepotForm(request.POST, instance=depot, user=request.user)
        if form.is_valid():
            if _call(form, lambda: services.depot_update(actor=request.user, depot=depot, **form.cleaned_data)):
                return redirect("disasters:depot-detail", pk=pk)
        return self.render(request, {"form": form, "depot": depot}, status=400)


class SupplyItemCreateView(_FormView):
    template_name = "disasters/supply_item_form.html"

    def _depot(self, request, depot_pk):
        depot = get_object_or_404(selectors.depot_queryset(user=request.user), pk=depot_pk)
        _keeper_or_403(request.user, depot)
        return depot

    def get(self, request, depot_pk):
        depot = self._depot(request, depot_pk)
        return self.render(request, {"form": SupplyItemForm(), "depot": depot})

    def post(self, request, depot_pk):
        depot = self._depot(request, depot_pk)
        form = SupplyItemForm(request.POST)
        if form.is_valid():
            values = dict(form.cleaned_data)
            values["initial_quantity"] = values.get("initial_quantity") or 0
            item = _call(form, lambda: services.supply_item_create(actor=request.user, depot=depot, **values))
            if item:
                messages.success(request, _("已登记%(item)s。") % {"item": item})
                return redirect("disasters:depot-detail", pk=depot.pk)
        return self.render(request, {"form": form, "depot": depot}, status=400)


class SupplyItemEditView(_FormView):
    template_name = "disasters/supply_item_form.html"

    def _item(self, request, pk):
        item = get_object_or_404(selectors.supply_item_queryset(user=request.user), pk=pk)
        _keeper_or_403(request.user, item.depot)
        return item

    def get(self, request, pk):
        item = self._item(request, pk)
        return self.render(request, {"form": SupplyItemForm(instance=item), "depot": item.depot, "item": item})

    def post(self, request, pk):
        item = self._item(request, pk)
        form = SupplyItemForm(request.POST, instance=item)
        if form.is_valid():
            if _call(form, lambda: services.supply_item_update(actor=request.user, item=item, **form.cleaned_data)):
                return redirect("disasters:supply-item-detail", pk=pk)
        return self.render(request, {"form": form, "depot": item.depot, "item": item}, status=400)


class SupplyItemDetailView(LoginRequiredMixin, View):
    """An item, its movements, and (for its keepers) the stock movement form; POST records a movement."""

    template_name = "disasters/supply_item_detail.html"

    def _context(self, request, pk, form=None):
        item = get_object_or_404(selectors.supply_item_queryset(user=request.user), pk=pk)
        can_manage = services.may_manage_depot(request.user, item.depot.owner_unit)
        return {
            "item": item,
            "movements": selectors.item_movements(item=item),
            "can_manage": can_manage,
            "form": form or (StockMoveForm() if can_manage else None),
        }

    def get(self, request, pk):
        return render(request, self.template_name, self._context(request, pk))

    def post(self, request, pk):
        context = self._context(request, pk, StockMoveForm(request.POST))
        if not context["can_manage"]:
            raise PermissionDenied(_("只有储备库的管理单位或县应急管理员可以管理该储备库的物资。"))
        form = context["form"]
        if form.is_valid():
            item, values = context["item"], form.cleaned_data
            moved = _call(form, lambda: services.supply_move(actor=request.user, item=item, **values))
            if moved:
                messages.success(
                    request,
                    _("已记录%(kind)s，现有%(item)s %(n)s%(unit)s。")
                    % {
                        "kind": dict(form.fields["kind"].choices)[form.cleaned_data["kind"]],
                        "item": moved,
                        "n": moved.quantity_text,
                        "unit": moved.unit_of_measure,
                    },
                )
                return redirect("disasters:supply-item-detail", pk=pk)
        return render(request, self.template_name, context, status=400)


class SupplyItemListView(LoginRequiredMixin, TemplateView):
    """Every item the person may see, with the filters the API has (depot, category, low stock)."""

    template_name = "disasters/supply_item_list.html"
    low_stock_only = False

    def get_context_data(self, **kwargs):
        user = self.request.user
        data = self.request.GET.copy()
        if self.low_stock_only:
            data["low_stock"] = "true"
        filterset = selectors.supply_item_list(user=user, filters=data)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return {
            "filterset": filterset,
            "page": Paginator(rows.order_by("depot__name", "category", "name", "pk"), 100).get_page(data.get("page")),
            "depots": selectors.depot_choices(user=user),
            "low_stock_only": self.low_stock_only,
        }
