"""Write the briefing (.docx): cover tags through docxtpl, the body through python-docx."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import IO, Any

from reportgen.content import Report, Table
from reportgen.errors import Problem, TemplateError, relpath
from reportgen.narrative import Block, Run

log = logging.getLogger(__name__)

REQUIRED_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Body Text", "Caption",
                   "List Bullet", "Quote")
COVER_TAGS = ("title", "subtitle", "occasion", "as_of", "marking", "organisation")
ALL_TAGS = (*COVER_TAGS, "countries", "year")
PICTURE_WIDTH_CM = 16.0


def write_docx(report: Report, template: Path, table_style: str, out: IO[bytes]) -> None:
    """Fill the template's cover and header tags, append the briefing body and save to out."""
    import jinja2
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(template))
    _check_template(tpl, template, table_style)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    c = report.cover
    context = {"title": c.title, "subtitle": c.subtitle, "occasion": c.occasion,
               "as_of": c.as_of, "marking": c.marking, "organisation": c.organisation,
               "countries": c.countries, "year": report.properties.created.year}
    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except jinja2.TemplateError as exc:
        raise TemplateError([Problem(relpath(template), 0, 0, "",
                                     f"Word template tag error: {exc}",
                                     "tags available: " + ", ".join(sorted(context)))]) from None
    doc = tpl.docx
    _Body(doc, report, table_style).write()
    _set_properties(doc, report)
    buf = io.BytesIO()
    doc.save(buf)
    out.write(buf.getvalue())


def _check_template(tpl: Any, path: Path, table_style: str) -> None:
    doc = tpl.get_docx()
    names = {s.name for s in doc.styles}
    problems = [Problem(relpath(path), 0, 0, f"style '{name}'", "required style is missing",
                        "add it in Word (Home › Styles) or restore it from the default template")
                for name in (*REQUIRED_STYLES, table_style) if name not in names]
    unknown = tpl.get_undeclared_template_variables() - {*COVER_TAGS, "countries", "year"}
    problems += [Problem(relpath(path), 0, 0, f"tag '{{{{ {name} }}}}'", "unknown tag",
                         "tags available: " + ", ".join(COVER_TAGS + ("countries", "year")))
                 for name in sorted(unknown)]
    if problems:
        raise TemplateError(problems)


class _Body:
    """Appends the briefing body after the template's cover, in the template's styles."""

    def __init__(self, doc: Any, report: Report, table_style: str) -> None:
        self.doc = doc
        self.report = report
        self.table_style = table_style
        self.figures = 0
        self.tables = 0

    def write(self) -> None:
        r = self.report
        labels = r.labels
        for i, area in enumerate(r.sections):
            self.doc.add_heading(area.section.title, level=1)
            self._blocks(area.section.blocks)
            for chart in area.charts:
                self._chart(chart.png, chart.caption, chart.alt, chart.id)
            for table in area.tables:
                rest = (16.0 - 4.0) / max(1, len(table.header) - 1)
                self._table(table, widths_cm=[4.0, *[rest] * (len(table.header) - 1)])
            if i == 0:
                self.doc.add_heading(labels["heading.key_figures"], level=1)
                self._table(r.key_figures, widths_cm=[5.4, 3.4, 3.3, 1.9, 2.0])
                if r.estimate_notes:
                    self.doc.add_heading(labels["heading.notes"], level=2)
                    for note in r.estimate_notes:
                        self.doc.add_paragraph(note, style="List Bullet")
        self.doc.add_heading(labels["heading.timeline"], level=1)
        if r.timeline_chart:
            c = r.timeline_chart
            self._chart(c.png, c.caption, c.alt, c.id)
        self._table(r.timeline, widths_cm=[3.6, 7.6, 4.8])
        self.doc.add_heading(labels["heading.sources"], level=1)
        for number, entry in enumerate(r.sources, 1):
            p = self.doc.add_paragraph(style="Body Text")
            p.add_run(f"[{number}] ").bold = True
            p.add_run(entry)

    # --- text
    def _blocks(self, blocks: list[Block]) -> None:
        style = {"paragraph": "Body Text", "bullet": "List Bullet", "quote": "Quote"}
        for block in blocks:
            if block.kind == "heading":
                self.doc.add_heading(block.text, level=2)
                continue
            paragraph = self.doc.add_paragraph(style=style[block.kind])
            self._runs(paragraph, block.runs)

    def _runs(self, paragraph: Any, runs: list[Run]) -> None:
        for run in runs:
            if run.cite:
                numbers = self.report.citations.get(run.cite, [])
                if numbers:
                    sup = paragraph.add_run("[" + ",".join(str(n) for n in numbers) + "]")
                    sup.font.superscript = True
            else:
                paragraph.add_run(run.text)

    # --- figures and tables
    def _chart(self, png: bytes, caption: str, alt: str, name: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(PICTURE_WIDTH_CM))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", alt)
        doc_pr.set("title", caption)
        doc_pr.set("name", f"Chart {name}")
        self.figures += 1
        self._caption("Figure", self.figures, caption)

    def _caption(self, kind: str, number: int, text: str) -> None:
        """A caption with a real SEQ field, so Word renumbers it when sections move."""
        template = self.report.labels["caption.figure" if kind == "Figure" else "caption.table"]
        before, _, after = template.partition("{number}")
        paragraph = self.doc.add_paragraph(style="Caption")
        if kind == "Table":
            paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run(before)
        _add_field(paragraph, f" SEQ {kind} \\* ARABIC ", str(number))
        paragraph.add_run(after.replace("{title}", text))

    def _table(self, table: Table, widths_cm: list[float]) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        self.tables += 1
        self._caption("Table", self.tables, table.title)
        grid = self.doc.add_table(rows=1, cols=len(table.header))
        grid.style = self.doc.styles[self.table_style]
        header = grid.rows[0]
        _mark_header(header)
        for i, text in enumerate(table.header):
            header.cells[i].text = text
        for row in table.rows:
            cells = grid.add_row().cells
            for i, runs in enumerate(row):
                paragraph = cells[i].paragraphs[0]
                self._runs(paragraph, runs)
                if i in table.numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for i in table.numeric:
            header.cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        # Fixed widths: Word and LibreOffice both honour tblGrid plus each cell's width.
        grid.autofit = False
        for i, width in enumerate(widths_cm):
            grid.columns[i].width = Cm(width)
        for row in grid.rows:
            _no_split(row)
            for i, width in enumerate(widths_cm):
                row.cells[i].width = Cm(width)


def _add_field(paragraph: Any, instruction: str, cached: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def fld(kind: str) -> Any:
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
        return run

    fld("begin")
    instr = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    instr._r.append(text)
    fld("separate")
    paragraph.add_run(cached)
    fld("end")


def _mark_header(row: Any) -> None:
    """Repeat the row at the top of each page and mark it as a header for screen readers."""
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def _no_split(row: Any) -> None:
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    # cantSplit must come before tblHeader in CT_TrPr's sequence.
    tr_pr.insert(0, OxmlElement("w:cantSplit"))


def _set_properties(doc: Any, report: Report) -> None:
    p = report.properties
    core = doc.core_properties
    core.title = p.title
    core.subject = p.subject
    core.author = p.author
    core.last_modified_by = p.author
    core.keywords = p.keywords
    core.language = p.language
    core.created = p.created.replace(tzinfo=None)
    core.modified = p.created.replace(tzinfo=None)
    core.revision = 1
    core.comments = ""
    core.category = ""
