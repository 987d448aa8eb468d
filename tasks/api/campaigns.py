"""API of the campaigns (`/api/v1/campaigns/`, key action 六 and item 10): scoped like the pages, each with its
activities; writes go through tasks.campaign_services (the county office or the organising unit sets a campaign
up, a participating unit reports its activities through `activities/`)."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.models import OrgUnit
from tasks import campaign_selectors as selectors
from tasks import campaign_services as services
from tasks.campaign_choices import CampaignKind
from tasks.campaign_selectors import CampaignFilterSet
from tasks.models import Campaign, CampaignActivity


class CampaignActivitySerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    evidence_count = serializers.SerializerMethodField()

    class Meta:
        model = CampaignActivity
        fields = ["id", "unit", "unit_name", "held_on", "place", "participant_count", "description", "evidence_count"]

    def get_evidence_count(self, activity) -> int:
        return len(activity.evidence.all())


class CampaignSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=CampaignKind.choices)
    organizer_name = serializers.CharField(source="organizer.name", read_only=True)
    activity_total = serializers.IntegerField(read_only=True)
    participant_total = serializers.IntegerField(read_only=True)
    units_reporting = serializers.IntegerField(read_only=True)
    unit_total = serializers.IntegerField(read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "kind",
            "year",
            "title",
            "organizer",
            "organizer_name",
            "participants",
            "start_date",
            "end_date",
            "description",
            "activity_total",
            "participant_total",
            "units_reporting",
            "unit_total",
            "updated_at",
        ]


class CampaignDetailSerializer(CampaignSerializer):
    activities = CampaignActivitySerializer(many=True, read_only=True)

    class Meta(CampaignSerializer.Meta):
        fields = [*CampaignSerializer.Meta.fields, "activities"]


class CampaignWriteSerializer(serializers.Serializer):
    """Parses only; the service checks who may write and the dates."""

    kind = serializers.ChoiceField(choices=CampaignKind.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=200)
    organizer = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.filter(is_active=True))
    participants = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.filter(is_active=True), many=True, required=False
    )
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    description = serializers.CharField(required=False, allow_blank=True, default="")


class ActivityWriteSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.filter(is_active=True))
    held_on = serializers.DateField()
    place = serializers.CharField(max_length=200)
    participant_count = serializers.IntegerField(min_value=0, max_value=10_000_000)
    description = serializers.CharField()


class CampaignViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """安全宣传与活动: campaigns with their totals; the detail lists the activities the units reported."""

    filterset_class = CampaignFilterSet

    def get_serializer_class(self):
        return CampaignSerializer if self.action == "list" else CampaignDetailSerializer

    def get_queryset(self):
        queryset = selectors.campaign_queryset(user=self.request.user).prefetch_related("participants")
        if self.action != "list":
            queryset = queryset.prefetch_related("activities__unit", "activities__evidence")
        return queryset.order_by("-year", "-start_date", "-pk")

    def _detail(self, campaign, code=status.HTTP_200_OK):
        saved = self.get_queryset().get(pk=campaign.pk)
        return Response(CampaignDetailSerializer(saved).data, status=code)

    @extend_schema(request=CampaignWriteSerializer, responses={201: CampaignDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = CampaignWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        campaign = services.campaign_create(actor=request.user, **data.validated_data)
        return self._detail(campaign, status.HTTP_201_CREATED)

    @extend_schema(request=CampaignWriteSerializer, responses=CampaignDetailSerializer)
    def update(self, request, *args, **kwargs):
        campaign = self.get_object()
        data = CampaignWriteSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        campaign = services.campaign_update(actor=request.user, campaign=campaign, **data.validated_data)
        return self._detail(campaign)

    @extend_schema(request=ActivityWriteSerializer, responses={201: CampaignActivitySerializer})
    @action(detail=True, methods=["post"])
    def activities(self, request, pk=None):
        """Report an activity of a participating unit (photos are added on the page)."""
        campaign = self.get_object()
        data = ActivityWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        activity = services.activity_create(actor=request.user, campaign=campaign, **data.validated_data)
        return Response(CampaignActivitySerializer(activity).data, status=status.HTTP_201_CREATED)
