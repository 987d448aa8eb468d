"""Excel files of risk points: the list's export with its filters (in the ledger's columns, so it can be sent
back changed), and the blank 地灾隐患点台账 template with its notes."""

from django.conf import settings
from django.utils.translation import gettext as _

from core.spreadsheets import export_workbook, template_workbook
from disasters.choices import RiskKind, RiskPointState
from disasters.ledger import COLUMNS, REQUIRED

WIDTHS = [16, 24, 10, 14, 18, 24, 12, 12, 9, 9, 12, 12, 14, 12, 14, 9, 12, 10, 12, 22, 20, 10, 10, 30]


def _name(unit):
    return unit.name if unit is not None else ""


def _cells(point):
    """One point in the order of COLUMNS."""
    return [
        point.code,
        point.name,
        point.get_kind_display(),
        point.township.name,
        _name(point.village),
        point.place,
        point.longitude,
        point.latitude,
        point.households,
        point.people,
        point.property_value,
        point.monitor_name,
        point.monitor_phone,
        point.responsible_person,
        point.responsible_phone,
        _("是") if point.has_monitoring else _("否"),
        point.monitoring_installed_on,
        point.get_state_display(),
        point.governed_on,
        _name(point.supervising_department),
        "、".join(zone.code for zone in point.zones.all()),
        point.patrols_per_week_in_season,
        point.patrols_per_month_off_season,
        point.note,
    ]


def risk_points_workbook(points):
    """Give the points with township, village, department and zones loaded."""
    headers = [_(text) for text in COLUMNS.values()]
    return export_workbook(title=_("隐患点台账"), headers=headers, widths=WIDTHS, rows=map(_cells, points))


def _bbox_text():
    west, south, east, north = settings.COUNTY_BBOX
    return _("经度%(w)s～%(e)s，纬度%(s)s～%(n)s") % {"w": west, "e": east, "s": south, "n": north}


def _template_notes():
    return {
        "code": _("隐患点统一编号；已登记的编号将按本行更新该隐患点，新编号将新增。同一文件中不能重复"),
        "name": _("如 东街滑坡"),
        "kind": "、".join(str(label) for label in RiskKind.labels) + _("；也可写 地质灾害（滑坡）、不稳定斜坡 等"),
        "township": _("乡镇（街道）名称，须是您可以登记的乡镇（街道）"),
        "village": _("可不填；须属于所填的乡镇（街道）"),
        "place": _("可不填"),
        "longitude": _("十进制度数，最多6位小数，如 107.348512。本县范围：") + _bbox_text(),
        "latitude": _("十进制度数，如 30.327645；注意不要与经度填反"),
        "households": _("整数，可不填"),
        "people": _("整数，可不填"),
        "property_value": _("数字，单位万元，最多两位小数，可不填"),
        "monitor_name": _("可不填"),
        "monitor_phone": _("可不填"),
        "responsible_person": _("可不填"),
        "responsible_phone": _("可不填"),
        "has_monitoring": _("是或否，可不填（新增时默认为否）"),
        "monitoring_installed_on": _("日期，已建技防时填写；不填则记为导入当天"),
        "state": "、".join(str(label) for label in RiskPointState.labels)
        + _("；可不填（新增时默认为监测中）。核销由安委办（应急局）办理"),
        "governed_on": _("日期，状态为已治理时填写；不填则记为导入当天"),
        "supervising_department": _("县级部门全称或简称，如 规划自然资源局、水利局；可不填"),
        "zones": _("风险区编号或名称，多个用“、”或逗号分隔；须是同一乡镇（街道）的风险区，可不填"),
        "patrols_per_week_in_season": _("整数，可不填（新增时默认为2）"),
        "patrols_per_month_off_season": _("整数，可不填（新增时默认为1）"),
        "note": _("可不填"),
    }


def ledger_template_workbook():
    """A blank 地灾隐患点台账 with the importer's headers (required ones marked *), one example row, and the rules."""
    example = ["500231001901", _("东街滑坡"), _("滑坡"), "桂溪街道", "东街社区", _("东街后山")]
    example += [107.348512, 30.327645, 4, 15, 20, _("王群防"), "13800000001", _("李责任"), "13800000002"]
    example += [_("否"), None, _("监测中"), None, _("规划自然资源局"), "", 2, 1, ""]
    closing = [_("第2行为示例，导入前请删除或改写。每行登记一个隐患点；任何一行有误则整个文件都不导入。")]
    closing += [_("更新已登记的隐患点时，留空的单元格保持原值。导出的Excel可修改后直接导入。")]
    return template_workbook(
        title=_("隐患点台账"),
        columns=COLUMNS,
        required=REQUIRED,
        widths=WIDTHS,
        example=example,
        notes=_template_notes(),
        closing=closing,
    )
