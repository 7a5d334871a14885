"""Page numbers for the briefing's contents, measured by laying the document out in LibreOffice.

The contents and the lists of figures and tables are Word TOC fields whose shown result
reportgen fills in itself, so that the file opens complete and Word never asks to update fields.
The page of each entry is read off a real rendering. Where LibreOffice runs over UNO, one layout
does it: the briefing is written with the pages known so far, loaded once, the page of each
entry's bookmark read from that layout and set on its contents line, and the PDF exported from
that same loaded document; the briefing's contents lines are then given those pages (the same
bytes as writing it again with them, and as a rendering of it would show, which the tests
compare; a briefing whose pages did not move is kept as written). Either way the PDF is
accepted only when each heading and caption is found, in its text, on the page its contents
line shows. Otherwise (or without UNO) the briefing is written and rendered again with the pages
found, at most MAX_PASSES times. The first pass shows the pages of the previous build where they
are known, so that a rebuild whose pages did not move changes no number.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from reportgen.docx.fields import ContentsEntry, PageOf, with_pages
from reportgen.errors import OutputError
from reportgen.render.pdf import convert_to_pdf, find_soffice

log = logging.getLogger(__name__)

MAX_PASSES = 3
# The first pass shows this on every entry, so that the contents already have their final shape.
GUESS = 10
JOIN_LINES = 5  # a heading or caption may wrap over this many lines
# The first pass sets the contents' pages in LibreOffice's one layout where it can (a test turns
# this off, to compare with a build that renders each pass as written).
ONE_LAYOUT = True

# Writes the briefing with the pages known so far; returns its bytes and its contents entries.
WriteBriefing = Callable[[PageOf], tuple[bytes, list[ContentsEntry]]]
# Renders a .docx to PDF (the build passes one that uses its running LibreOffice).
Render = Callable[[bytes], bytes]
# Renders a .docx to PDF in one layout, each contents line that links to one of the bookmarks
# showing the page that layout gives the bookmark: the PDF and the page shown on each line;
# None where LibreOffice cannot (no UNO).
RenderFilled = Callable[[bytes, list[str]], "tuple[bytes, dict[str, int]] | None"]


@dataclass(frozen=True)
class LaidOut:
    """The briefing with its contents filled in, and LibreOffice's PDF of exactly these bytes."""

    docx: bytes
    pdf: bytes | None = None
    pages: dict[str, int] = field(default_factory=dict)


def missing_tools() -> str | None:
    """What is missing for a layout pass, said for a person to install; None if nothing."""
    if find_soffice() is None:
        return "LibreOffice is not installed (Debian: libreoffice-writer-nogui)"
    if shutil.which("pdftotext") is None:
        return "pdftotext is not installed (Debian: poppler-utils)"
    return None


def lay_out(write: WriteBriefing, step: Callable[[str], None] = lambda _: None,
            render: Render | None = None, previous: Mapping[str, int] | None = None,
            fill: RenderFilled | None = None) -> LaidOut:
    """Compose the briefing with the page numbers a LibreOffice rendering gives its contents.

    previous: the pages of the last build, shown by the first pass where they are known.
    fill: renders in one layout, setting the contents' pages (tried on the first pass).
    """
    missing = missing_tools()
    if missing:
        log.warning("%s, so the table of contents lists the headings without page numbers; "
                    "Word fills them in when the fields are updated (F9)", missing)
        docx, _ = write(lambda _: None)
        return LaidOut(docx)

    known = dict(previous or {})

    def guess(bookmark: str) -> int | None:
        return known.get(bookmark, GUESS)

    page_of: PageOf = guess
    found: dict[str, int] = {}
    entries: list[ContentsEntry] = []
    for attempt in range(1, MAX_PASSES + 1):
        step(f"laying out the briefing (pass {attempt})")
        written, entries = write(page_of)
        filled = (_filled(fill, written, entries, page_of) if attempt == 1 and ONE_LAYOUT
                  else None)
        if filled is not None:
            pdf, shown = filled
            if shown != _shown(entries, page_of):  # the briefing shows other pages than these
                written = with_pages(written, shown) or write(shown.get)[0]
            page_of = shown.get
        else:
            pdf = render(written) if render else convert_to_pdf(written, ".docx")
            shown = _shown(entries, page_of)
        found = locate(entries, page_texts(pdf))
        if found == shown:
            log.info("contents page numbers confirmed by layout pass %d%s", attempt,
                     " (set in that one layout)" if filled is not None else "")
            _warn_unplaced(entries, found)
            return LaidOut(written, pdf, found)
        page_of = found.get
    log.warning("the contents' page numbers still moved after %d layout passes; they are those "
                "of the last pass (update the fields in Word to correct them)", MAX_PASSES)
    _warn_unplaced(entries, found)
    docx, _ = write(page_of)
    return LaidOut(docx, None, found)


