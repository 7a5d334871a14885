"""Convert a document to PDF with headless LibreOffice, judged by the PDF it leaves."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import tempfile

from reportgen.errors import OutputError
from reportgen.render.office import Office

log = logging.getLogger(__name__)
TIMEOUT_S = 240  # per conversion; REPORTGEN_OFFICE_TIMEOUT (seconds) allows longer
TIMEOUT_VARIABLE = "REPORTGEN_OFFICE_TIMEOUT"


def timeout_s() -> float:
    """How long one conversion may take: REPORTGEN_OFFICE_TIMEOUT when set to a number of
    seconds (a very long briefing on a loaded machine), else TIMEOUT_S."""
    given = os.environ.get(TIMEOUT_VARIABLE, "")
    try:
        value = float(given)
    except ValueError:
        return TIMEOUT_S
    return value if value > 0 else TIMEOUT_S
_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")
EXPORT_FILTERS = {".docx": "writer_pdf_Export", ".pptx": "impress_pdf_Export"}
# LibreOffice's PDF export options (JSON form, LibreOffice 7.4 and later): PDF/UA-1 (ISO 14289-1)
# with its XMP claim, on a tagged PDF; the outline from the headings; the document's title, not
# its file name, in the viewer's title bar (docs/accessibility.md); pictures kept lossless (the
# charts' thin lines and small labels, which JPEG blurs; and faster to write than JPEG).
PDF_OPTIONS = json.dumps({name: {"type": "boolean", "value": "true"} for name in (
    "PDFUACompliance", "UseTaggedPDF", "ExportBookmarks", "DisplayPDFDocumentTitle",
    "UseLosslessCompression")}, separators=(",", ":"))


def find_soffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def page_count(pdf: bytes) -> int:
    """Pages in a PDF, via pdfinfo when installed, else by counting page objects."""
    if shutil.which("pdfinfo"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(pdf)
            f.flush()
            info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True,
                                  check=False)
        match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
        if match:
            return int(match.group(1))
    return len(_PAGE.findall(pdf))


def require_soffice() -> str:
    """The LibreOffice executable, or an error that says which package to install."""
    soffice = find_soffice()
    if soffice is None:
        raise OutputError("LibreOffice is not installed, so no PDF can be made: install the "
                          "Debian packages libreoffice-writer-nogui and libreoffice-impress-nogui "
                          "(or build without the pdf format)")
    return soffice


def convert_to_pdf(document: bytes, suffix: str, office: Office | None = None) -> bytes:
    """Render a .docx or .pptx (given as bytes) to PDF bytes through LibreOffice.

    The PDF is tagged (headings, reading order, alternative text of pictures), for screen readers.
    Through the build's running office when given, else through one started for this document.
    """
    if office is None:
        with Office(require_soffice(), timeout_s()) as started:
            return convert_to_pdf(document, suffix, started)
    export = EXPORT_FILTERS.get(suffix)
    pdf, said = office.convert(document, suffix, "pdf", export, PDF_OPTIONS if export else "")
    if not pdf.startswith(b"%PDF") or page_count(pdf) == 0:
        raise OutputError(f"LibreOffice produced no PDF pages ({said})")
    log.info("PDF rendered: %d pages", page_count(pdf))
    return pdf


def convert_with_contents(docx: bytes, bookmarks: list[str], office: Office
                          ) -> tuple[bytes, dict[str, int]] | None:
    """A briefing rendered to PDF in one layout, its contents lines (those linking to
    bookmarks) showing the pages that layout gives them; the PDF and those pages. None where
    the office cannot (no LibreOffice over UNO): then the pages are found by rendering."""
    done = office.convert_with_contents(docx, EXPORT_FILTERS[".docx"], PDF_OPTIONS, bookmarks)
    if done is None:
        return None
    pdf, said, pages = done
    count = page_count(pdf) if pdf.startswith(b"%PDF") else 0
    if count == 0:  # rendered as written instead, which says what is wrong if it fails too
        log.info("LibreOffice could not set the contents' pages in one layout (%s)", said)
        return None
    log.info("PDF rendered in one layout: %d pages, %d contents lines", count, len(pages))
    return pdf, pages


def start_office() -> Office:
    """A LibreOffice for one build's conversions (enter it to start it; see office.py)."""
    return Office(require_soffice(), timeout_s())
