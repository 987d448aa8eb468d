"""Reads of duty lists and the sector map; everyone signed in reads them (MembersOnlyQuerySet)."""

from django.db.models import Count, Prefetch

from core.choices import Sector
from responsibilities.models import Duty, DutyList, Leader, SectorSupervision


def leader_queryset(*, user):
    return Leader.objects.visible_to(user).select_related("unit", "user")


def leader_list(*, user):
    rows = leader_queryset(user=user).filter(is_active=True).annotate(list_count=Count("duty_lists"))
    return rows.order_by("sort_order", "name")


def duty_list_queryset(*, user):
    rows = DutyList.objects.visible_to(user).select_related("leader__unit").annotate(duty_count=Count("duties"))
    return rows.order_by("-year", "leader__sort_order", "kind", "pk")


def duty_list_detail_queryset(*, user):
    duties = Duty.objects.order_by("order").prefetch_related("work_items", "key_actions")
    return (
        DutyList.objects.visible_to(user)
        .select_related("leader__unit")
        .prefetch_related(Prefetch("duties", queryset=duties))
    )


def sector_map(*, user):
    """Every sector of the plan with its supervising departments; a sector with none is a blind spot (监管盲区).
    One query."""
    rows = SectorSupervision.objects.visible_to(user).select_related("department").order_by("department__sort_order")
    by_sector = {}
    for row in rows:
        by_sector.setdefault(row.sector, []).append(row)
    return [
        {"sector": sector, "label": label, "supervisions": by_sector.get(sector, []), "blind": sector not in by_sector}
        for sector, label in Sector.choices
    ]


def duty_report_queryset(*, user):
    from responsibilities.models import DutyReport

    return (
        DutyReport.objects.visible_to(user)
        .select_related("leader__unit", "reviewed_by")
        .order_by("-year", "-half", "leader__sort_order", "pk")
    )


def duty_export_list(*, user, filters=None):
    """The FilterSet over the duties the person reads, joined and prefetched for the Excel export."""
    from responsibilities.duty_filtersets import DutyFilterSet
    from tasks.models import KeyAction, WorkItem

    rows = (
        Duty.objects.visible_to(user)
        .select_related("duty_list__leader__unit")
        .prefetch_related(
            Prefetch("work_items", queryset=WorkItem.objects.order_by("number")),
            Prefetch("key_actions", queryset=KeyAction.objects.order_by("number")),
        )
        .order_by(
            "-duty_list__year", "duty_list__leader__sort_order", "duty_list__leader__name", "duty_list__kind", "order"
        )
    )
    return DutyFilterSet(filters, queryset=rows)


def leader_filtered_list(*, user, filters=None):
    """The leader list page: its FilterSet (the export's fields) over the active leaders."""
    from responsibilities.duty_filtersets import LeaderFilterSet

    return LeaderFilterSet(filters, queryset=leader_list(user=user))


def duty_filter_choices(*, user):
    """The years, units and leaders the filters offer: three queries."""
    from core.models import OrgUnit

    leaders = list(leader_queryset(user=user).order_by("sort_order", "name"))
    return {
        "years": list(DutyList.objects.visible_to(user).values_list("year", flat=True).distinct().order_by("-year")),
        "units": list(OrgUnit.objects.filter(pk__in={leader.unit_id for leader in leaders}).order_by("path")),
        "leaders": leaders,
    }
