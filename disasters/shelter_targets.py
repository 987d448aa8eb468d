"""Target 10 of item 11 (应急避难场所自然村全覆盖, 100 %) counted from the shelters' covered villages."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tasks.target_sources import TargetSource, register_target_source


def coverage_actual(target):
    """The county's villages covered by an active shelter, in percent. Coverage is a state, not a yearly
    count: the figure is today's, whatever the plan's year."""
    from disasters.shelter_selectors import shelter_coverage

    return shelter_coverage().percent


def coverage_per_unit(target):
    from disasters.shelter_selectors import shelter_coverage

    return {row.township.pk: row.percent for row in shelter_coverage().rows}


def register_shelter_targets():
    register_target_source(
        TargetSource(
            key="disasters.shelter_coverage",
            label=_("应急避难场所：有避难场所覆盖的村（社区）占比"),
            actual=coverage_actual,
            per_unit=coverage_per_unit,
            url=lambda target: reverse("disasters:shelter-coverage"),
        )
    )
