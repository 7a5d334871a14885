"""Write the briefing (.docx): cover tags through docxtpl, the body through python-docx."""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Cm
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from lxml import etree

from reportgen.docx.charts import Drawings, theme_font
from reportgen.docx.contents import write_contents
from reportgen.docx.contract import (
    as_document,
    check_template,
    missing_template,
    other_kind,
    text_width,
    text_width_cm,
)
from reportgen.docx.fields import (
    Bookmarks,
    ContentsEntry,
    PageOf,
    field,
    localise_page_numbers,
    text_run,
)
from reportgen.docx.notes import Footnotes
from reportgen.docx.properties import set_properties
from reportgen.docx.scripts import name_scripts, tag_other_languages, written_in
from reportgen.docx.tables import (
    cell_font,
    cell_margin_cm,
    column_widths,
    fill_table,
    least_widths_cm,
    words_whole,
)
from reportgen.errors import Problem, ReportgenError, TemplateError, relpath, unreadable_template
from reportgen.package import read_template
from reportgen.render.chart_pictures import picture
from reportgen.report.charts import ChartSpec
from reportgen.report.markup import Block, Run
from reportgen.report.tree import Report, Table
from reportgen.sandbox import TEMPLATE_FAILURES, Sandbox, located

log = logging.getLogger(__name__)

# The share of the text width each column of the timeline table takes.
TIMELINE_WEIGHTS = (3.6, 7.6, 4.8)
FIRST_COLUMN_CM = 4.0  # a series table's period column
CHART_MODES = ("native", "image")  # Word charts (editable, data embedded), or the pictures


def _unknown(_: str) -> int | None:
    return None


def write_docx(report: Report, template: Path, table_style: str, out: IO[bytes],
               page_of: PageOf = _unknown, word: Mapping[str, str] | None = None,
               charts: str = "native", pictures: Mapping[str, bytes] | None = None
               ) -> list[ContentsEntry]:
    """Fill the template's cover and header tags, append the briefing body and save to out.

    page_of gives the page of each contents entry (by bookmark) where a layout pass measured it;
    entries without one are listed without a page number, for Word to fill in. word names the
    house's style for a role (report.yaml's `word:`); the others are found by Word's built-in
    identity (docx/contract.py). charts: "native" writes bar, column and line charts as Word
    charts with their data embedded (the timeline stays a picture), "image" places every chart
    as its picture: pictures holds those drawn for the build, by chart id (any other is drawn
    here). Returns the
    titles of the contents and lists (without bookmark), then the entries of the contents and of
    the lists of figures and tables, all in document order.
    """

    if charts not in CHART_MODES:
        raise ReportgenError(f"charts: '{charts}' is not a chart mode; use one of "
                             + ", ".join(CHART_MODES))
    tpl = open_template(template)
    styles, problems = check_template(tpl.get_docx(), template, word, table_style)
    if problems:
        raise TemplateError(problems)
    env = Sandbox(autoescape=True)  # a template pack is untrusted code (reportgen/sandbox.py)
    c = report.cover
    context = {"title": c.title, "subtitle": c.subtitle, "occasion": c.occasion,
               "as_of": c.as_of, "marking": c.marking, "organisation": c.organisation,
               "countries": c.countries, "year": report.properties.created.year}
    env.start()
    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except TEMPLATE_FAILURES as exc:
        found = located(exc, template, "tags available: " + ", ".join(sorted(context)))
        # The line Jinja knows is one of the document's XML, of no use to the author: name the
        # template and what went wrong.
        raise TemplateError([Problem(relpath(template), 0, 0, "", "Word template tag error: "
                                     + p.message, p.hint) for p in found.problems]) from None
    doc = tpl.docx
    entries = _Body(doc, report, table_style, styles, charts == "native",
                    pictures).write(page_of)
    set_properties(doc, report)
    if not written_in(doc, report.language):
        # The template's own "Page 3 of 11" is in its language: an edition in another one
        # words it as its catalog does.
        localise_page_numbers(doc, report.labels["page.of"])
    name_scripts(doc, report.language)
    tag_other_languages(doc, list(report.other_languages), report.language)
    buf = io.BytesIO()
    doc.save(buf)
    out.write(buf.getvalue())
    return entries


# What opening a broken Office file raises: python-docx's PackageNotFoundError (not a zip, cut
# short), KeyError (a part missing), ValueError (the other kind of document), lxml's syntax error.
BROKEN_PACKAGE = (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
                  etree.XMLSyntaxError, OSError, EOFError)


def open_template(template: Path) -> DocxTemplate:
    """The Word template, checked and opened, or a located TemplateError when it is no usable
    .docx or holds what a briefing may not carry (reportgen/package.py); a Word template or
    macro-enabled file is opened as a document, without its macros."""
    if not template.is_file():
        raise missing_template(template)
    data = read_template(template, "Word")  # every part checked, macros removed
    try:
        wrong = other_kind(template, data)
        if wrong is not None:
            raise wrong
        tpl = DocxTemplate(io.BytesIO(as_document(data)))
        tpl.init_docx()
    except BROKEN_PACKAGE as exc:
        raise unreadable_template(template, "Word", exc) from None
    return tpl


