"""The accessibility check of a generated Word briefing, read back from its own XML: headings,
pictures, tables, languages, contrast and links, each finding located at its paragraph."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from reportgen.audit.colours import (
    LARGE_TEXT_RATIO,
    TEXT_RATIO,
    WHITE,
    contrast,
    theme_colours,
    word_colour,
)
from reportgen.audit.wording import (
    alt_problem,
    finding,
    language_mismatch,
    language_scripts,
    link_problem,
    text_scripts,
)
from reportgen.errors import Problem

DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
# Which of a run's three language attributes covers which scripts (WordprocessingML 17.3.2.20).
_EAST_ASIAN, _BIDI = {"Hani", "Jpan", "Kore"}, {"Arab", "Hebr"}


@dataclass
class _Styles:
    """The document's styles, looked up through their basedOn chains."""

    by_id: dict[str, Any]
    defaults: Any
    default_paragraph: str | None
    slots: dict[str, str]
    page: str = WHITE  # the page colour (Design › Page Color), where the document sets one

    def chain(self, style_id: str | None) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        name = style.find(qn("w:name")) if style is not None else None
        return name.get(qn("w:val")) if name is not None else (style_id or "Normal")


@dataclass
class _Where:
    """Where the walk is: the paragraph's number and the heading it falls under."""

    paragraph: int = 0
    heading: str = ""
    notes: list[Problem] = field(default_factory=list)
    # language settings of styles or defaults that misfit the text: (where set, script, tag)
    # and the first paragraph they misfit
    settings: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def __str__(self) -> str:
        under = f" (under \"{self.heading[:60]}\")" if self.heading else ""
        return f"paragraph {self.paragraph}{under}"


def audit_briefing(source: bytes | IO[bytes], file: str,
                   language: str | None = None) -> list[Problem]:
    """Every accessibility finding of a .docx: its file name is only used to locate them."""
    data = source if isinstance(source, bytes) else source.read()
    doc = Document(io.BytesIO(data))
    styles = _read_styles(doc)
    body = doc.element.body
    findings: list[Problem] = []
    findings += _language(styles, file, language)
    findings += _walk(body, styles, file)
    return findings


def _read_styles(doc: Any) -> _Styles:
    root = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in root.iter(qn("w:style"))}
    default = next((s.get(qn("w:styleId")) for s in by_id.values()
                    if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in
                    ("1", "true", "on")), None)
    defaults = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    slots: dict[str, str] = {}
    try:
        theme = doc.part.part_related_by(RT.THEME)
        slots = theme_colours(etree.fromstring(theme.blob))
    except KeyError:
        pass
    background = doc.element.find(qn("w:background"))
    colour = background.get(qn("w:color")) if background is not None else None
    page = colour.upper() if colour and len(colour) == 6 else WHITE
    return _Styles(by_id, defaults, default, slots, page)


def _language(styles: _Styles, file: str, language: str | None) -> list[Problem]:
    lang = styles.defaults.find(qn("w:lang")) if styles.defaults is not None else None
    # Word keeps one language per script: Han or kana (CJK) text takes w:eastAsia, and the
    # Latin letters of such a document keep w:val (their spelling and hyphenation).
    written = language_scripts(language) if language else None
    attribute = "w:eastAsia" if written and written & _EAST_ASIAN else "w:val"
    value = lang.get(qn(attribute)) if lang is not None else None
    if not value:
        return [finding(file, "document language", "is not set, so a screen reader reads the "
                        "briefing in its user's own language", "set the language of the "
                        "Normal style in the Word template (Review › Language), or the "
                        "dataset's `language:`")]
    if language_scripts(value) is None:
        return [finding(file, "document language", f"\"{value}\" is not a language tag",
                        "use a BCP 47 tag such as en-GB")]
    mismatch = language_mismatch(value, language)
    if mismatch:
        return [finding(file, "document language", mismatch, "set the language of the Normal "
                        "style in the Word template (Review › Language)")]
    return []


def _run_property(run: Any, paragraph_style: str | None, styles: _Styles, tag: str) -> Any:
    """A run's property as Word applies it: the run's own, its character style's, its
    paragraph style's, the document defaults'."""
    return _property_source(run, paragraph_style, styles, tag)[0]


