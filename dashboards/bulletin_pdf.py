"""The bulletin's PDF: the same blocks as the .docx, written as an HTML page with a print stylesheet and
printed by headless Chromium (Debian's `chromium`, with `fonts-noto-cjk` for the Chinese text).

Why Chromium and not LibreOffice converting the .docx: the portal already installs Chromium and the CJK fonts
for its browser tests (`make browser-deps`), while LibreOffice would be a new system dependency of several
hundred megabytes on every worker. The layout is the same A4 page with the same margins, sizes and tables.
"""

import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from inspections.docx import MARGIN, Paragraph

TWIPS_PER_MM = 1440 / 25.4


class PdfError(RuntimeError):
    """Chromium is missing, failed or wrote no PDF."""


def bulletin_html(*, doc, title):
    blocks = []
    for index, block in enumerate(doc.blocks):
        following = doc.blocks[index + 1] if index + 1 < len(doc.blocks) else None
        blocks.append(
            {
                "kind": "p" if isinstance(block, Paragraph) else "table",
                "block": block,
                "widths": _percentages(block),
                # A table's caption stays on the table's page.
                "keep": isinstance(block, Paragraph) and following is not None and not isinstance(following, Paragraph),
            }
        )
    margin_mm = round(MARGIN / TWIPS_PER_MM, 1)
    return render_to_string(
        "dashboards/bulletin_print.html", {"blocks": blocks, "title": title, "margin_mm": margin_mm}
    )


def _percentages(block):
    if isinstance(block, Paragraph):
        return []
    weights = block.widths or [1] * len(block.header)
    return [round(w * 100 / sum(weights), 2) for w in weights]


def html_to_pdf(html):
    """The PDF bytes Chromium prints from `html`; PdfError if it cannot."""
    with tempfile.TemporaryDirectory(prefix="bulletin-") as work:
        source, target = Path(work) / "bulletin.html", Path(work) / "bulletin.pdf"
        source.write_text(html, encoding="utf-8")
        command = [
            settings.BULLETIN_CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            f"--user-data-dir={work}/profile",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            result = subprocess.run(command, capture_output=True, timeout=settings.BULLETIN_PDF_TIMEOUT, check=False)
        except FileNotFoundError as exc:
            raise PdfError(f"{settings.BULLETIN_CHROMIUM} not found: install chromium (make browser-deps)") from exc
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"chromium took longer than {settings.BULLETIN_PDF_TIMEOUT} s") from exc
        data = target.read_bytes() if target.exists() else b""
        if result.returncode != 0 or not data.startswith(b"%PDF-"):
            detail = result.stderr.decode("utf-8", "replace")[-500:]
            raise PdfError(f"chromium exited {result.returncode} without a PDF: {detail}")
        return data