class Numbering:
    """Figure and table numbers. A figure's number is known before writing (from the order the
    briefing shows its charts), so that a reference may precede its figure; tables are numbered
    as they are written."""

    def __init__(self, report: Report) -> None:
        self.figures = {c.id: (n, f"_RefFigure{n}") for n, c in enumerate(report.charts, 1)}
        self.tables = 0

    def next_table(self) -> int:
        self.tables += 1
        return self.tables


class _Body:
    """Appends the briefing body after the template's cover, in the template's styles."""

    def __init__(self, doc: DocumentObject, report: Report, table_style: str,
                 styles: dict[str, BaseStyle], native: bool = True,
                 pictures: Mapping[str, bytes] | None = None) -> None:
        self.doc = doc
        self.native, self.pictures = native, pictures
        self.drawings = Drawings(doc.part, theme_font(doc.part) if native else "",
                                 report.properties.created)
        self.report = report
        self.labels = report.labels
        self.table_style = table_style
        self.styles = styles
        self.style_ids: dict[str, str | None] = {}  # by role; None: the default style
        self.bookmarks = Bookmarks(doc.element.body)
        self.footnotes = Footnotes(doc, self._style("footnote_text").style_id,
                                   self._style("footnote_reference").style_id)
        self.entries: list[ContentsEntry] = []
        self.numbers = Numbering(report)
        self.first: Paragraph | None = None  # the body's first heading: the contents go before it
        # What each part of report.yaml's `briefing:` list becomes.
        self.parts: dict[str, Callable[[tuple[str, ...]], None]] = {
            "sections": self._sections, "key_figures": self._key_figures,
            "timeline": self._timeline, "sources": self._sources}
        # The text width in twips, as w:tab positions want it, and in whole millimetres for
        # pictures and tables.
        self.text_width = text_width(doc).twips
        self.width_cm = text_width_cm(doc)

    def _style(self, role: str) -> BaseStyle:
        return self.styles[role]

    def _paragraph(self, role: str, text: str = "") -> Paragraph:
        """doc.add_paragraph(text, style=the role's style), the style's id looked up once per
        role: python-docx compares the style with each of the template's styles (is it the
        default?) at every paragraph, a quarter of the briefing's writing."""
        if role not in self.style_ids:
            self.style_ids[role] = self.doc.part.get_style_id(self._style(role),
                                                              WD_STYLE_TYPE.PARAGRAPH)
        paragraph = self.doc.add_paragraph(text)
        paragraph._p.style = self.style_ids[role]  # as python-docx's Paragraph.style sets it
        return paragraph

    def write(self, page_of: PageOf) -> list[ContentsEntry]:
        for content, section_ids in self.report.briefing:
            self.parts[content](section_ids)
        assert self.first is not None, "the body has a heading (the sources' at least)"
        titles = write_contents(self.first, self.entries, self._paragraph, self.styles,
                                self.labels, self.text_width, page_of)
        self.footnotes.save()
        return titles + self.entries

    def _sections(self, section_ids: tuple[str, ...]) -> None:
        for section_id in section_ids:
            area = self.report.section(section_id)
            if area is None:  # a section without content is left out
                continue
            self._heading(area.section.title, 1)
            self._blocks(area.section.blocks)
            for chart in area.charts:
                self._chart(chart)
            for table in area.tables:
                rest = (self.width_cm - FIRST_COLUMN_CM) / max(1, len(table.header) - 1)
                self._table(table, widths_cm=[FIRST_COLUMN_CM,
                                              *[rest] * (len(table.header) - 1)])

    def _key_figures(self, _: tuple[str, ...]) -> None:
        r = self.report
        if not r.key_figures.rows:
            return
        self._heading(self.labels["heading.key_figures"], 1)
        table = r.key_figures
        self._table(table, widths_cm=column_widths(table.weights, len(table.header), self.width_cm))
        notes = [*r.estimate_notes, *([r.data_note] if r.data_note else [])]
        if notes:
            self._heading(self.labels["heading.notes"], 2)
            for note in notes:
                self._paragraph("bullet", note)

    def _timeline(self, _: tuple[str, ...]) -> None:
        r = self.report
        if not r.timeline.rows:  # no events, no timeline: never a table of headers alone
            return
        self._heading(self.labels["heading.timeline"], 1)
        if r.timeline_chart:
            self._chart(r.timeline_chart)
        self._table(r.timeline, widths_cm=column_widths(TIMELINE_WEIGHTS, 3, self.width_cm))

    def _sources(self, _: tuple[str, ...]) -> None:
        self._heading(self.labels["heading.sources"], 1)
        for number, entry in enumerate(self.report.sources, 1):
            p = self._paragraph("body")
            p.add_run(f"[{number}] ").bold = True
            p.add_run(entry)

    # --- contents
    def _heading(self, text: str, level: int) -> Paragraph:
        paragraph = self._paragraph(f"heading{level}", text)
        self.first = self.first if self.first is not None else paragraph
        bookmark = f"_Toc{len(self.entries) + 1}"
        self.bookmarks.wrap(bookmark, paragraph._p)
        self.entries.append(ContentsEntry(str(level), bookmark, text))
        return paragraph

    # --- text
    def _blocks(self, blocks: list[Block]) -> None:
        style = {"paragraph": "body", "bullet": "bullet", "quote": "quote"}
        for block in blocks:
            if block.kind == "heading":
                self._heading(block.text, 2)
                continue
            paragraph = self._paragraph(style[block.kind])
            self._runs(paragraph, block.runs)

    def _runs(self, paragraph: Paragraph, runs: list[Run],
              notes: dict[str, str] | None = None) -> None:
        notes = self.report.notes if notes is None else notes
        cited: list[str] = []  # citations in a row share one footnote
        for run in runs:
            if run.cite:
                cited.append(run.cite)
                continue
            self._footnote(paragraph, cited, notes)
            cited = []
            if run.ref:
                self._see(paragraph, run)
            else:
                paragraph.add_run(run.text)
        self._footnote(paragraph, cited, notes)

    def _footnote(self, paragraph: Paragraph, items: list[str], notes: dict[str, str]) -> None:
        texts = list(dict.fromkeys(notes[i] for i in items if i in notes))
        if texts:
            self.footnotes.add(paragraph.add_run(), " ".join(texts))

    def _see(self, paragraph: Paragraph, run: Run) -> None:
        """"(see Figure 3)" with the number as a REF field; nothing if the chart is not shown."""
        if run.ref not in self.numbers.figures:
            return
        number, bookmark = self.numbers.figures[run.ref]
        before, _, after = self.labels["xref.see"].partition("{number}")
        paragraph.add_run(run.space + before)
        paragraph._p.extend(field(f"REF {bookmark} \\h", str(number)))
        paragraph.add_run(after)

    # --- figures and tables
    def _chart(self, chart: ChartSpec) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        if self.native and chart.native:
            doc_pr = self.drawings.chart(paragraph, chart, Cm(self.width_cm)).docPr
        else:
            png = picture(chart, self.pictures)
            doc_pr = self.drawings.picture(paragraph, png, Cm(self.width_cm)).docPr
        doc_pr.set("descr", chart.alt)
        doc_pr.set("title", chart.caption)
        doc_pr.set("name", f"Chart {chart.id}")
        number, bookmark = self.numbers.figures[chart.id]
        # Then where its numbers are: in the caption, not in the list of figures.
        self._caption("Figure", number, chart.caption, bookmark,
                      self.report.chart_data.get(chart.id, ""))

    def _caption(self, kind: str, number: int, text: str, bookmark: str | None = None,
                 extra: str = "") -> None:
        """A caption with a real SEQ field, so Word renumbers it when sections move; `extra`
        follows it in a paragraph of its own, which the list of figures does not repeat."""
        template = self.labels["caption.figure" if kind == "Figure" else "caption.table"]
        before, _, after = (part.replace("{title}", text)
                            for part in template.partition("{number}"))
        paragraph = self._paragraph("caption")
        if kind == "Table":
            paragraph.paragraph_format.keep_with_next = True
        p = paragraph._p
        p.append(text_run(before))
        seq = field(f"SEQ {kind} \\* ARABIC", str(number))
        p.extend(seq)
        if bookmark:  # around the number only: "see Figure 3" shows the number the caption has
            self.bookmarks.wrap(bookmark, p, first=seq[0])
        p.append(text_run(after))
        toc_bookmark = f"_Toc{len(self.entries) + 1}"
        self.bookmarks.wrap(toc_bookmark, p)
        self.entries.append(ContentsEntry(kind, toc_bookmark, before + str(number) + after))
        if extra:  # a paragraph of its own, kept with the caption: not in the list of figures
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.space_after = 0  # read as one block with the caption
            self._paragraph("caption", extra)

    def _table(self, table: Table, widths_cm: list[float]) -> None:
        self._caption("Table", self.numbers.next_table(), table.title)
        grid = self.doc.add_table(rows=1, cols=len(table.header))
        grid.style = self._style("table")
        style = self._style("table")
        widths_cm = words_whole(widths_cm, least_widths_cm(
            table, cell_font(self.doc, style), cell_margin_cm(style)))
        fill_table(grid, table, widths_cm, lambda paragraph, runs: self._runs(
            paragraph, runs, self.report.table_notes))