def _property_source(run: Any, paragraph_style: str | None, styles: _Styles, tag: str
                     ) -> tuple[Any, str]:
    """A run's property and where it is set: "" (the run itself), a style's name, or
    "document defaults"."""
    rpr = run.find(qn("w:rPr"))
    if rpr is not None and rpr.find(qn(tag)) is not None:
        return rpr.find(qn(tag)), ""
    char_style = rpr.find(qn("w:rStyle")) if rpr is not None else None
    chains = [styles.chain(char_style.get(qn("w:val")))] if char_style is not None else []
    chains.append(styles.chain(paragraph_style or styles.default_paragraph))
    for chain in chains:
        for style in chain:
            found = style.find(f"{qn('w:rPr')}/{qn(tag)}")
            if found is not None:
                return found, f"style '{styles.name(style.get(qn('w:styleId')))}'"
    found = styles.defaults.find(qn(tag)) if styles.defaults is not None else None
    return found, "document defaults"


def _paragraph_style(p: Any) -> str | None:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else None


def _outline_level(p: Any, styles: _Styles) -> int | None:
    """A paragraph's heading level (1 for Heading 1), None for body text."""
    own = p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    candidates = [own] + [s.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
                          for s in styles.chain(_paragraph_style(p) or styles.default_paragraph)]
    for level in candidates:
        if level is not None:
            value = int(level.get(qn("w:val"), "9"))
            return value + 1 if value < 9 else None
    return None


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _walk(body: Any, styles: _Styles, file: str) -> list[Problem]:
    where = _Where()
    found: list[Problem] = []
    previous_level = 0
    seen_contrast: dict[tuple[str, str], int] = {}
    for element in body.iter(qn("w:p"), qn("w:tbl")):
        if element.tag == qn("w:tbl"):
            found += _table(element, file, where)
            continue
        where.paragraph += 1
        level = _outline_level(element, styles)
        if level is not None:
            text = _text(element).strip()
            if not text:
                found.append(finding(file, str(where), "is an empty heading",
                                     "delete it, or give it text"))
            elif level > previous_level + 1:
                found.append(finding(file, f"{where}: heading \"{text[:60]}\"",
                                     f"skips from level {previous_level} to level {level}",
                                     f"use Heading {previous_level + 1}, or the level above "
                                     "it; a screen reader's outline relies on the levels"))
            previous_level = level
            where.heading = text or where.heading
        found += _pictures(element, file, where)
        found += _links(element, file, where)
        found += _runs(element, styles, file, where, seen_contrast)
    found += [finding(file, f"{location} and {count - 1} more", message, hint)
              for (location, message, hint), count in _grouped(where.notes)]
    found += [finding(file, f"{source}: language", f"tags text in {script} script as "
                      f"{tag or 'no language'} (first at {first})",
                      f"set the language of the {source} in the Word template to the "
                      "dataset's (Modify Style › Format › Language, or Review › Language › "
                      "Set As Default for the document defaults)")
              for (source, script, tag), first in where.settings.items()]
    return found


def _grouped(notes: list[Problem]) -> list[tuple[tuple[str, str, str], int]]:
    """One contrast finding per colour pair, with how often it recurs after the first."""
    out: dict[tuple[str, str], list[Any]] = {}
    for note in notes:
        key = (note.message, note.hint)
        if key in out:
            out[key][1] += 1
        else:
            out[key] = [(note.field, note.message, note.hint), 1]
    return [(value[0], value[1]) for value in out.values()]


def _pictures(p: Any, file: str, where: _Where) -> list[Problem]:
    found = []
    for doc_pr in p.iter(qn("wp:docPr")):
        name = doc_pr.get("name", "")
        if any(d.get("val") in ("1", "true") for d in doc_pr.iter(DECORATIVE)):
            continue
        problem = alt_problem(doc_pr.get("descr", ""), name)
        if problem:
            found.append(finding(file, f"{where}: picture \"{name}\"", problem,
                                 "describe what it shows (Word: right-click › View Alt Text), "
                                 "or mark it decorative"))
    return found


def _links(p: Any, file: str, where: _Where) -> list[Problem]:
    found = []
    for link in p.iter(qn("w:hyperlink")):
        if link.get(qn("w:anchor")):  # a jump within the document: its text is the target's
            continue
        problem = link_problem(_text(link))
        if problem:
            found.append(finding(file, f"{where}: link", problem,
                                 "let the link's text name the page or document it opens"))
    return found


