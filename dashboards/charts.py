"""The cockpit's charts as ECharts options, built from the same figures as the tables beside them; the page
hands them to static/js/cockpit.js through json_script (no inline script, so the CSP holds)."""

from django.utils.translation import gettext as _

COLOUR_CODES = {"red": "#dc3545", "yellow": "#ffc107", "blue": "#0d6efd"}


def _bar(title, labels, values, colour="#0d6efd"):
    return {
        "title": {"text": title, "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 10, "bottom": 60, "top": 40},
        "xAxis": {"type": "category", "data": labels, "axisLabel": {"interval": 0, "rotate": 30}},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"type": "bar", "data": values, "itemStyle": {"color": colour}}],
    }


def cockpit_charts(summary):
    plan, hazards = summary.plan, summary.hazards
    return {
        "chart-systems": _bar(
            _("各体系完成率（%）"), [row.label[:8] for row in plan.systems], [row.percent for row in plan.systems]
        ),
        "chart-colours": {
            "title": {"text": _("三色督办"), "textStyle": {"fontSize": 14}},
            "tooltip": {"trigger": "item"},
            "series": [
                {
                    "type": "pie",
                    "radius": ["35%", "60%"],
                    "center": ["50%", "58%"],  # below the title, so the labels do not run into it
                    "data": [
                        {"name": f.label, "value": f.value, "itemStyle": {"color": COLOUR_CODES[f.key]}}
                        for f in plan.colours
                    ],
                }
            ],
        },
        "chart-hazard-age": _bar(
            _("未销号隐患时长"), [f.label for f in hazards.by_age], [f.value for f in hazards.by_age], "#fd7e14"
        ),
        "chart-major-trend": {
            "title": {"text": _("重大事故隐患未销号数（逐月）"), "textStyle": {"fontSize": 14}},
            "tooltip": {"trigger": "axis"},
            "grid": {"left": 40, "right": 10, "bottom": 30, "top": 40},
            "xAxis": {"type": "category", "data": [m.strftime("%Y-%m") for m, _n in hazards.major_trend]},
            "yAxis": {"type": "value", "minInterval": 1},
            "series": [
                {"type": "line", "data": [n for _m, n in hazards.major_trend], "itemStyle": {"color": "#dc3545"}}
            ],
        },
    }
