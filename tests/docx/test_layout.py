"""The layout pass: headings found on their pages, numbers confirmed by a second rendering."""

from __future__ import annotations

import logging

import pytest

import reportgen.docx.layout as layout
from reportgen.docx.fields import ContentsEntry
from reportgen.docx.layout import GUESS, MAX_PASSES, lay_out, locate

ENTRIES = [ContentsEntry("1", "_Toc1", "Executive summary"),
           ContentsEntry("Figure", "_Toc2", "Figure 1: Growth"),
           ContentsEntry("1", "_Toc3", "Energy"),
           ContentsEntry("2", "_Toc4",
                         "President Aliyev at the SCO Summit in Tianjin (late August)")]
PAGES = [
    "Relations in 2031\nOFFICIAL\n",  # the cover
    "Contents\nExecutive summary .......... 3\nEnergy ............ 4\nPresident Aliyev at the "
    "SCO Summit in Tianjin\n(late August) ....... 4\nFigures\nFigure 1: Growth ........ 3\n",
    "Header\nExecutive summary\nEnergy prices rose, as the\nEnergy section shows.\n"
    "Figure 1: Growth\n1 Azeri Observer.\nPage 3 of 4\n",
    "Header\nEnergy\nPresident Aliyev at the SCO Summit in\nTianjin (late August)\nPage 4 of 4\n",
]


def test_entries_are_found_as_whole_lines_in_document_order() -> None:
    assert locate(ENTRIES, PAGES) == {"_Toc1": 3, "_Toc2": 3, "_Toc3": 4, "_Toc4": 4}


def test_text_is_compared_with_ligatures_and_odd_spaces_folded() -> None:
    pages = ["\ufb01nal\u00a0words\n", "Final\u2009words\n"]
    assert locate([ContentsEntry("1", "_Toc1", "final words")], pages) == {"_Toc1": 1}
    assert locate([ContentsEntry("1", "_Toc1", "Final words")], pages) == {"_Toc1": 2}


def test_right_to_left_and_cjk_headings_are_found_as_pdftotext_gives_them() -> None:
    """pdftotext wraps a right-to-left run in directional embeddings and puts spaces between
    CJK and Latin letters; neither is in the heading."""
    pages = ["cover", "\u202bمرحبا بالعالم\u202c (April)\n", "Trade 伂 data\n"]
    entries = [ContentsEntry("1", "_Toc1", "مرحبا بالعالم (April)"),
               ContentsEntry("1", "_Toc2", "Trade伂data")]
    assert locate(entries, pages) == {"_Toc1": 2, "_Toc2": 3}


def test_a_heading_named_like_a_list_is_looked_for_after_the_lists() -> None:
    pages = ["cover", "Contents\nFigures\nFigure 1: Growth ..... 3\n",
             "Figures\nFigure 1: Growth\n"]
    entries = [ContentsEntry("index", "", "Contents"), ContentsEntry("index", "", "Figures"),
               ContentsEntry("1", "_Toc1", "Figures"),
               ContentsEntry("Figure", "_Toc2", "Figure 1: Growth")]
    assert locate(entries, pages) == {"_Toc1": 3, "_Toc2": 3}
    assert locate(entries[2:], pages) == {"_Toc1": 2, "_Toc2": 3}  # what the titles prevent


def test_an_entry_not_on_any_page_is_left_out() -> None:
    assert locate([ContentsEntry("1", "_Toc1", "Nowhere")], PAGES) == {}


def _fake_renderer(monkeypatch: pytest.MonkeyPatch, pages_for: dict[int | None, int]) -> list:
    """LibreOffice stand-in: the heading lands on pages_for[the number the contents show]."""
    renders = []
    monkeypatch.setattr(layout, "missing_tools", lambda: "")  # no LibreOffice or poppler needed
    monkeypatch.setattr(layout, "convert_to_pdf", lambda docx, suffix: renders.append(docx)
                        or b"%PDF " + docx)
    monkeypatch.setattr(layout, "page_texts", lambda pdf: [
        "cover", "Contents", *["filler"] * (pages_for[int(pdf.split()[1])] - 3), "Energy"])
    return renders


def _write(page_of: layout.PageOf) -> tuple[bytes, list[ContentsEntry]]:
    return str(page_of("_Toc1")).encode(), [ContentsEntry("1", "_Toc1", "Energy")]


def test_numbers_are_confirmed_by_a_second_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    renders = _fake_renderer(monkeypatch, {GUESS: 5, 5: 5})
    laid = lay_out(_write)
    assert renders == [str(GUESS).encode(), b"5"]
    assert laid.docx == b"5" and laid.pdf == b"%PDF 5" and laid.pages == {"_Toc1": 5}


