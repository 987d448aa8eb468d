"""API of the best-practice cases (`/api/v1/practice-cases/`, key action 二): scoped like the pages (before the
results are out a unit sees only its own cases); writes go through tasks.practice_services and
tasks.practice_workflow (submit, return, score)."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.models import OrgUnit
from tasks import practice_selectors as selectors
from tasks import practice_services as services
from tasks import practice_workflow as workflow
from tasks.campaign_choices import CallStatus
from tasks.models import PracticeCall, PracticeCase
from tasks.practice_selectors import PracticeCaseFilterSet


class PracticeCaseSerializer(serializers.ModelSerializer):
    call_title = serializers.CharField(source="call.title", read_only=True)
    year = serializers.IntegerField(source="call.year", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    mean_score = serializers.SerializerMethodField(help_text="平均分：评审专家和结果公布后可见，否则为空")

    class Meta:
        model = PracticeCase
        fields = [
            "id",
            "call",
            "call_title",
            "year",
            "unit",
            "unit_name",
            "title",
            "summary",
            "status",
            "award",
            "return_reason",
            "submitted_at",
            "mean_score",
            "updated_at",
        ]

    def _reviews(self, call):
        """Whether the caller reviews the call: asked once per call, not once per row."""
        request = self.context.get("request")
        if request is None:
            return False
        cache = self.context.setdefault("_reviews", {})
        if call.pk not in cache:
            cache[call.pk] = workflow.may_review_call(request.user, call)
        return cache[call.pk]

    def get_mean_score(self, case) -> float | None:
        shown = case.call.status == CallStatus.PUBLISHED or self._reviews(case.call)
        mean = getattr(case, "mean_score", None)
        return round(float(mean), 2) if shown and mean is not None else None


class PracticeCaseWriteSerializer(serializers.Serializer):
    call = serializers.PrimaryKeyRelatedField(queryset=PracticeCall.objects.all())
    unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.filter(is_active=True))
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField()


class PracticeCaseUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    summary = serializers.CharField(required=False)


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ScoreSerializer(serializers.Serializer):
    score = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class PracticeCaseViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """最佳实践案例、改革创新奖 cases. A unit creates (草稿) and submits its own; the county office or the call's
    designated reviewers return or score them; results are published on the call's page by the county office."""

    serializer_class = PracticeCaseSerializer
    filterset_class = PracticeCaseFilterSet

    def get_queryset(self):
        return selectors.case_queryset(user=self.request.user).order_by("-call__year", "pk")

    def _detail(self, case, code=status.HTTP_200_OK):
        saved = self.get_queryset().get(pk=case.pk)
        return Response(self.get_serializer(saved).data, status=code)

    @extend_schema(request=PracticeCaseWriteSerializer, responses={201: PracticeCaseSerializer})
    def create(self, request, *args, **kwargs):
        data = PracticeCaseWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.practice_case_create(actor=request.user, **data.validated_data)
        return self._detail(case, status.HTTP_201_CREATED)

    @extend_schema(request=PracticeCaseUpdateSerializer, responses=PracticeCaseSerializer)
    def update(self, request, *args, **kwargs):
        case = self.get_object()
        data = PracticeCaseUpdateSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        return self._detail(services.practice_case_update(actor=request.user, case=case, **data.validated_data))

    @extend_schema(request=None, responses=PracticeCaseSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._detail(workflow.practice_case_submit(actor=request.user, case=self.get_object()))

    @extend_schema(request=ReturnSerializer, responses=PracticeCaseSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        data = ReturnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = workflow.practice_case_return(actor=request.user, case=self.get_object(), **data.validated_data)
        return self._detail(case)

    @extend_schema(request=ScoreSerializer, responses=PracticeCaseSerializer)
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        data = ScoreSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = workflow.practice_case_score(actor=request.user, case=self.get_object(), **data.validated_data)
        return self._detail(case)
