"""Convert a document to PDF with headless LibreOffice, judged by the PDF it leaves."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
from typing import TYPE_CHECKING

from reportgen.errors import OutputError
from reportgen.render.office import Office

if TYPE_CHECKING:  # pikepdf is imported only where a PDF is fixed
    import pikepdf

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


def give_figures_alt_text(pdf: bytes, alts: list[str]) -> bytes:
    """The briefing's PDF with each Word chart's alt text on its Figure.

    LibreOffice (7.4) tags a Word chart as a Figure but leaves out the alt text the .docx gives
    it (pictures keep theirs): the Figures without one, in reading order, are the native charts,
    in the order of `alts`. Where their count differs, nothing is guessed: the PDF is returned
    as it was (the accessibility check of the PDF then names what is missing).
    """
    if not alts:
        return pdf
    import pikepdf  # deferred: only a PDF with native charts needs it

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        root = doc.Root.get("/StructTreeRoot")
        figures = [e for e in _structure(root) if _role(e, root.get("/RoleMap")) == "/Figure"
                   and not str(e.get("/Alt", ""))] if root is not None else []
        if len(figures) != len(alts):
            log.warning("PDF: %d Figures without alt text for %d native charts; left as they are",
                        len(figures), len(alts))
            return pdf
        for figure, alt in zip(figures, alts, strict=True):
            figure.Alt = pikepdf.String(alt)
        out = io.BytesIO()
        # The file's own layout kept (no object streams added), so that its dates stay where
        # pipeline/reproducible.py fixes them.
        doc.save(out, object_stream_mode=pikepdf.ObjectStreamMode.preserve,
                 deterministic_id=True)
    return out.getvalue()


def _structure(element: pikepdf.Object) -> list[pikepdf.Dictionary]:
    """Every structure element under element, depth first (marked-content ids skipped)."""
    import pikepdf  # deferred: as in give_figures_alt_text

    assert isinstance(element, pikepdf.Dictionary)
    kids = element.get("/K")
    found: list[pikepdf.Dictionary] = []
    for kid in kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            found += _structure(kid)
    return found


def _role(element: pikepdf.Object, role_map: pikepdf.Object | None) -> str:
    """The standard type of a structure element, through the document's /RoleMap."""
    import pikepdf  # deferred: as in give_figures_alt_text

    assert isinstance(element, pikepdf.Dictionary)
    name, seen = str(element.S), set()
    while isinstance(role_map, pikepdf.Dictionary) and name in role_map and name not in seen:
        seen.add(name)
        name = str(role_map[name])
    return name
