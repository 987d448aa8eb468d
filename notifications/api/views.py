from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    record = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "title", "body", "url", "record", "created_at", "read_at"]

    def get_record(self, obj) -> dict | None:
        if not obj.source:
            return None
        return {"kind": obj.source, "id": obj.object_id, "url": obj.url}


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The calling person's in-app notifications, newest first; `read/` marks one read."""

    serializer_class = NotificationSerializer
    own_record_actions = {"read"}  # everyone marks their own notifications read, 县领导 too

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no person to ask for
            return Notification.objects.none()
        return Notification.objects.filter(recipient=self.request.user).order_by("-created_at", "-pk")

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = self.get_object()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
        notification.refresh_from_db()
        return Response(self.get_serializer(notification).data)
