"""Reads of the boards, scoped to the person (core.scoping) or, for the public pages, by token."""

from django.shortcuts import get_object_or_404

from core.models import Enterprise
from responsibilities.board_choices import RESPONSIBLE_ROLE_RANK, RISK_LEVEL_RANK, ResponsibleRole
from responsibilities.models import EnterpriseBoard, MajorRisk, ResponsiblePerson


def enterprise_for(*, user, pk):
    return get_object_or_404(
        Enterprise.objects.visible_to(user).select_related("township", "supervising_department"), pk=pk
    )


def current_persons(*, enterprise):
    """The four roles in order, each with its current person or None."""
    rows = {p.role: p for p in ResponsiblePerson.objects.current().filter(enterprise=enterprise)}
    return [(role, label, rows.get(role)) for role, label in ResponsibleRole.choices]


def person_history(*, enterprise):
    return ResponsiblePerson.objects.filter(enterprise=enterprise).order_by(RESPONSIBLE_ROLE_RANK, "-since")


def risks_of(*, enterprise, public_only=False):
    rows = MajorRisk.objects.filter(enterprise=enterprise)
    if public_only:
        rows = rows.filter(is_public=True)
    return rows.order_by(RISK_LEVEL_RANK, "site")


def major_risk_list(*, user):
    return (
        MajorRisk.objects.visible_to(user)
        .select_related("enterprise", "enterprise__township")
        .order_by(RISK_LEVEL_RANK, "enterprise__name", "site")
    )


def major_risk_for(*, user, pk):
    return get_object_or_404(major_risk_list(user=user), pk=pk)


def public_board(*, token):
    return get_object_or_404(
        EnterpriseBoard.objects.select_related("enterprise", "enterprise__township"), public_token=token
    )


def public_risk(*, token):
    return get_object_or_404(
        MajorRisk.objects.select_related("enterprise", "enterprise__township"), public_token=token, is_public=True
    )


def responsible_person_list(*, user, filters=None):
    """The FilterSet over the responsible persons the person may see (current only unless `current=false`)."""
    from responsibilities.board_filtersets import ResponsiblePersonFilterSet

    rows = (
        ResponsiblePerson.objects.visible_to(user)
        .select_related("enterprise__township", "enterprise__supervising_department")
        .order_by("enterprise__name", "enterprise_id", RESPONSIBLE_ROLE_RANK, "-since")
    )
    return ResponsiblePersonFilterSet(filters, queryset=rows)


def roster_filter_choices(*, user):
    """The townships and departments of the enterprises the person may see, for the roster export's filters."""
    from core.models import OrgUnit

    enterprises = Enterprise.objects.visible_to(user)
    units = OrgUnit.objects.order_by("sort_order", "code")
    return {
        "townships": list(units.filter(pk__in=enterprises.values("township_id"))),
        "departments": list(units.filter(pk__in=enterprises.values("supervising_department_id"))),
    }
