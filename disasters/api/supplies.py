"""/api/v1/depots/ and /api/v1/supplies/ (物资装备 with depot, quantity and the low-stock flag), and
`supplies/{id}/move/`, the one way a quantity changes."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.serializers import OrgUnitBriefSerializer
from core.models import OrgUnit
from disasters import supply_selectors as selectors
from disasters import supply_services as services
from disasters.models import Depot, StockMovement, SupplyItem
from disasters.models.supplies import MovementKind


class DepotSerializer(serializers.ModelSerializer):
    owner_unit = OrgUnitBriefSerializer(read_only=True)
    item_count = serializers.IntegerField(read_only=True)
    low_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Depot
        fields = [
            "id",
            "name",
            "owner_unit",
            "address",
            "longitude",
            "latitude",
            "manager_name",
            "manager_phone",
            "item_count",
            "low_count",
            "updated_at",
        ]
        read_only_fields = fields


class DepotWriteSerializer(serializers.ModelSerializer):
    owner_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())

    class Meta:
        model = Depot
        fields = list(services.DEPOT_FIELDS)

    def get_validators(self):
        return []


class DepotBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Depot
        fields = ["id", "name", "owner_unit"]


class SupplyItemSerializer(serializers.ModelSerializer):
    depot = DepotBriefSerializer(read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    low_stock = serializers.BooleanField(source="is_low_stock", read_only=True)

    class Meta:
        model = SupplyItem
        fields = [
            "id",
            "depot",
            "category",
            "category_display",
            "name",
            "specification",
            "unit_of_measure",
            "quantity",
            "low_stock_line",
            "low_stock",
            "note",
            "updated_at",
        ]
        read_only_fields = fields


class SupplyItemWriteSerializer(serializers.ModelSerializer):
    """A new item names its depot and may give its opening stock; the quantity never changes here after."""

    depot = serializers.PrimaryKeyRelatedField(queryset=Depot.objects.all())
    initial_quantity = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False)

    class Meta:
        model = SupplyItem
        fields = ["depot", *services.ITEM_FIELDS, "initial_quantity"]

    def get_validators(self):
        return []


class StockMoveSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MovementKind.choices)
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class StockMovementSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    actor = serializers.StringRelatedField()

    class Meta:
        model = StockMovement
        fields = ["id", "kind", "kind_display", "quantity", "change", "balance", "reason", "actor", "at"]


class DepotViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """物资储备库 of a county department or a township, with how many items are at or below their line."""

    filterset_class = selectors.DepotFilterSet
    serializer_class = DepotSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.depot_queryset(user=self.request.user).order_by("name")

    def _write_data(self, partial):
        data = DepotWriteSerializer(data=self.request.data, partial=partial)
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    def _respond(self, depot, code=status.HTTP_200_OK):
        return Response(DepotSerializer(self.get_queryset().get(pk=depot.pk)).data, status=code)

    @extend_schema(request=DepotWriteSerializer, responses={201: DepotSerializer})
    def create(self, request, *args, **kwargs):
        return self._respond(services.depot_create(actor=request.user, **self._write_data(False)), 201)

    @extend_schema(request=DepotWriteSerializer, responses=DepotSerializer)
    def partial_update(self, request, *args, **kwargs):
        depot = self.get_object()
        return self._respond(services.depot_update(actor=request.user, depot=depot, **self._write_data(True)))

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


class SupplyItemViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """物资装备 by depot; `low_stock` is true when the quantity is at or below the item's line."""

    filterset_class = selectors.SupplyItemFilterSet
    serializer_class = SupplyItemSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.supply_item_queryset(user=self.request.user).order_by("depot__name", "category", "name")

    def _respond(self, item, code=status.HTTP_200_OK):
        return Response(SupplyItemSerializer(self.get_queryset().get(pk=item.pk)).data, status=code)

    @extend_schema(request=SupplyItemWriteSerializer, responses={201: SupplyItemSerializer})
    def create(self, request, *args, **kwargs):
        data = SupplyItemWriteSerializer(data=request.data)
        data.fields["depot"].queryset = Depot.objects.visible_to(request.user)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.setdefault("initial_quantity", 0)
        return self._respond(services.supply_item_create(actor=request.user, **values), status.HTTP_201_CREATED)

    @extend_schema(request=SupplyItemWriteSerializer, responses=SupplyItemSerializer)
    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        data = SupplyItemWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = {k: v for k, v in data.validated_data.items() if k in services.ITEM_FIELDS}
        return self._respond(services.supply_item_update(actor=request.user, item=item, **values))

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=StockMoveSerializer, responses=SupplyItemSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """入库 (in), 出库 (out) or 盘点调整 (adjust: `quantity` is the stock counted). An issue larger than the
        stock is refused with 400 and nothing is saved."""
        data = StockMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._respond(services.supply_move(actor=request.user, item=self.get_object(), **data.validated_data))

    @extend_schema(responses=StockMovementSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def movements(self, request, pk=None):
        item = self.get_object()
        return Response(StockMovementSerializer(selectors.item_movements(item=item), many=True).data)
