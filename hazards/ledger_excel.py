"""Excel files of hazards: the export of the list with its filters, and the blank 隐患台账 template."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.choices import Sector
from core.spreadsheets import export_workbook, template_workbook
from hazards.ledger import COLUMNS as LEDGER_COLUMNS
from hazards.ledger import REQUIRED as LEDGER_REQUIRED


def _name(obj):
    return obj.name if obj is not None else ""


# Lazy titles: the module is imported once, the file is written in each request's language.
COLUMNS = [
    (gettext_lazy("编号"), lambda h: h.number),
    (gettext_lazy("问题描述"), lambda h: h.title),
    (gettext_lazy("行业领域"), lambda h: h.get_sector_display()),
    (gettext_lazy("隐患等级"), lambda h: h.get_level_display()),
    (gettext_lazy("发现来源"), lambda h: h.get_source_display()),
    (gettext_lazy("问题清单"), lambda h: h.problem_list.name),
    (gettext_lazy("生产经营单位"), lambda h: _name(h.enterprise)),
    (gettext_lazy("地点"), lambda h: h.place),
    (gettext_lazy("属地单位"), lambda h: h.territory.name),
    (gettext_lazy("行业监管部门"), lambda h: _name(h.supervising_department)),
    (gettext_lazy("整改责任人"), lambda h: h.responsible_person),
    (gettext_lazy("发现日期"), lambda h: h.found_on),
    (gettext_lazy("整改期限"), lambda h: h.deadline),
    (gettext_lazy("整改措施"), lambda h: h.measures),
    (gettext_lazy("整改资金（万元）"), lambda h: h.funds),
    (gettext_lazy("状态"), lambda h: h.get_status_display()),
    (gettext_lazy("销号时间"), lambda h: h.closed_at),
    (gettext_lazy("挂牌督办"), lambda h: _("是") if h.is_listed else ""),
]
WIDTHS = [14, 40, 14, 12, 10, 24, 30, 24, 16, 22, 10, 12, 12, 40, 10, 8, 18, 8]


def hazards_workbook(hazards):
    headers = [title for title, _value in COLUMNS]
    rows = ([value(hazard) for _title, value in COLUMNS] for hazard in hazards)
    return export_workbook(title=_("隐患"), headers=headers, widths=WIDTHS, rows=rows)


def _template_notes():
    return {
        "title": _("隐患（问题）的简要描述，不超过200字"),
        "sector": "、".join(str(label) for label in Sector.labels),
        "level": _("重大事故隐患或一般隐患"),
        "source": _("自查自报、部门检查、执法检查、明察暗访、群众举报或上级交办"),
        "problem_list": _("可不填，默认为安全生产和自然灾害问题清单"),
        "enterprise": _("单位全称、别名或统一社会信用代码；须是您管辖范围内已登记的生产经营单位。不涉及单位的可不填"),
        "place": _("隐患所在的具体位置"),
        "territory": _("乡镇（街道）或村（社区）名称，如 桂溪街道、桂溪街道东街社区；")
        + _("填写了生产经营单位时可不填，默认为其所在乡镇（街道）"),
        "supervising_department": _("县级部门全称或简称（如 应急局）；可不填，默认为生产经营单位的行业监管部门"),
        "responsible_person": _("可不填"),
        "responsible_phone": _("可不填"),
        "found_on": _("日期，如 2024-04-01、2024/4/1 或 2024年4月1日"),
        "deadline": _("日期，不能早于发现日期"),
        "measures": _("可不填"),
        "funds": _("可不填；数字，单位万元，最多两位小数"),
        "status": _("可不填；导入的隐患一律为“待交办”，已在整改或已销号的隐患不能导入"),
    }


def ledger_template_workbook(*, year=None):
    """A blank 隐患台账 with the importer's headers (required ones marked *), one example row, and the rules."""
    year = year or timezone.localdate().year
    example = [_("农贸市场消防通道堆放杂物"), _("消防"), _("一般隐患"), _("部门检查"), "", ""]
    example += [_("东街农贸市场"), "桂溪街道东街社区", "消防救援", _("张三"), "13800000000"]
    example += [date(year, 4, 1), date(year, 4, 30), _("清理杂物，设置禁止堆放标识"), 0.5, _("待交办")]
    return template_workbook(
        title=_("隐患台账"),
        columns=LEDGER_COLUMNS,
        required=LEDGER_REQUIRED,
        widths=[40, 12, 14, 10, 24, 30, 24, 16, 14, 10, 14, 12, 12, 36, 12, 8],
        example=example,
        notes=_template_notes(),
        closing=[_("第2行为示例，导入前请删除或改写。每行登记一条隐患；任何一行有误则整个文件都不导入。")],
    )
