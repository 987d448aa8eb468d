"""Reading a generated bulletin back: the .docx's paragraphs and tables, and the PDF's text (pdftotext)."""

import shutil
import subprocess
import zipfile
from io import BytesIO
from xml.etree import ElementTree

import pytest
from django.conf import settings

from inspections.docx import W_NS

W = f"{{{W_NS}}}"

needs_chromium = pytest.mark.skipif(
    not shutil.which(settings.BULLETIN_CHROMIUM) or not shutil.which("pdftotext"),
    reason="the PDF is printed by chromium and read back by pdftotext: `make browser-deps` installs both",
)


def _text(element):
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def docx_parts(data):
    """(paragraph texts outside tables, tables as lists of rows of cell texts) of a .docx's bytes."""
    with zipfile.ZipFile(BytesIO(data)) as package:
        assert package.testzip() is None
        names = set(package.namelist())
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= names
        root = ElementTree.fromstring(package.read("word/document.xml"))
    body = root.find(f"{W}body")
    paragraphs = [_text(p) for p in body.findall(f"{W}p")]
    tables = [
        [[_text(cell) for cell in row.findall(f"{W}tc")] for row in table.findall(f"{W}tr")]
        for table in body.findall(f"{W}tbl")
    ]
    return paragraphs, tables


def table_values(tables):
    """{label: value} of every two-column 指标/数值 table."""
    values = {}
    for table in tables:
        if table[0][:2] == ["指标", "数值"] and len(table[0]) == 2:
            for label, value in table[1:]:
                values.setdefault(label, []).append(value)
    return values


def pdf_text(data):
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
    result = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.decode("utf-8")


def pdf_pages(data):
    result = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True)
    line = next(x for x in result.stdout.decode().splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])
