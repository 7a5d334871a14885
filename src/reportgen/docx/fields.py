"""WordprocessingML pieces python-docx has no API for: fields, bookmarks, internal hyperlinks."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree


def _el(tag: str, **attrs: str) -> BaseOxmlElement:
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(name.replace("_", ":", 1)), value)
    return el


def text_run(text: str) -> BaseOxmlElement:
    """A w:r holding text (spaces kept)."""

    run = _el("w:r")
    t = _el("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    return run


def _char(kind: str) -> BaseOxmlElement:
    run = _el("w:r")
    run.append(_el("w:fldChar", w_fldCharType=kind))
    return run


def _instruction(instruction: str) -> BaseOxmlElement:
    run = _el("w:r")
    text = _el("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction.strip()} "
    run.append(text)
    return run


def field_start(instruction: str) -> list[BaseOxmlElement]:
    """The runs that open a complex field, up to where its shown result begins."""
    return [_char("begin"), _instruction(instruction), _char("separate")]


def field_end() -> BaseOxmlElement:
    return _char("end")


def field(instruction: str, result: str) -> list[BaseOxmlElement]:
    """A complex field with its result already computed, so Word need not update it on opening."""
    return [*field_start(instruction), text_run(result), field_end()]


class Bookmarks:
    """Hands out bookmark ids that do not clash with the template's own bookmarks."""

    def __init__(self, body: etree._Element) -> None:
        ids = [int(b.get(qn("w:id"))) for b in body.iter(qn("w:bookmarkStart"))]
        self.next_id = max([0, *ids]) + 1

    def wrap(self, name: str, parent: etree._Element, first: etree._Element | None = None
             ) -> None:
        """Put a bookmark around the children of parent from first (default: all) to the end."""
        number = str(self.next_id)
        self.next_id += 1
        start = _el("w:bookmarkStart", w_id=number, w_name=name)
        if first is None:
            ppr = parent.find("{*}pPr")
            parent.insert(0 if ppr is None else parent.index(ppr) + 1, start)
        else:
            first.addprevious(start)
        parent.append(_el("w:bookmarkEnd", w_id=number))


@dataclass(frozen=True)
class ContentsEntry:
    """A line of the contents, or of a list of figures or tables: its text, level and target."""

    # "1" or "2" (heading level), a caption label ("Figure", "Table"), or "index" for the title
    # of the contents or a list, which has no bookmark and is not listed itself
    kind: str
    bookmark: str
    text: str


# The page of a contents entry, by bookmark, where a layout pass measured it.
PageOf = Callable[[str], int | None]
Tab = tuple[str, str, int]  # w:tab's val ("right", "clear"), leader, position in twips


def index_paragraphs(instruction: str,
                     entries: list[tuple[str, list[Tab], ContentsEntry, int | None]]
                     ) -> list[BaseOxmlElement]:
    """A TOC field whose shown result is already filled in: one paragraph per (style id, tabs,
    entry, page), each a link to its bookmark, with a PAGEREF field for the page where known.

    Like Word's own, each line sets the tab that puts the page number at the right margin.
    """
    paragraphs = []
    for i, (style_id, tabs, entry, page) in enumerate(entries):
        p = _el("w:p")
        ppr = _el("w:pPr")
        ppr.append(_el("w:pStyle", w_val=style_id))
        if tabs:
            stops = _el("w:tabs")
            for val, leader, pos in sorted(tabs, key=lambda tab: tab[2]):
                stops.append(_el("w:tab", w_val=val, w_leader=leader, w_pos=str(pos)))
            ppr.append(stops)
        p.append(ppr)
        if i == 0:
            p.extend(field_start(instruction))
        link = _el("w:hyperlink", w_anchor=entry.bookmark, w_history="1")
        link.append(text_run(entry.text))
        if page is not None:
            tab = _el("w:r")
            tab.append(_el("w:tab"))
            link.append(tab)
            link.extend(field(f"PAGEREF {entry.bookmark} \\h", str(page)))
        p.append(link)
        paragraphs.append(p)
    if paragraphs:
        paragraphs[-1].append(field_end())
    return paragraphs


# A contents line's PAGEREF field as index_paragraphs writes it and python-docx saves it: the
# bookmark, then the page shown.
_PAGEREF = re.compile(rb'( PAGEREF ([^ <]+) \\h </w:instrText></w:r><w:r><w:fldChar '
                      rb'w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">)'
                      rb'(\d+)(</w:t>)')
DOCUMENT_PART = "word/document.xml"


