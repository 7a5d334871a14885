"""PDF export through headless LibreOffice, judged by the PDF it leaves; tagged PDF."""

from __future__ import annotations

import subprocess

import pytest

import reportgen.render.pdf as pdf_export
from reportgen.errors import OutputError

from ..conftest import Built


def test_without_libreoffice_the_error_names_the_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_export, "find_soffice", lambda: None)
    with pytest.raises(OutputError, match="install the Debian packages libreoffice-writer-nogui "
                                          "and libreoffice-impress-nogui"):
        pdf_export.convert_to_pdf(b"PK", ".docx")


def test_no_pdf_is_a_failure_whatever_the_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_export, "find_soffice", lambda: "/bin/true")  # exits 0, writes nothing
    with pytest.raises(OutputError, match=r"LibreOffice produced no PDF pages \(exit code 0\)"):
        pdf_export.convert_to_pdf(b"PK", ".docx")


def test_the_briefing_pdf_is_tagged_with_its_title(default_build: Built) -> None:
    pdf = default_build.pdf_of(".docx")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert "Tagged:          yes" in info
    assert "Title:           China–Azerbaijan Relations in 2025" in info
    assert pdf_export.page_count(pdf.read_bytes()) == int(info.split("Pages:")[1].split()[0])
