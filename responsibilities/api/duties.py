"""API of the leaders' duty lists (`/api/v1/duty-lists/`) and half-year reports (`/api/v1/duty-reports/`)."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from responsibilities import duty_report_services as report_services
from responsibilities import duty_selectors as selectors
from responsibilities import duty_services as services
from responsibilities.models import Duty, DutyList, DutyReport, Leader


class LeaderBriefSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.display_name")

    class Meta:
        model = Leader
        fields = ["id", "name", "post", "unit"]


class DutySerializer(serializers.ModelSerializer):
    work_items = serializers.SerializerMethodField()
    key_actions = serializers.SerializerMethodField()

    class Meta:
        model = Duty
        fields = ["id", "order", "text", "work_items", "key_actions"]

    def get_work_items(self, duty) -> list[int]:
        return [w.number for w in duty.work_items.all()]

    def get_key_actions(self, duty) -> list[int]:
        return [k.number for k in duty.key_actions.all()]


class DutyListSerializer(serializers.ModelSerializer):
    leader = LeaderBriefSerializer()
    kind_label = serializers.CharField(source="get_kind_display")
    duty_count = serializers.IntegerField()

    class Meta:
        model = DutyList
        fields = ["id", "leader", "year", "kind", "kind_label", "duty_count", "note", "updated_at"]


class DutyListDetailSerializer(DutyListSerializer):
    duties = DutySerializer(many=True)
    duty_count = None

    class Meta(DutyListSerializer.Meta):
        fields = ["id", "leader", "year", "kind", "kind_label", "note", "duties", "updated_at"]


class DutyListCreateSerializer(serializers.Serializer):
    # Validation (uniqueness, the year range) is the service's; the serializer only parses.
    leader = serializers.PrimaryKeyRelatedField(queryset=Leader.objects.all())
    year = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=DutyList._meta.get_field("kind").choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DutyListViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """责任清单 (党政领导干部责任清单, 年度重点任务清单) of leaders, each duty with the numbers of the work items and
    key actions it covers. Filters: `year`, `leader`, `kind`."""

    def get_queryset(self):
        if self.action == "list":
            rows = selectors.duty_list_queryset(user=self.request.user)
            params = self.request.query_params
            for name in ("year", "leader", "kind"):
                if value := params.get(name):
                    rows = rows.filter(**{name: value})
            return rows
        return selectors.duty_list_detail_queryset(user=self.request.user)

    def get_serializer_class(self):
        return DutyListSerializer if self.action == "list" else DutyListDetailSerializer

    @extend_schema(request=DutyListCreateSerializer, responses={201: DutyListDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = DutyListCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        duty_list = services.duty_list_create(actor=request.user, **data.validated_data)
        saved = selectors.duty_list_detail_queryset(user=request.user).get(pk=duty_list.pk)
        return Response(DutyListDetailSerializer(saved).data, status=status.HTTP_201_CREATED)


# ---- half-year duty reports (半年述职报告) ----------------------------------------------------------------------


class DutyReportSerializer(serializers.ModelSerializer):
    leader = LeaderBriefSerializer(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    due_on = serializers.DateField(read_only=True)
    reviewed_by = serializers.CharField(source="reviewed_by.full_name", default="", read_only=True)

    class Meta:
        model = DutyReport
        fields = [
            "id",
            "leader",
            "year",
            "half",
            "due_on",
            "text",
            "status",
            "status_label",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "updated_at",
        ]


class DutyReportWriteSerializer(serializers.Serializer):
    leader = serializers.PrimaryKeyRelatedField(queryset=Leader.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    half = serializers.ChoiceField(choices=[1, 2])
    text = serializers.CharField(allow_blank=True)


class DutyReportReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accept", "return"])
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DutyReportViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """半年述职报告. The leader's own account saves the draft (POST) and submits it (`submit/`); the county office
    reviews it (`review/`, decision `accept` or `return` with a note). Filters: `year`, `half`, `leader`, `status`."""

    serializer_class = DutyReportSerializer
    own_record_actions = {"create", "submit"}  # a leader (县领导 too) writes their own report

    def get_queryset(self):
        rows = selectors.duty_report_queryset(user=self.request.user)
        for name in ("year", "half", "leader", "status"):
            if value := self.request.query_params.get(name):
                rows = rows.filter(**{name: value})
        return rows

    def _detail(self, report, code=status.HTTP_200_OK):
        return Response(DutyReportSerializer(self.get_queryset().get(pk=report.pk)).data, status=code)

    @extend_schema(request=DutyReportWriteSerializer, responses={201: DutyReportSerializer})
    def create(self, request, *args, **kwargs):
        data = DutyReportWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = report_services.duty_report_save(actor=request.user, **data.validated_data)
        return self._detail(report, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=DutyReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        report = report_services.duty_report_submit(actor=request.user, report=self.get_object())
        return self._detail(report)

    @extend_schema(request=DutyReportReviewSerializer, responses=DutyReportSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        data = DutyReportReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = report_services.duty_report_review(
            actor=request.user,
            report=self.get_object(),
            note=data.validated_data["note"],
            accept=data.validated_data["decision"] == "accept",
        )
        return self._detail(report)
