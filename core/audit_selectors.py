"""The audit search: every change kept by the pghistory triggers, across all tracked models, for the county
administrator and the auditor. Reads only; the event tables refuse UPDATE and DELETE (PGHISTORY_APPEND_ONLY)."""

import datetime
from dataclasses import dataclass
from functools import cache, reduce
from operator import or_

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from pghistory import core as pgh_core
from pghistory.models import MiddlewareEvents

from core.choices import Role
from core.history import HIDDEN_FIELDS, LABELS
from core.models import OrgUnit, User
from core.scoping import scope_for


def can_read_audit(user):
    scope = scope_for(user)
    return scope.changes_all or any(Role.AUDITOR in roles for roles in scope.roles_by_unit.values())


@cache
def tracked_models():
    """label -> (tracked model, its event models), in the order of their names."""
    found = {}
    for event_model in pgh_core.event_models():
        tracked = event_model.pgh_tracked_model
        found.setdefault(tracked._meta.label, (tracked, []))[1].append(event_model)
    return dict(sorted(found.items(), key=lambda item: str(item[1][0]._meta.verbose_name)))


@cache
def record_unit_keys():
    """The columns that name a record's own unit (its direct SCOPE_FIELDS), as keys of the event data."""
    keys = set()
    for model, _events in tracked_models().values():
        keys.update(f"{name}_id" for name in getattr(model, "SCOPE_FIELDS", ()) if "__" not in name)
    if "core.Membership" in tracked_models():
        keys.add("unit_id")
    return sorted(keys)


def _model_choices():
    return [(label, f"{model._meta.verbose_name}（{label}）") for label, (model, _e) in tracked_models().items()]


DATE_INPUT = forms.DateInput({"type": "date"})


class AuditEventFilterSet(django_filters.FilterSet):
    user = django_filters.ModelChoiceFilter(
        label=_("操作人"), queryset=User.objects.order_by("username"), method="filter_user", empty_label=_("全部人员")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("单位"), queryset=OrgUnit.objects.order_by("path"), method="filter_unit", empty_label=_("全部单位")
    )
    model = django_filters.ChoiceFilter(label=_("记录类型"), method="filter_model", empty_label=_("全部类型"))
    since = django_filters.DateFilter(label=_("起始日期"), method="filter_since", widget=DATE_INPUT)
    until = django_filters.DateFilter(label=_("截止日期"), method="filter_until", widget=DATE_INPUT)

    class Meta:
        model = MiddlewareEvents
        fields = ["user", "unit", "model", "since", "until"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["model"].extra["choices"] = _model_choices()

    def filter_user(self, queryset, name, value):
        return queryset.filter(user=value)

    def filter_unit(self, queryset, name, value):
        """Changes made by people of the unit's subtree, or to records that belong to it."""
        unit_ids = list(OrgUnit.objects.filter(path__startswith=value.path).values_list("pk", flat=True))
        people = User.objects.filter(memberships__unit_id__in=unit_ids).values("pk")
        record_units = [Q(**{f"pgh_data__{key}__in": unit_ids}) for key in record_unit_keys()]
        return queryset.filter(reduce(or_, record_units, Q(user__in=people)))

    def filter_model(self, queryset, name, value):
        # One model: the query reads its event tables only, instead of the union of all of them.
        return queryset.across(*tracked_models()[value][1])

    def filter_since(self, queryset, name, value):
        return queryset.filter(pgh_created_at__gte=_start_of(value))

    def filter_until(self, queryset, name, value):
        return queryset.filter(pgh_created_at__lt=_start_of(value + datetime.timedelta(days=1)))


def _start_of(day):
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_event_list(*, filters=None):
    """The FilterSet over all history, newest first (callers check can_read_audit)."""
    queryset = MiddlewareEvents.objects.select_related("user").order_by("-pgh_created_at", "-pgh_id")
    return AuditEventFilterSet(filters, queryset=queryset)


@dataclass
class AuditRow:
    when: object
    action: str
    user: object
    model_name: str
    record: str
    changes: list  # [(field label, old, new)]
    source: str


def _field_label(model, name):
    try:
        return str(model._meta.get_field(name.removesuffix("_id")).verbose_name)
    except FieldDoesNotExist:
        return name


def _record_text(model, event):
    data = event.pgh_data or {}
    name = next((data[key] for key in ("name", "title", "number", "username", "code") if data.get(key)), "")
    return f"#{event.pgh_obj_id} {name}".strip()


def audit_rows(events):
    """What the page shows of each event: who, when, which record, what changed and from where."""
    rows = []
    for event in events:
        model = tracked_models().get(event.pgh_obj_model, (None, None))[0]
        diff = event.pgh_diff or {}
        context = event.pgh_context or {}
        rows.append(
            AuditRow(
                when=event.pgh_created_at,
                action=LABELS.get(event.pgh_label, event.pgh_label),
                user=event.user,
                model_name=str(model._meta.verbose_name) if model else event.pgh_obj_model,
                record=_record_text(model, event),
                changes=[(_field_label(model, k), old, new) for k, (old, new) in diff.items() if k not in HIDDEN_FIELDS]
                if model
                else [],
                source=context.get("url") or context.get("command") or "",
            )
        )
    return rows
