"""Convert a document to PDF with headless LibreOffice, judged by the PDF it leaves."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from reportgen.errors import OutputError

log = logging.getLogger(__name__)
TIMEOUT_S = 240
_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")
EXPORT_FILTERS = {".docx": "writer_pdf_Export", ".pptx": "impress_pdf_Export"}
# LibreOffice's PDF export options (JSON form, LibreOffice 7.4 and later): PDF/UA-1 (ISO 14289-1)
# with its XMP claim, on a tagged PDF; the outline from the headings; the document's title, not
# its file name, in the viewer's title bar (docs/accessibility.md).
PDF_OPTIONS = json.dumps({name: {"type": "boolean", "value": "true"} for name in (
    "PDFUACompliance", "UseTaggedPDF", "ExportBookmarks", "DisplayPDFDocumentTitle")},
    separators=(",", ":"))


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


def convert_to_pdf(document: bytes, suffix: str) -> bytes:
    """Render a .docx or .pptx (given as bytes) to PDF bytes through LibreOffice.

    The PDF is tagged (headings, reading order, alternative text of pictures), for screen readers.
    """
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as tmp:
        work = Path(tmp)
        src = work / f"document{suffix}"
        src.write_bytes(document)
        # Its own profile and HOME per run: parallel runs and a read-only HOME both work.
        env = {**os.environ, "HOME": str(work)}
        export = EXPORT_FILTERS.get(suffix)
        target = f"pdf:{export}:{PDF_OPTIONS}" if export else "pdf"
        cmd = [soffice, "--headless", "--norestore", "--nolockcheck",
               f"-env:UserInstallation={(work / 'profile').as_uri()}",
               "--convert-to", target, "--outdir", str(work / "out"), str(src)]
        try:
            result = subprocess.run(cmd, capture_output=True, text=True, env=env,
                                    timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise OutputError(f"LibreOffice did not finish within {TIMEOUT_S} s") from None
        pdf_path = work / "out" / "document.pdf"
        pdf = pdf_path.read_bytes() if pdf_path.exists() else b""
        if not pdf.startswith(b"%PDF") or page_count(pdf) == 0:
            raise OutputError("LibreOffice produced no PDF pages (exit code "
                              f"{result.returncode}): {result.stderr.strip()[:500]}")
        log.info("PDF rendered: %d pages", page_count(pdf))
        return pdf
