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


def _runs(*parts: str) -> str:
    """A footer paragraph's runs: "PAGE" and "NUMPAGES" are fields, "\t" a tab, else text."""
    xml = []
    for part in parts:
        if part in ("PAGE", "NUMPAGES"):
            xml += ['<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                    f'<w:r><w:instrText xml:space="preserve"> {part} </w:instrText></w:r>',
                    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', "<w:r><w:t>1</w:t></w:r>",
                    '<w:r><w:fldChar w:fldCharType="end"/></w:r>']
        elif part == "\t":
            xml.append("<w:r><w:tab/></w:r>")
        else:
            xml.append(f'<w:r><w:t xml:space="preserve">{part}</w:t></w:r>')
    return "".join(xml)


@pytest.mark.parametrize(("house", "worded"), [
    (("Side", " ", "PAGE", " av ", "NUMPAGES"), "Page 1 of 1"),  # was "SidePage 1 of 1"
    (("Si", "de ", "PAGE", " av ", "NUMPAGES"), "Page 1 of 1"),
    (("Konfidensielt – Side ", "PAGE", " av ", "NUMPAGES"), "Konfidensielt – Page 1 of 1"),
    (("Intern", "\t", "Side ", "PAGE", " av ", "NUMPAGES"), "Intern\tPage 1 of 1"),
    (("Стр. ", "PAGE", " из ", "NUMPAGES", "\t", "Институт"), "Page 1 of 1\tИнститут"),
    (("PAGE", "/", "NUMPAGES"), "Page 1 of 1"),
])
def test_the_house_s_page_wording_is_replaced_whole(house: tuple[str, ...], worded: str) -> None:
    """However the house split its "Side X av Y" into runs, the words around the fields are
    the edition's, and text beyond a tab stays the house's."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from reportgen.docx.fields import localise_page_numbers

    doc = Document()
    footer = doc.sections[0].footer.paragraphs[0]
    for child in list(parse_xml(f"<w:p {nsdecls('w')}>{_runs(*house)}</w:p>")):
        footer._p.append(child)
    localise_page_numbers(doc, "Page {page} of {pages}")
    assert footer.text == worded