def _runs(p: Any, styles: _Styles, file: str, where: _Where,
          seen: dict[tuple[str, str], int]) -> list[Problem]:
    found = []
    style = _paragraph_style(p)
    background = _background(p, styles, styles.page)
    for run in p.iter(qn("w:r")):
        text = _text(run)
        if not text.strip():
            continue
        found += _run_language(run, text, style, styles, file, where)
        colour = _run_property(run, style, styles, "w:color")
        rgb = word_colour(colour, styles.slots, qn) if colour is not None else None
        if rgb is None:
            continue  # automatic: Word picks black or white against the background
        ratio = contrast(rgb, background)
        size = _run_property(run, style, styles, "w:sz")
        bold = _run_property(run, style, styles, "w:b")
        points = int(size.get(qn("w:val"), "22")) / 2 if size is not None else 11.0
        is_bold = bold is not None and bold.get(qn("w:val"), "1") not in ("0", "false", "off")
        large = points >= 18 or (is_bold and points >= 14)
        needed = LARGE_TEXT_RATIO if large else TEXT_RATIO
        if ratio < needed:
            where.notes.append(finding(
                file, f"{where}: text \"{text.strip()[:40]}\"",
                f"#{rgb} on #{background} has a contrast of {ratio:.1f}:1, under {needed}:1 "
                f"(style {styles.name(style)})",
                "darken the text colour of the style in the Word template"))
    return found


def _fill(element: Any | None, path: str) -> str | None:
    shading = element.find(f"{path}/{qn('w:shd')}") if element is not None else None
    fill = shading.get(qn("w:fill")) if shading is not None else None
    return fill.upper() if fill and fill != "auto" and len(fill) == 6 else None


def _background(p: Any, styles: _Styles, page: str = WHITE) -> str:
    """The fill behind a paragraph: its own shading or its style's, its table cell's or the
    table style's (the header row's where the style shades it), else the page's colour."""
    own = _fill(p, qn("w:pPr"))
    if own:
        return own
    for style in styles.chain(_paragraph_style(p)):
        fill = _fill(style, qn("w:pPr"))
        if fill:
            return fill
    for tc in p.iterancestors(qn("w:tc")):
        fill = _fill(tc, qn("w:tcPr"))
        if fill:
            return fill
        tbl = next(tc.iterancestors(qn("w:tbl")), None)
        name = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}") if tbl is not None else None
        if name is None:
            continue
        tr = tc.getparent()
        first_row = tbl is not None and tbl.find(qn("w:tr")) is tr
        for style in styles.chain(name.get(qn("w:val"))):
            if first_row:
                for special in style.findall(qn("w:tblStylePr")):
                    fill = _fill(special, qn("w:tcPr"))
                    if special.get(qn("w:type")) == "firstRow" and fill:
                        return fill
            fill = _fill(style, qn("w:tcPr"))
            if fill:
                return fill
    return page


def _run_language(run: Any, text: str, style: str | None, styles: _Styles, file: str,
                  where: _Where) -> list[Problem]:
    scripts = text_scripts(text)
    if not scripts:
        return []
    lang, source = _property_source(run, style, styles, "w:lang")
    found = []
    for script in sorted(scripts):
        attribute = ("w:eastAsia" if script in _EAST_ASIAN else
                     "w:bidi" if script in _BIDI else "w:val")
        tag = lang.get(qn(attribute)) if lang is not None else None
        written = language_scripts(tag) if tag else None
        if tag and written is not None and script in written:
            continue
        if source == "document defaults" and tag and written is None:
            continue  # not a language tag: the document language's own finding says so
        if source:
            # One template setting tags every paragraph that takes it: said once, there.
            where.settings.setdefault((source, script, tag or ""), str(where))
            continue
        found.append(finding(file, f"{where}: text \"{text.strip()[:40]}\"",
                             f"is in {script} script but tagged {tag or 'with no language'}",
                             "tag the run with its language (Review › Language), as the "
                             "dataset's language or the run's own"))
    return found


def _table(tbl: Any, file: str, where: _Where) -> list[Problem]:
    rows = tbl.findall(qn("w:tr"))
    if len(rows) < 2:
        return []
    header = rows[0]
    name = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
    label = f"{where}: table \"{name.get(qn('w:val'))[:50]}\"" if name is not None else \
        f"{where}: table"
    found = []
    marked = header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    if marked is None or marked.get(qn("w:val"), "1") in ("0", "false", "off"):
        found.append(finding(file, label, "has no header row repeated on each page (nor "
                             "marked as headers for a screen reader)",
                             "Table Properties › Row › Repeat as header row"))
    merged = [c for c in header.iter(qn("w:gridSpan"), qn("w:vMerge"), qn("w:hMerge"))
              if c.tag != qn("w:gridSpan") or int(c.get(qn("w:val"), "1")) > 1]
    if merged:
        found.append(finding(file, label, "has merged cells in its header row, which a "
                             "screen reader cannot pair with the columns",
                             "split the header cells: one header per column"))
    return found
