"""The "三个强度" bulletin as files a county office sends out: an Excel table and a Word 通报."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.spreadsheets import append_row, workbook_bytes
from inspections.bulletin import money, signed
from inspections.docx import Document
from inspections.months import add_months, month_label

ISSUER = gettext_noop("垫江县安全生产委员会办公室")
METRIC_TITLES = {
    "inspections": gettext_noop("执法检查（次）"),
    "problems": gettext_noop("发现问题（个）"),
    "penalties": gettext_noop("行政处罚（件）"),
    "amount": gettext_noop("罚款金额（元）"),
}


def _metric_titles():
    return {key: _(title) for key, title in METRIC_TITLES.items()}


def bulletin_xlsx(bulletin):
    """One sheet: the title, then per department each figure with the month before and a year before."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("三个强度")
    titles = _metric_titles()
    periods = [_("本月"), _("上月"), _("环比增减"), _("去年同月"), _("同比增减")]
    width = 1 + len(titles) * len(periods)
    append_row(sheet, [bulletin.title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    append_row(sheet, [_("统计月份：%(m)s；上月：%(p)s；去年同月：%(y)s") % _labels(bulletin)])
    append_row(sheet, [_("部门")] + [f"{title}{period}" for title in titles.values() for period in periods])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for row in [*bulletin.rows, bulletin.total]:
        cells = [row.name]
        for _name, figure in row.metrics():
            cells += [figure.current, figure.previous, figure.vs_previous, figure.last_year, figure.vs_last_year]
        append_row(sheet, cells)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 22
    for column in range(2, width + 1):
        sheet.column_dimensions[sheet.cell(3, column).column_letter].width = 12
    sheet.freeze_panes = "B4"
    return workbook_bytes(book)


def _labels(bulletin):
    return {"m": month_label(bulletin.month), "p": month_label(bulletin.previous), "y": month_label(bulletin.last_year)}


def _docx_cells(row):
    i, p, n, a = row.inspections, row.problems, row.penalties, row.amount
    return [
        row.name,
        str(i.current),
        signed(i.vs_previous),
        signed(i.vs_last_year),
        str(p.current),
        signed(p.vs_previous),
        signed(p.vs_last_year),
        str(n.current),
        money(a.current),
        signed(a.vs_previous, money=True),
        signed(a.vs_last_year, money=True),
    ]


def bulletin_docx(bulletin):
    """The 通报 as a county office lays it out: title, 文号, the body generated from the figures, the table."""
    doc = Document(landscape=True)
    issued_year = add_months(bulletin.month, 1).year
    doc.paragraph(bulletin.title, bold=True, size=22, align="center", font="方正小标宋简体")
    doc.paragraph(_("垫安办〔%(y)d〕　　号") % {"y": issued_year}, size=16, align="center")
    doc.paragraph(_("各县级有关部门："), size=16, align="left")
    doc.paragraph(bulletin.summary(), size=16, indent_first=True)
    doc.paragraph(
        _(
            "现将%(m)s各部门安全生产执法检查强度、发现问题强度、行政处罚强度情况通报如下（环比、同比为与上月、去年同月相比的增减）。"
        )
        % _labels(bulletin),
        size=16,
        indent_first=True,
    )
    titles = _metric_titles()
    header = [
        _("部门"),
        titles["inspections"],
        _("环比"),
        _("同比"),
        titles["problems"],
        _("环比"),
        _("同比"),
        titles["penalties"],
        titles["amount"],
        _("环比"),
        _("同比"),
    ]
    rows = [_docx_cells(row) for row in [*bulletin.rows, bulletin.total]]
    doc.table(header, rows, size=10, widths=[3, 2, 1.4, 1.4, 2, 1.4, 1.4, 2, 2.6, 2.4, 2.4], bold_last=True)
    doc.paragraph(_(ISSUER), size=16, align="right")
    return doc.to_bytes()