def test_contents_that_move_the_pages_are_measured_again(monkeypatch: pytest.MonkeyPatch,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    # A page number that makes the contents a page longer or shorter each time it changes.
    assert GUESS == 10
    renders = _fake_renderer(monkeypatch, {10: 9, 9: 10})
    with caplog.at_level(logging.WARNING):
        laid = lay_out(_write)
    assert len(renders) == MAX_PASSES
    assert laid.pdf is None  # the bytes returned were not rendered: the build renders them
    assert "still moved after 3 layout passes" in caplog.text


def test_without_libreoffice_one_warning_and_no_numbers(monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(layout, "find_soffice", lambda: None)
    with caplog.at_level(logging.WARNING):
        laid = lay_out(_write)
    assert laid.docx == b"None" and laid.pdf is None
    assert len(caplog.records) == 1 and "LibreOffice is not installed" in caplog.text


def test_without_pdftotext_the_package_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(layout.shutil, "which", lambda name: None)
    assert layout.missing_tools() == "pdftotext is not installed (Debian: poppler-utils)"


@pytest.mark.parametrize("shown", ["1 Economy and trade", "2.3 Economy and trade",
                                   "IV. Economy and trade", "1 ECONOMY AND TRADE",
                                   "1 Economy and\ntrade", "\uf0b7 Economy and trade"])
def test_a_house_s_numbered_heading_is_found_after_its_number(shown: str) -> None:
    """Numbered headings (a house's heading style with a list number) and headings set in
    capitals keep their page numbers in the contents."""
    pages = ["cover", "Contents\nEconomy and trade ..... 3\n", f"{shown}\nText of it.\n"]
    entries = [ContentsEntry("index", "", "Contents"), ContentsEntry("1", "_Toc1",
                                                                     "Economy and trade")]
    assert locate(entries, pages) == {"_Toc1": 3}


def test_a_number_is_not_mistaken_for_a_heading_s_words() -> None:
    pages = ["cover", "Figure 1: Trade\nIn 2031 Trade\n"]
    assert locate([ContentsEntry("1", "_Toc1", "Trade")], pages) == {}


def test_one_layout_sets_the_pages_and_the_briefing_is_written_with_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Where LibreOffice sets the contents' pages in its one layout, nothing is rendered again:
    the PDF is that layout's, and the briefing is written with the pages it set."""
    renders = _fake_renderer(monkeypatch, {5: 5})
    asked: list[tuple[bytes, list[str]]] = []

    def fill(docx: bytes, bookmarks: list[str]) -> tuple[bytes, dict[str, int]]:
        asked.append((docx, bookmarks))
        return b"%PDF 5", {"_Toc1": 5}

    laid = lay_out(_write, fill=fill)
    assert asked == [(str(GUESS).encode(), ["_Toc1"])] and renders == []
    assert laid.docx == b"5" and laid.pdf == b"%PDF 5" and laid.pages == {"_Toc1": 5}


@pytest.mark.parametrize("set_by_layout", [{}, {"_Toc1": 4}])
def test_pages_one_layout_did_not_set_or_that_its_text_denies_are_measured_again(
        monkeypatch: pytest.MonkeyPatch, set_by_layout: dict[str, int]) -> None:
    """A line the layout did not set, or a page the PDF's text does not confirm (the heading
    is found on page 5, not 4), is never kept: the briefing is rendered as written."""
    renders = _fake_renderer(monkeypatch, {GUESS: 5, 4: 5, 5: 5})
    laid = lay_out(_write, fill=lambda docx, bookmarks: (b"%PDF 4", set_by_layout))
    assert renders[-1] == b"5" and laid.docx == b"5" and laid.pages == {"_Toc1": 5}


def test_without_uno_the_passes_render_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    renders = _fake_renderer(monkeypatch, {GUESS: 5, 5: 5})
    laid = lay_out(_write, fill=lambda docx, bookmarks: None)
    assert renders == [str(GUESS).encode(), b"5"] and laid.docx == b"5"


def test_a_briefing_whose_pages_one_layout_keeps_is_written_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild whose pages did not move: the layout shows on each line the number the
    briefing was written with, so the briefing is kept as written, not written again."""
    renders = _fake_renderer(monkeypatch, {GUESS: GUESS})
    writes: list[bytes] = []

    def write(page_of: layout.PageOf) -> tuple[bytes, list[ContentsEntry]]:
        written = _write(page_of)
        writes.append(written[0])
        return written

    laid = lay_out(write, fill=lambda docx, bookmarks: (b"%PDF 10", {"_Toc1": GUESS}))
    assert writes == [str(GUESS).encode()] and renders == []
    assert laid.docx == writes[0] and laid.pages == {"_Toc1": GUESS}
