from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from core.models import OrgUnit
from disasters import selectors, services
from disasters.api import serializers as s
from disasters.api.geojson import GeoJSONRenderer
from disasters.filtersets import RiskPointFilterSet, RiskZoneFilterSet
from disasters.geojson import feature_collection, point_feature
from disasters.models import RiskZone

GEOJSON_LIMIT = 20000  # a county has hundreds of points; the cap keeps a wrong filter from dumping a table


class _WriteMixin:
    """Create and PATCH through the service; the answer is the detail serializer of the saved record."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    write_serializer = None
    detail_serializer = None

    def _values(self, partial):
        data = self.write_serializer(data=self.request.data, partial=partial)
        self.restrict(data)
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    def restrict(self, data):
        units = OrgUnit.objects.visible_to(self.request.user)
        for name in ("township", "village", "supervising_department"):
            if name in data.fields:
                data.fields[name].queryset = units

    def _respond(self, obj, code=status.HTTP_200_OK):
        return Response(self.detail_serializer(self.get_queryset().get(pk=obj.pk)).data, status=code)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


class RiskPointViewSet(_WriteMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """隐患点: registered by the township, the supervising department or the county office.
    `?format=geojson` answers the filtered list as one GeoJSON FeatureCollection (not paged)."""

    filterset_class = RiskPointFilterSet
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, GeoJSONRenderer]
    write_serializer = s.RiskPointWriteSerializer
    detail_serializer = s.RiskPointDetailSerializer

    def get_queryset(self):
        if self.action == "list":
            return selectors.risk_point_queryset(user=self.request.user).order_by("township__sort_order", "code")
        return selectors.risk_point_detail_queryset(user=self.request.user)

    def get_serializer_class(self):
        return s.RiskPointSerializer if self.action == "list" else s.RiskPointDetailSerializer

    def get_renderers(self):
        """GeoJSON is the list's other form only; a single point or a write answers JSON whatever the format."""
        renderers = super().get_renderers()
        return renderers if self.action == "list" else [r for r in renderers if not isinstance(r, GeoJSONRenderer)]

    def restrict(self, data):
        super().restrict(data)
        data.fields["zones"].child_relation.queryset = RiskZone.objects.visible_to(self.request.user)

    @extend_schema(
        parameters=[OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "geojson"])],
        responses=s.RiskPointSerializer(many=True),
    )
    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "geojson":
            return super().list(request, *args, **kwargs)
        points = self.filter_queryset(self.get_queryset())[:GEOJSON_LIMIT]
        rows = s.RiskPointSerializer(points, many=True).data
        features = (
            point_feature(
                longitude=p.longitude,
                latitude=p.latitude,
                feature_id=p.pk,
                properties={k: v for k, v in row.items() if k not in ("longitude", "latitude")},
            )
            for p, row in zip(points, rows, strict=True)
        )
        return Response(feature_collection(features))

    @extend_schema(request=s.RiskPointWriteSerializer, responses={201: s.RiskPointDetailSerializer})
    def create(self, request, *args, **kwargs):
        point = services.risk_point_create(actor=request.user, **self._values(partial=False))
        return self._respond(point, status.HTTP_201_CREATED)

    @extend_schema(request=s.RiskPointWriteSerializer, responses=s.RiskPointDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        point = self.get_object()
        return self._respond(services.risk_point_update(actor=request.user, point=point, **self._values(True)))


class RiskZoneViewSet(_WriteMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """风险区 ("隐患点+风险区" 双控): the points of a zone are listed by `/risk-points/?zone=<id>`."""

    filterset_class = RiskZoneFilterSet
    serializer_class = s.RiskZoneSerializer
    write_serializer = s.RiskZoneWriteSerializer
    detail_serializer = s.RiskZoneSerializer

    def get_queryset(self):
        return selectors.risk_zone_queryset(user=self.request.user).order_by("township__sort_order", "code")

    @extend_schema(request=s.RiskZoneWriteSerializer, responses={201: s.RiskZoneSerializer})
    def create(self, request, *args, **kwargs):
        zone = services.risk_zone_create(actor=request.user, **self._values(partial=False))
        return self._respond(zone, status.HTTP_201_CREATED)

    @extend_schema(request=s.RiskZoneWriteSerializer, responses=s.RiskZoneSerializer)
    def partial_update(self, request, *args, **kwargs):
        zone = self.get_object()
        return self._respond(services.risk_zone_update(actor=request.user, zone=zone, **self._values(True)))
