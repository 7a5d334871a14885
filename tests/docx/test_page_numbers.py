"""The running "Page 3 of 11" in each edition's language, the template's own in its language."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from ..conftest import Built, pdf_pages


def _footer_text(docx: Path) -> str:
    doc = Document(str(docx))
    return " | ".join(p.text for s in doc.sections for p in s.footer.paragraphs if p.text)


@pytest.mark.parametrize(("locale", "words"), [
    ("en", ("Page ", " of ")),
    ("az", ("Səhifə ", " / ")),
    ("zh", ("第", "页，共")),
])
def test_the_page_number_is_worded_in_the_editions_language(
        edition_builds: dict[str, Built], locale: str, words: tuple[str, str]) -> None:
    built = edition_builds[locale]
    footer = _footer_text(built.docx)
    assert all(w in footer for w in words), footer
    pages = pdf_pages(built.pdf_of(".docx"))
    last = len(pages)
    shown = {"en": f"Page {last} of {last}", "az": f"Səhifə {last} / {last}",
             "zh": f"第{last}页，共{last}页"}[locale]
    # Compared without spaces: pdftotext puts some beside Chinese characters.
    assert shown.replace(" ", "") in "".join(pages[-1].split()), pages[-1][-200:]
    if locale != "en":
        assert "Page " not in footer and " of " not in footer


def test_text_the_template_lacks_around_the_fields_is_added_in_its_format() -> None:
    """A template footer of only "1 / 1" (PAGE, " / ", NUMPAGES) worded as "第1页，共1页":
    runs before and after the fields, formatted as the template's own text."""
    from docx.oxml.ns import qn

    from reportgen.docx.fields import localise_page_numbers

    from ..conftest import TEMPLATES

    doc = Document(str(TEMPLATES / "briefing.docx"))
    footer = next(p for s in doc.sections for p in s.footer.paragraphs if "Page" in p.text)
    first = next(t for t in footer._p.iter(qn("w:t")) if t.text == "Page ")
    first.getparent().getparent().remove(first.getparent())
    assert footer.text == "1 of 1"
    localise_page_numbers(doc, "第{page}页，共{pages}页")
    assert footer.text == "第1页，共1页"
    runs = [r for r in footer._p.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    sizes = {r.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) for r in runs
             if r.find(f"{qn('w:rPr')}/{qn('w:sz')}") is not None}
    assert len(sizes) <= 1, sizes  # the new runs take the template's formatting