def with_pages(docx: bytes, pages: Mapping[str, int]) -> bytes | None:
    """The briefing written with other pages on its contents lines: each PAGEREF field's shown
    number set to the page of its bookmark, the rest of the package as it is (what writing the
    briefing again with those pages gives, which tests compare). None when a line shows no
    number or one that pages lacks, a page of pages is on no line, or docx is no package: then
write it again.

    Entries keep the package's order; stored uncompressed, as the build's normalising (pipeline/
    reproducible.py) compresses every entry anyway.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as source:
            parts = {name: source.read(name) for name in source.namelist()}
    except zipfile.BadZipFile:
        return None
    seen: list[str] = []

    def page(m: re.Match[bytes]) -> bytes:
        bookmark = m.group(2).decode()
        seen.append(bookmark)
        shown = pages.get(bookmark)
        return m.group(1) + str(shown).encode() + m.group(4) if shown is not None else b""

    document = parts.get(DOCUMENT_PART, b"")
    parts[DOCUMENT_PART] = _PAGEREF.sub(page, document)
    if sorted(seen) != sorted(pages):
        return None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()


def localise_page_numbers(doc: DocumentObject, pattern: str) -> None:
    """Word the running "Page 3 of 11" as pattern does ("{page}" and "{pages}" where the
    template's PAGE and NUMPAGES fields are): the plain text before, between and after the two
    fields is replaced, the fields and the runs' formatting kept. A paragraph without both
    fields, or with its text inside fields only, is left as the template has it."""
    before, _, rest = pattern.partition("{page}")
    between, _, after = rest.partition("{pages}")
    # The parts the package will save, reached through the document's relationships (a
    # section's footer may be a stale copy once docxtpl has rendered the footers).
    for rel in doc.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            for paragraph in rel.target_part._element.iter(qn("w:p")):
                _reword(paragraph, (before, between, after))


_SEPARATORS = ("w:tab", "w:br", "w:cr", "w:ptab")


# A field: its code (PAGE, NUMPAGES), its first run and its last run.
Field = tuple[str, etree._Element, etree._Element]


def _around_fields(paragraph: etree._Element) -> tuple[list[list[etree._Element]], list[Field]]:
    """The w:t of the plain text before the first field (after the last tab before it),
    between the first two and after them (up to a tab); and each field's code, first run and
    last run."""
    depth, field_code = 0, ""
    plain: list[list[etree._Element]] = [[], [], []]
    fields: list[Field] = []
    begin = None
    separators = {qn(tag) for tag in _SEPARATORS}
    closed = False  # the text after NUMPAGES has reached a tab: the rest is other text
    for element in paragraph.iter(qn("w:fldChar"), qn("w:instrText"), qn("w:t"), *separators):
        if element.tag in separators:
            if depth == 0 and element.getparent().tag == qn("w:r"):
                if not fields:
                    plain[0] = []  # only the text after the last tab leads to the number
                closed = closed or len(fields) >= 2
        elif element.tag == qn("w:fldChar"):
            kind = element.get(qn("w:fldCharType"))
            if kind == "begin" and depth == 0:
                begin = element.getparent()
            depth += {"begin": 1, "end": -1}.get(kind or "", 0)
            if kind == "end" and depth == 0:
                code = field_code.split()
                fields.append((code[0].upper() if code else "", begin, element.getparent()))
                field_code = ""
        elif element.tag == qn("w:instrText"):
            field_code += element.text or ""
        elif depth == 0 and not closed:
            plain[min(len(fields), 2)].append(element)
    return plain, fields


def _reword(paragraph: etree._Element, texts: tuple[str, str, str]) -> None:
    """Set the plain text around the PAGE and NUMPAGES fields of one paragraph: the word
    before PAGE ("Page ", "Side "), all between the fields (" of ", " av ") and the word after
    NUMPAGES, each however many runs the template split it into; text beyond a tab (a marking
    at the other margin) stays the template's."""
    plain, fields = _around_fields(paragraph)
    if [code for code, _, _ in fields[:2]] != ["PAGE", "NUMPAGES"] or not any(plain):
        return
    # Text where the template has none ("第" before PAGE, "页" after NUMPAGES): a run formatted
    # as the template's nearest text, next to the field.
    model = next(runs[0] for runs in plain if runs).getparent()
    if texts[0] and not plain[0]:
        plain[0].append(_text_run_beside(model, fields[0][1].addprevious))
    if texts[2] and not plain[2]:
        plain[2].append(_text_run_beside(model, fields[-1][2].addnext))
    before = "".join(t.text or "" for t in plain[0])
    after = "".join(t.text or "" for t in plain[2])
    # Before PAGE only its last word is the page's ("Confidential – Page "); after NUMPAGES
    # only its first.
    segments = [re.sub(r"\S*\s*$", lambda _: texts[0], before, count=1), texts[1],
                re.sub(r"^\s*\S*", lambda _: texts[2], after, count=1)]
    for runs, text in zip(plain, segments, strict=True):
        for number, t in enumerate(runs):
            t.text = text if number == 0 else ""
            t.set(qn("xml:space"), "preserve")


def _text_run_beside(model: etree._Element, insert: Callable[[etree._Element], None]
                     ) -> etree._Element:
    """A new empty w:t in a run with model's formatting, placed by insert; the w:t returned."""
    run = copy.deepcopy(model)
    for child in list(run):
        if child.tag != qn("w:rPr"):
            run.remove(child)
    text = OxmlElement("w:t")
    run.append(text)
    insert(run)
    return text
