"""A build's documents made: the briefing laid out and rendered in LibreOffice, and, meanwhile
(in one thread, while LibreOffice works), the deck, the data annex and the accessibility checks
of both documents. pipeline/build.py decides what is built and writes it; this makes the bytes."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.errors import Problem, relpath

if TYPE_CHECKING:
    import datetime as dt
    from concurrent.futures import Future, ThreadPoolExecutor

    from reportgen.docx.fields import ContentsEntry
    from reportgen.pipeline.build import BuildOptions, Gathered, Step
    from reportgen.render.office import Office
    from reportgen.report.annex import Sheet
    from reportgen.report.structure import Structure
    from reportgen.report.tree import Report
    from reportgen.report.views import Views


def stop_meanwhile(office: Office, lifetime: contextlib.ExitStack) -> None:
    """Stop the build's own LibreOffice in a thread of its own (it takes a moment), waited for
    when the build ends, however it ends."""
    import threading  # here: not on the no-op path

    stopping = threading.Thread(target=office.close, name="stop LibreOffice")
    stopping.start()
    lifetime.callback(stopping.join)


def office_for(options: BuildOptions, lifetime: contextlib.ExitStack,
               shared: Office | None) -> Office | None:
    """The build's one LibreOffice (the batch's when shared), when the briefing is laid out or
    rendered; one of the build's own never outlives it."""
    if "docx" not in options.formats and "pdf" not in options.formats:
        return None
    from reportgen.docx.layout import missing_tools  # deferred: python-docx, LibreOffice's
    from reportgen.render.pdf import start_office

    if missing_tools():
        return None
    if shared is not None:
        return shared
    office = start_office()
    lifetime.callback(office.close)
    return office


def annex_sheets(views: Views) -> list[Sheet]:
    """The data annex: every figure, each chart's numbers, the events, sources and series."""
    from reportgen.report.annex import annex_sheets as lay_out  # deferred: the report layer, Babel
    from reportgen.report.charts import chart_specs

    return lay_out(views, chart_specs(views))


def write_annex(sheets: list[Sheet], report: Report) -> bytes:
    from reportgen.xlsx.annex import write_annex as write  # deferred: XlsxWriter

    buf = io.BytesIO()
    write(sheets, buf, report.properties.title, report.properties.author,
          report.properties.created)
    return buf.getvalue()


def write_deck(options: BuildOptions, report: Report, structure: Structure, step: Step,
               pictures: Mapping[str, bytes]) -> bytes:
    # deferred: python-pptx
    from reportgen.pptx.template import deck_path
    from reportgen.pptx.writer import write_pptx

    step("composing the deck")
    buf = io.BytesIO()
    write_pptx(report, deck_path(options.templates), structure, buf, options.charts, pictures)
    return buf.getvalue()


def make_briefing(options: BuildOptions, report: Report, structure: Structure,
                  office: Office | None, last: dict[str, Any], step: Step,
                  rendering: Callable[[bytes | None], None],
                  pictures: Mapping[str, bytes]) -> tuple[dict[str, bytes], dict[str, int]]:
    """The briefing (.docx, and its PDF when asked for) and the page of each contents entry;
    `rendering` is given each briefing LibreOffice is about to render as it is (None: one
    whose contents' pages LibreOffice sets), while the build waits."""
    documents: dict[str, bytes] = {}
    if "docx" not in options.formats and "pdf" not in options.formats:
        return documents, {}
    from reportgen.docx.contract import briefing_path  # deferred: python-docx, LibreOffice's
    from reportgen.docx.fields import PageOf
    from reportgen.docx.layout import lay_out
    from reportgen.docx.writer import write_docx
    from reportgen.render.pdf import convert_to_pdf, convert_with_contents

    def write_briefing(page_of: PageOf) -> tuple[bytes, list[ContentsEntry]]:
        buf = io.BytesIO()
        entries = write_docx(report, briefing_path(options.templates),
                             structure.table_style, buf, page_of, structure.word,
                             options.charts, pictures)
        return buf.getvalue(), entries

    def render(docx: bytes) -> bytes:
        rendering(docx)
        return convert_to_pdf(docx, ".docx", office)

    def fill(docx: bytes, bookmarks: list[str]) -> tuple[bytes, dict[str, int]] | None:
        assert office is not None
        rendering(None)
        return convert_with_contents(docx, bookmarks, office)

    step("composing the briefing")
    previous = last.get("pages")
    briefing = lay_out(write_briefing, step, render if office else None,
                       previous if isinstance(previous, dict) else None,
                       fill if office else None)
    documents["docx"] = briefing.docx
    rendering(briefing.docx)  # checked while the PDF is finished, unless it already was
    if "pdf" in options.formats:
        step("rendering the PDF")
        # The layout pass has usually rendered these very bytes already.
        documents["pdf"] = briefing.pdf or render(briefing.docx)
        if options.charts == "native":  # LibreOffice leaves out a Word chart's alt text
            from reportgen.render.pdf import give_figures_alt_text

            documents["pdf"] = give_figures_alt_text(
                documents["pdf"], [c.alt for c in report.charts if c.native])
    return documents, briefing.pages


