"""The API side of core.idempotency: 201 for a new record, 200 with the first record for a repeated key, 409 for
a key used for another kind of record."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import APIException

from core.idempotency import HEADER, IdempotencyKeyConflict, create_once

IDEMPOTENCY_PARAMETER = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description="A key per record (a UUID): sent again, the record is not created twice; the answer is 200 with "
    "the record the first request created.",
)

IDEMPOTENCY_CONFLICT = OpenApiResponse(
    inline_serializer("IdempotencyKeyConflict", {"detail": serializers.CharField()}),
    description="The Idempotency-Key was used before for another kind of record.",
)


class IdempotencyKeyConflictError(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "idempotency_key_conflict"


def api_create_once(request, *, kind, create, respond):
    """respond(record, status_code) builds the Response: 201 when created now, 200 when the key was seen."""
    try:
        outcome = create_once(request, kind=kind, create=create)
    except IdempotencyKeyConflict as exc:
        raise IdempotencyKeyConflictError(detail=exc.messages[0]) from None
    return respond(outcome.record, status.HTTP_200_OK if outcome.replayed else status.HTTP_201_CREATED)
