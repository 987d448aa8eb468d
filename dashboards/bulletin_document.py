"""The bulletin as a county office lays it out — title, 文号, salutation, body in numbered parts, tables,
issuer and date — built once as blocks (inspections.docx) from which both the .docx and the PDF's HTML are
written, so the two files always say the same."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from dashboards.bulletin_figures import HAZARD_FLOWS
from inspections.bulletin import money
from inspections.docx import Document

ISSUER = gettext_noop("垫江县安全生产委员会办公室")
BODY = 16  # 三号
TABLE = 10.5


def bulletin_document(*, bulletin, figures, issued_on=None):
    doc = Document()
    issued_on = issued_on or timezone.localdate()
    doc.paragraph(bulletin.title, bold=True, size=22, align="center", font="方正小标宋简体")
    doc.paragraph(bulletin.document_number, size=BODY, align="center")
    salutation = _("各乡镇（街道）、县级有关部门：") if bulletin.unit_id is None else f"{bulletin.unit.display_name}："
    doc.paragraph(salutation, size=BODY, align="left")
    intro = _("现将%(period)s%(who)s安全生产和自然灾害防治工作情况通报如下。")
    _body(doc, intro % {"period": bulletin.period_label, "who": bulletin.subject})
    for number, part in enumerate((_plan, _overdue, _hazards, _warnings, _enforcement), start=1):
        part(doc, figures, number)
    doc.paragraph(_(ISSUER), size=BODY, align="right")
    doc.paragraph(
        _("%(y)d年%(m)d月%(d)d日") % {"y": issued_on.year, "m": issued_on.month, "d": issued_on.day},
        size=BODY,
        align="right",
    )
    return doc


NUMERALS = "一二三四五六七八九十"


def _heading(doc, number, text):
    doc.paragraph(f"{NUMERALS[number - 1]}、{text}", bold=True, size=BODY, font="黑体", indent_first=True)


def _body(doc, text):
    doc.paragraph(text, size=BODY, indent_first=True)


def _figures_table(doc, caption, figures):
    """A two-column table, 指标 and 数值: the exact figures the prose quotes."""
    doc.paragraph(caption, bold=True, size=12, align="center")
    doc.table([_("指标"), _("数值")], [[f.label, _number(f.value)] for f in figures], size=TABLE, widths=[3, 2])


def _number(value):
    return str(value) if isinstance(value, int) else money(value)


def _listing(figures, unit=""):
    return "，".join(f"{f.label}{_number(f.value)}{unit}" for f in figures)


def _day(on):
    return _("%(y)d年%(m)d月%(d)d日") % {"y": on.year, "m": on.month, "d": on.day}


def _plan(doc, figures, number):
    plan = figures.state.plan
    _heading(doc, number, _("工作要点推进情况"))
    text = _("截至%(day)s，%(year)s年工作要点：%(measures)s；三色督办：%(colours)s。") % {
        "day": _day(figures.on),
        "year": figures.state.plan_year,
        "measures": _listing(plan.measures, _("项")),
        "colours": _listing(plan.colours, _("项")),
    }
    _body(doc, text)
    _figures_table(doc, _("表%(n)d-1 措施推进情况") % {"n": number}, [*plan.measures, *plan.colours])
    _breakdown_table(doc, _("表%(n)d-2 分体系完成情况") % {"n": number}, _("体系"), plan.systems)
    _breakdown_table(doc, _("表%(n)d-3 分工作事项完成情况") % {"n": number}, _("工作事项"), plan.work_items)
    if plan.targets:
        doc.paragraph(_("表%(n)d-4 量化目标完成情况") % {"n": number}, bold=True, size=12, align="center")
        header = [_("序号"), _("目标"), _("单位"), _("目标值"), _("完成值"), _("完成率")]
        rows = [
            [str(t.number), t.name, t.unit_of_measure, _number(t.value), _number(t.actual), f"{t.percent}%"]
            for t in plan.targets
        ]
        doc.table(header, rows, size=TABLE, widths=[1, 5, 1.2, 1.5, 1.5, 1.5])


def _breakdown_table(doc, caption, first, rows, *, total_label=None):
    doc.paragraph(caption, bold=True, size=12, align="center")
    header = [first, _("措施数"), _("已完成"), _("逾期"), _("完成率")]
    cells = [[r.label, str(r.total), str(r.done), str(r.overdue), f"{r.percent}%"] for r in rows]
    if not cells:
        cells = [[_("无"), "0", "0", "0", "0.0%"]]
    doc.table(header, cells, size=TABLE, widths=[5, 1.5, 1.5, 1.5, 1.5])


def _overdue(doc, figures, number):
    rows = figures.state.plan.overdue_by_unit
    _heading(doc, number, _("逾期事项及责任单位"))
    if not rows:
        _body(doc, _("截至%(day)s，没有逾期未完成的措施。") % {"day": _day(figures.on)})
        return
    names = "、".join(_("%(unit)s（%(n)d项）") % {"unit": r.label, "n": r.overdue} for r in rows)
    text = _("截至%(day)s，共有%(count)d个单位牵头的措施逾期未完成：%(names)s。请上述单位抓紧推进，按时办结。")
    _body(doc, text % {"day": _day(figures.on), "count": len(rows), "names": names})
    _breakdown_table(doc, _("表%(n)d-1 逾期措施责任单位") % {"n": number}, _("责任单位"), rows)


def _hazards(doc, figures, number):
    hazards = figures.state.hazards
    _heading(doc, number, _("隐患排查治理情况"))
    standing = [f for f in figures.hazard_totals if f.key not in HAZARD_FLOWS]
    flows = [f for f in figures.hazard_totals if f.key in HAZARD_FLOWS]
    text = _("截至%(day)s：%(standing)s；%(flows)s。") % {
        "day": _day(figures.on),
        "standing": _listing(standing, _("项")),
        "flows": _listing(flows, _("项")),
    }
    _body(doc, text)
    _figures_table(doc, _("表%(n)d-1 隐患总体情况") % {"n": number}, figures.hazard_totals)
    doc.paragraph(_("表%(n)d-2 未整改隐患分类") % {"n": number}, bold=True, size=12, align="center")
    rows = [
        [group, f.label, _number(f.value)]
        for group, items in (
            (_("按等级"), hazards.by_level),
            (_("按行业"), hazards.by_sector),
            (_("按时长"), hazards.by_age),
        )
        for f in items
    ]
    doc.table([_("分类"), _("项目"), _("数量")], rows or [[_("无"), "", "0"]], size=TABLE, widths=[1.5, 3, 1.5])


def _warnings(doc, figures, number):
    _heading(doc, number, _("预警叫应和巡查情况"))
    text = _("预警叫应：%(warnings)s。巡查：%(patrols)s。") % {
        "warnings": _listing(figures.state.warnings),
        "patrols": _listing(figures.state.patrols),
    }
    _body(doc, text)
    rows = [*figures.state.warnings, *figures.state.patrols]
    _figures_table(doc, _("表%(n)d-1 预警叫应和巡查") % {"n": number}, rows)


def _enforcement(doc, figures, number):
    _heading(doc, number, _("执法检查“三个强度”情况"))
    rows = figures.enforcement_rows
    if figures.enforcement_summary:
        _body(doc, figures.enforcement_summary)
    elif rows:
        total = rows[-1]
        text = _("本季度共开展执法检查%(i)d次，发现问题%(p)d个，作出行政处罚%(k)d件，罚款%(a)s元。")
        _body(doc, text % {"i": total.inspections, "p": total.problems, "k": total.penalties, "a": money(total.amount)})
    if not rows:
        _body(doc, _("本期没有执法检查数据。"))
        return
    doc.paragraph(_("表%(n)d-1 执法检查“三个强度”") % {"n": number}, bold=True, size=12, align="center")
    header = [_("部门"), _("执法检查（次）"), _("发现问题（个）"), _("行政处罚（件）"), _("罚款金额（元）")]
    cells = [[r.name, str(r.inspections), str(r.problems), str(r.penalties), money(r.amount)] for r in rows]
    doc.table(header, cells, size=TABLE, widths=[3, 1.6, 1.6, 1.6, 2], bold_last=True)