class Meanwhile:
    """What the build does while LibreOffice renders the briefing (a wait that is not Python's),
    one task after another in one thread: write the deck, then check its accessibility, load
    what finishing the PDF needs, make the data annex, and check the accessibility of each
    briefing sent to be rendered (the last one is the one written). The deck and the annex come
    out finished (normalised, as pipeline/reproducible.py makes every package).

    Started at the first rendering, so that none of it slows the writing of the briefing.
    """

    def __init__(self, thread: ThreadPoolExecutor, options: BuildOptions, gathered: Gathered,
                 step: Step, paths: dict[str, Path], pictures: Mapping[str, bytes],
                 when: dt.datetime) -> None:
        self.thread, self.options, self.report = thread, options, gathered.report
        self.views = gathered.prepared.views
        self.pictures, self.when = pictures, when
        self.structure, self.step = gathered.structure, step
        self.names = {kind: relpath(path) for kind, path in paths.items()}
        self.language = options.locale or self.report.language
        self.deck: Future[bytes] | None = None
        self.deck_findings: Future[list[Problem]] | None = None
        self.sheets: Future[tuple[list[Sheet], bytes]] | None = None
        self.briefing_findings: dict[bytes, Future[list[Problem]]] = {}  # by the briefing

    def _audit(self, kind: str, document: bytes) -> list[Problem]:
        from reportgen.audit import audit  # deferred: python-docx, python-pptx

        return audit({kind: document}, self.names, self.language)

    def rendering(self, docx: bytes | None) -> None:
        self._start()
        if docx is not None and "docx" in self.options.formats \
                and docx not in self.briefing_findings:
            self.briefing_findings[docx] = self.thread.submit(self._audit, "docx", docx)

    def _start(self) -> None:
        if self.sheets is not None:
            return
        if "pptx" in self.options.formats:
            self.deck = self.thread.submit(self._deck)
            deck = self.deck  # queued behind the deck in the same thread: done when this runs
            self.deck_findings = self.thread.submit(lambda: self._audit("pptx", deck.result()))
        if "pdf" in self.options.formats and self.options.charts == "native":
            self.thread.submit(load_pdf_tools)
        self.sheets = self.thread.submit(self._annex)

    def _deck(self) -> bytes:
        from reportgen.pipeline.reproducible import normalize_zip  # not on the no-op path

        return normalize_zip(write_deck(self.options, self.report, self.structure, self.step,
                                        self.pictures), self.when)

    def _annex(self) -> tuple[list[Sheet], bytes]:
        from reportgen.pipeline.reproducible import normalize_zip  # not on the no-op path

        sheets = annex_sheets(self.views)
        return sheets, normalize_zip(write_annex(sheets, self.report), self.when)

    def annex(self) -> tuple[list[Sheet], bytes]:
        """The data annex: its sheets and its workbook, finished (once finish has run)."""
        assert self.sheets is not None
        return self.sheets.result()

    def finish(self, documents: dict[str, bytes]) -> list[Problem]:
        """The deck into documents, and the accessibility findings of the briefing and deck
        about to be written (what was not rendered is written and checked now)."""
        self._start()
        findings: list[Problem] = []
        if self.deck is not None:
            documents["pptx"] = self.deck.result()
        if "docx" in self.options.formats:
            done = self.briefing_findings.get(documents["docx"])
            findings += done.result() if done else self._audit("docx", documents["docx"])
        if self.deck_findings is not None:
            findings += self.deck_findings.result()
        return findings


def load_pdf_tools() -> None:
    """Import what finishing the PDF needs (render/pdf.py give_figures_alt_text), while the
    build waits for LibreOffice rather than after."""
    import pikepdf  # noqa: F401 (deferred: only a PDF with native charts needs it)

