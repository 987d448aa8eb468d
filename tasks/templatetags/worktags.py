from decimal import Decimal

from django import template

from tasks.choices import COLOUR_CSS, REPORT_STATUS_CSS, STATUS_CSS, MeasureStatus, ReportStatus, SupervisionColour

register = template.Library()


@register.filter
def percent_of(part, whole):
    """0–100 for a progress bar; never above 100 nor below 0."""
    if not whole:
        return 0
    return max(0, min(100, round(Decimal(part) * 100 / Decimal(whole))))


@register.filter
def number(value):
    """A decimal as the plan writes it: 150, 12.5 — no trailing zeros."""
    if value is None:
        return "—"
    return f"{Decimal(value).normalize():f}"


@register.inclusion_tag("tasks/_status_badges.html")
def status_badges(measure):
    return {
        "status": MeasureStatus(measure.status),
        "status_css": STATUS_CSS[measure.status],
        "colour": SupervisionColour(measure.colour),
        "colour_css": COLOUR_CSS[measure.colour],
    }


@register.simple_tag
def report_status_css(status):
    return REPORT_STATUS_CSS[ReportStatus(status)]
