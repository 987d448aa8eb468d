"""A minimal Word (.docx) writer: paragraphs and tables, nothing else, with the standard library only
(python-docx is not among the project's requirements). The package holds the three parts Word needs —
[Content_Types].xml, _rels/.rels and word/document.xml (WordprocessingML) — plus a small styles part so the
text is set in 仿宋/宋体 as county documents are.
"""

import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from xml.sax.saxutils import escape

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"

CONTENT_TYPES = (
    f'{XML_HEAD}<Types xmlns="{PACKAGE}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{WORD_TYPE}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{WORD_TYPE}.styles+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    f'{XML_HEAD}<Relationships xmlns="{PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{OFFICE_RELS}/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
DOCUMENT_RELS = (
    f'{XML_HEAD}<Relationships xmlns="{PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{OFFICE_RELS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)

STYLES = f"""{XML_HEAD}
<w:styles xmlns:w="{W_NS}">
<w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋" w:cs="Times New Roman"/>
<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>
</w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>
<w:tblPr><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>
</w:style>
</w:styles>"""

# A4 in twentieths of a point; landscape swaps the sides.
A4_SHORT, A4_LONG, MARGIN = 11906, 16838, 1440


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    size: int = 16  # points
    align: str = "both"  # left, center, right, both (justified)
    font: str = ""  # an East Asian font name, e.g. 方正小标宋简体 for a title
    indent_first: bool = False  # 首行缩进两字


@dataclass
class Table:
    header: list
    rows: list
    size: int = 10
    widths: list = field(default_factory=list)  # relative column widths
    bold_last: bool = False  # a total row


@dataclass
class Document:
    blocks: list = field(default_factory=list)
    landscape: bool = False

    def paragraph(self, text, **kwargs):
        self.blocks.append(Paragraph(text, **kwargs))

    def table(self, header, rows, **kwargs):
        self.blocks.append(Table(header, rows, **kwargs))

    def to_bytes(self):
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            package.writestr("[Content_Types].xml", CONTENT_TYPES)
            package.writestr("_rels/.rels", PACKAGE_RELS)
            package.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
            package.writestr("word/styles.xml", STYLES)
            package.writestr("word/document.xml", self.document_xml())
        return out.getvalue()

    @property
    def text_width(self):
        return (A4_LONG if self.landscape else A4_SHORT) - 2 * MARGIN

    def document_xml(self):
        body = "".join(
            _paragraph(b) if isinstance(b, Paragraph) else _table(b, self.text_width) + _paragraph(Paragraph(""))
            for b in self.blocks
        )
        return f'{XML_HEAD}<w:document xmlns:w="{W_NS}"><w:body>{body}{self._section()}</w:body></w:document>'

    def _section(self):
        width, height = (A4_LONG, A4_SHORT) if self.landscape else (A4_SHORT, A4_LONG)
        orient = ' w:orient="landscape"' if self.landscape else ""
        return (
            f'<w:sectPr><w:pgSz w:w="{width}" w:h="{height}"{orient}/>'
            f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" '
            'w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>'
        )


def _text(value):
    # Control characters other than tab and line breaks are not allowed in XML 1.0.
    cleaned = "".join(c for c in str(value) if c in "\t\n\r" or ord(c) >= 0x20)
    return escape(cleaned)


def _run(text, *, bold=False, size=16, font=""):
    props = ""
    if font:
        props += f'<w:rFonts w:eastAsia="{_text(font)}"/>'
    if bold:
        props += "<w:b/>"
    props += f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>'
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{_text(text)}</w:t></w:r>'


def _paragraph(p):
    indent = f'<w:ind w:firstLine="{p.size * 40}"/>' if p.indent_first else ""
    props = f'<w:pPr><w:spacing w:after="120" w:line="360" w:lineRule="auto"/>{indent}<w:jc w:val="{p.align}"/></w:pPr>'
    run = _run(p.text, bold=p.bold, size=p.size, font=p.font) if p.text else ""
    return f"<w:p>{props}{run}</w:p>"


def _cell(text, width, size, *, bold=False, align="center"):
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:after="0"/><w:jc w:val="{align}"/></w:pPr>'
        f"{_run(text, bold=bold, size=size)}</w:p></w:tc>"
    )


def _table(t, text_width):
    count = len(t.header)
    weights = t.widths or [1] * count
    widths = [int(text_width * w / sum(weights)) for w in weights]
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} {border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    header = "".join(_cell(text, w, t.size, bold=True) for text, w in zip(t.header, widths, strict=True))
    rows = [f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{header}</w:tr>"]
    for number, cells in enumerate(t.rows, start=1):
        bold = t.bold_last and number == len(t.rows)
        tds = "".join(
            _cell(text, w, t.size, bold=bold, align="left" if i == 0 else "center")
            for i, (text, w) in enumerate(zip(cells, widths, strict=True))
        )
        rows.append(f"<w:tr>{tds}</w:tr>")
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