def _shown(entries: list[ContentsEntry], page_of: PageOf) -> dict[str, int]:
    """The page each contents line shows, by bookmark (none where it shows no number)."""
    return {e.bookmark: page for e in entries
            if e.bookmark and (page := page_of(e.bookmark)) is not None}


def _filled(fill: RenderFilled | None, docx: bytes, entries: list[ContentsEntry],
            page_of: PageOf) -> tuple[bytes, dict[str, int]] | None:
    """The briefing rendered in one layout with its contents' pages set (fill), when every line
    that shows a number was set; else None (then it is rendered as written)."""
    if fill is None:
        return None
    lines = _shown(entries, page_of)
    done = fill(docx, list(lines))
    if done is not None and set(done[1]) != set(lines):
        log.info("one layout set %d of the %d contents lines; rendering as written",
                 len(done[1]), len(lines))
        return None
    return done


def _warn_unplaced(entries: list[ContentsEntry], found: dict[str, int]) -> None:
    lost = [e.text for e in entries if e.bookmark and e.bookmark not in found]
    if lost:
        log.warning("could not find %s in the rendered pages; listed without a page number",
                    "; ".join(f"“{text}”" for text in lost))


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page of a PDF, in reading order (pdftotext)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        result = subprocess.run(["pdftotext", "-enc", "UTF-8", f.name, "-"], capture_output=True,
                                check=False)
    if result.returncode != 0:
        raise OutputError("pdftotext could not read LibreOffice's PDF: "
                          + result.stderr.decode(errors="replace").strip()[:300])
    pages = result.stdout.decode("utf-8", errors="replace").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


# The directional marks and embeddings pdftotext puts around right-to-left runs (a PDF keeps
# glyphs in visual order; the reader rebuilds the logical order and marks it so).
BIDI_MARKS = dict.fromkeys([0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def normalise(text: str) -> str:
    """Text as compared across Word and PDF: ligatures folded, directional marks and spaces
    dropped (a PDF holds no spaces: pdftotext infers them from the gaps between glyphs, and puts
    some between CJK and Latin letters that the heading does not have)."""
    folded = unicodedata.normalize("NFKC", text).translate(BIDI_MARKS)
    return re.sub(r"\s+", "", folded)


def locate(entries: list[ContentsEntry], pages: list[str]) -> dict[str, int]:
    """The page (1-based) of each entry, found as whole lines, in document order.

    An entry counts only where its text fills whole lines by itself: a contents line adds a page
    number and a sentence adds other words, so neither is mistaken for the heading. Each entry is
    looked for after the previous one, as they follow each other in the document.
    """
    lines = [(number, normalise(line)) for number, text in enumerate(pages, 1)
             for line in text.splitlines() if normalise(line)]
    found: dict[str, int] = {}
    start = 0
    for entry in entries:
        target = normalise(entry.text)
        # As written first; then as a house's heading style may show it, in capitals
        for fold in (False, True):
            at = next((i for i in range(start, len(lines))
                       if _lines_make(lines, i, target, fold)), None)
            if at is not None:
                if entry.bookmark:
                    found[entry.bookmark] = lines[at][0]
                start = at + 1
                break
    return found


# The number a house's numbered headings put before their text, as pdftotext reads it (spaces
# dropped): "1", "2.3", "1.2.", "IV.", "A)", "§ 3", or a symbol ("■", a bullet).
NUMBERED = re.compile(r"§?\d{1,3}(?:\.\d{1,3}){0,4}[.):]?|(?:[IVXLCDM]{1,6}|[ivxlcdm]{1,6}|"
                      r"[A-Za-z])[.)]|[^\w\s]")
LONGEST_NUMBER = 12


def _lines_make(lines: list[tuple[int, str]], i: int, target: str, fold: bool) -> bool:
    """Whether the lines from i make the target text: whole, or after a heading's number."""
    page, text = lines[i]
    if fold:
        text, target = text.casefold(), target.casefold()
    for j in range(i + 1, min(i + JOIN_LINES, len(lines))):
        if len(text) >= len(target) + LONGEST_NUMBER or lines[j][0] != page \
                or _makes(text, target):
            break
        text += lines[j][1].casefold() if fold else lines[j][1]
    return _makes(text, target)


def _makes(text: str, target: str) -> bool:
    if text == target:
        return True
    number = text[:len(text) - len(target)]
    return (text.endswith(target) and 0 < len(number) <= LONGEST_NUMBER
            and NUMBERED.fullmatch(number) is not None)
