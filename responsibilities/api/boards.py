"""API of the public boards: an enterprise's four responsible persons (current and history) and the major-risk
boards. Writes go through responsibilities.board_services, whose Chinese refusals come back as 400/403."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from core.models import Enterprise
from responsibilities import board_selectors as selectors
from responsibilities import board_services as services
from responsibilities.board_choices import ResponsibleRole
from responsibilities.board_services import RISK_FIELDS
from responsibilities.models import MajorRisk, ResponsiblePerson


class ResponsiblePersonSerializer(serializers.ModelSerializer):
    role_display = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = ResponsiblePerson
        fields = ["id", "role", "role_display", "name", "post", "phone", "since", "until"]


class ResponsiblePersonSetSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=ResponsibleRole.choices)
    name = serializers.CharField(max_length=50)
    post = serializers.CharField(max_length=100)
    phone = serializers.CharField(max_length=20)
    since = serializers.DateField()


class ResponsiblePersonsSerializer(serializers.Serializer):
    current = ResponsiblePersonSerializer(many=True)
    history = ResponsiblePersonSerializer(many=True, help_text="所有任职记录（含现任），按类别和任职日期倒序")


class ResponsiblePersonsView(APIView):
    """监管责任人: GET the current person of each role and the whole history; POST names a role's new person
    (the current one is closed the day before `since`)."""

    def _enterprise(self, request, pk):
        return selectors.enterprise_for(user=request.user, pk=pk)

    def _body(self, enterprise):
        rows = list(selectors.person_history(enterprise=enterprise))
        current = [p for p in rows if p.until is None]
        return ResponsiblePersonsSerializer({"current": current, "history": rows}).data

    @extend_schema(responses=ResponsiblePersonsSerializer)
    def get(self, request, pk):
        return Response(self._body(self._enterprise(request, pk)))

    @extend_schema(request=ResponsiblePersonSetSerializer, responses={201: ResponsiblePersonsSerializer})
    def post(self, request, pk):
        enterprise = self._enterprise(request, pk)
        data = ResponsiblePersonSetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.responsible_person_set(actor=request.user, enterprise=enterprise, **data.validated_data)
        return Response(self._body(enterprise), status=status.HTTP_201_CREATED)


class MajorRiskSerializer(serializers.ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all())
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = MajorRisk
        fields = ["id", "enterprise", "enterprise_name", "level_display", "public_token", *RISK_FIELDS, "updated_at"]
        read_only_fields = ["public_token"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["enterprise"].queryset = Enterprise.objects.visible_to(request.user)

    def validate(self, attrs):
        return attrs  # the three persons and the permissions are checked by the service


class MajorRiskViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """重大风险管控公示: the boards visible to the caller; create and update (PATCH) them where allowed. A board
    missing any of 分管负责人, 部门负责人, 直接责任人 is refused."""

    serializer_class = MajorRiskSerializer

    def get_queryset(self):
        return selectors.major_risk_list(user=self.request.user)

    def perform_create(self, serializer):
        values = {k: v for k, v in serializer.validated_data.items() if k in RISK_FIELDS}
        enterprise = serializer.validated_data["enterprise"]
        serializer.instance = services.major_risk_create(actor=self.request.user, enterprise=enterprise, **values)

    def perform_update(self, serializer):
        values = {k: v for k, v in serializer.validated_data.items() if k in RISK_FIELDS}
        serializer.instance = services.major_risk_update(actor=self.request.user, risk=serializer.instance, **values)
