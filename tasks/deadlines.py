"""The deadlines of the work plan that the reminder engine sweeps (registered in TasksConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.registry import DeadlineSource, register


def open_measures():
    from tasks.models import Measure
    from tasks.status import annotate_progress

    return annotate_progress(Measure.objects.all()).filter(progress__lt=100)


def visible_measures(user):
    from tasks.models import Measure

    return Measure.objects.visible_to(user)


def register_deadlines():
    register(
        DeadlineSource(
            key="measure",
            label=_("具体措施"),
            open_objects=open_measures,
            deadline_field="deadline",
            units={"owner": "owner_unit", "lead": "lead_unit"},
            describe=lambda m: m.title,
            url=lambda m: reverse("measure-detail", args=[m.pk]),
            visible_to=visible_measures,
        )
    )
