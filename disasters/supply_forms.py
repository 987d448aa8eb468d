from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin
from disasters.models import Depot, SupplyItem
from disasters.models.supplies import MovementKind
from disasters.supply_selectors import depot_owner_choices
from disasters.supply_services import DEPOT_FIELDS, ITEM_FIELDS

DECIMAL = {"inputmode": "decimal", "step": "0.01", "min": "0"}


class DepotForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Depot
        fields = list(DEPOT_FIELDS)
        widgets = {
            "longitude": forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
            "latitude": forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = depot_owner_choices(user=user)

    def _post_clean(self):
        pass  # the service validates the depot and names the fields


class SupplyItemForm(StyledFormMixin, forms.ModelForm):
    initial_quantity = forms.DecimalField(
        label=_("初始库存"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs=DECIMAL),
        help_text=_("登记时已在库的数量，记为一笔入库；以后的变动请用“出入库”"),
    )

    class Meta:
        model = SupplyItem
        fields = list(ITEM_FIELDS)
        widgets = {"low_stock_line": forms.NumberInput(attrs=DECIMAL)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_of_measure"].widget.attrs["list"] = "units-of-measure"
        if self.instance.pk:
            del self.fields["initial_quantity"]

    def _post_clean(self):
        pass  # the service validates the item (its uniqueness in the depot too) and names the fields


class StockMoveForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=MovementKind.choices)
    quantity = forms.DecimalField(
        label=_("数量"),
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs=DECIMAL),
        help_text=_("入库、出库填变动的数量；盘点调整填清点后的实有数量"),
    )
    reason = forms.CharField(label=_("事由"), max_length=200, required=False)
