"""Adopt a house's Word template (.docx, .dotx, .docm, .dotm) as the briefing's: map each role
of the briefing to the house's own style, add what the briefing needs and the house lacks (in
the house's fonts and colours), remove the template's sample content, and record the mapping in
report.yaml, commented, where the user can change any choice."""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.styles import BabelFish
from lxml import etree

from reportgen.adopt import Adoption
from reportgen.adopt.word_pages import remove_sample, write_cover, write_running
from reportgen.docx.contract import (
    BRIEFING_NAMES,
    PURPOSES,
    ROLES,
    Role,
    StyleTable,
    as_document,
    missing_template,
    other_kind,
)
from reportgen.docx.writer import BROKEN_PACKAGE
from reportgen.errors import unreadable_template
from reportgen.files import write_all
from reportgen.package import macro_parts, read_template

# Styles the briefing needs that a house template may lack, each made from the house's own:
# (name, role whose style it is based on, paragraph properties, run properties).
RECIPES: dict[str, tuple[str, str | None, str, str]] = {
    "title": ("Title", "heading1", "", '<w:sz w:val="48"/>'),
    "body": ("Body Text", None, '<w:spacing w:after="120"/>', ""),
    "subtitle": ("Subtitle", "body", "", '<w:sz w:val="28"/>'),
    "heading1": ("Heading 1", None, '<w:keepNext/><w:spacing w:before="360" w:after="120"/>'
                 '<w:outlineLvl w:val="0"/>', '<w:b/><w:sz w:val="32"/>'),
    "heading2": ("Heading 2", "heading1", '<w:spacing w:before="240" w:after="80"/>'
                 '<w:outlineLvl w:val="1"/>', '<w:sz w:val="26"/>'),
    "caption": ("Caption", "body", '<w:spacing w:before="60" w:after="200"/>',
                '<w:i/><w:sz w:val="18"/>'),
    "bullet": ("List Bullet", "body", "", ""),  # numbering added by _bullets
    "quote": ("Quote", "body", '<w:ind w:left="567" w:right="567"/>', "<w:i/>"),
    "footnote_text": ("footnote text", None, '<w:spacing w:after="0" w:line="240" '
                      'w:lineRule="auto"/>', '<w:sz w:val="18"/>'),
    "footnote_reference": ("footnote reference", None, "", '<w:vertAlign w:val="superscript"/>'),
    "contents_heading": ("TOC Heading", "heading1", "", ""),  # unnumbered: _unlisted
    "contents1": ("toc 1", None, '<w:spacing w:after="100"/>', ""),
    "contents2": ("toc 2", None, '<w:spacing w:after="100"/><w:ind w:left="240"/>', ""),
    "figures_list": ("table of figures", None, '<w:spacing w:after="60"/>', ""),
}
BULLET_NUMBERING = (
    '<w:abstractNum {ns} w:abstractNumId="{id}"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>'
    '</w:abstractNum>')
TABLE_GRID = (
    '<w:style {ns} w:type="table" w:styleId="{id}"><w:name w:val="Table Grid"/>'
    '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:pPr><w:spacing w:after="0"/>'
    '</w:pPr><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr></w:style>')
MARK = "# --- The Word template's styles (written by `reportgen adopt`)"


def adopt_word(source: Path, into: Path) -> Adoption:
    """Adopt a Word document or template into the templates folder `into` as briefing.docx."""
    if not source.is_file():
        raise missing_template(source)
    try:
        raw = source.read_bytes()
        wrong = other_kind(source, raw)
        if wrong is not None:
            raise wrong
        # Read as any template is: limits, no DTD, link, pulling field or macro (package/).
        data = as_document(read_template(source, "Word"))  # package/ drops any macros
        macros = macro_parts(source)
        doc = Document(io.BytesIO(data))
    except BROKEN_PACKAGE as exc:
        raise unreadable_template(source, "Word", exc) from None
    target = into / BRIEFING_NAMES[0]
    adoption = Adoption(target)
    if macros:
        adoption.notes.append(f"{source.name}: its macros ({', '.join(macros)}) are left out; "
                              "none reaches a briefing")
    styles = _map_styles(doc, adoption)
    remove_sample(doc, adoption)
    table_style = _table_style(doc, adoption)
    write_cover(doc, styles, adoption)
    write_running(doc, adoption)
    out = io.BytesIO()
    doc.save(out)
    files = {target: out.getvalue()}
    report = into / "report.yaml"
    if report.is_file():
        files[report] = record(report.read_text(encoding="utf-8"), styles, table_style,
                               source.name).encode("utf-8")
    write_all(files)
    for stale in BRIEFING_NAMES[1:]:  # the folder's Word template is now this one
        (into / stale).unlink(missing_ok=True)
    return adoption


def _name(style: etree._Element) -> str:
    """A style's name as Word shows it ("footnote text" is saved, "Footnote Text" shown)."""
    name = style.find(qn("w:name"))
    saved = name.get(qn("w:val")) if name is not None else style.get(qn("w:styleId"))
    return str(BabelFish.internal2ui(saved))


def _map_styles(doc: DocumentObject, adoption: Adoption) -> dict[str, str]:
    """Each role's style name: the house's own where it has one, else one added from it."""
    table = StyleTable.of(doc)
    chosen: dict[str, etree._Element] = {}
    for role in ROLES:
        element, how = table.find(role)
        if element is not None:
            chosen[role.key] = element
            adoption.mapped.append(f"{PURPOSES[role.key]}: '{_name(element)}' ({how})")
    for role in ROLES:
        if role.key not in chosen:
            chosen[role.key] = _add_style(doc, table, role, chosen)
            adoption.unmapped.append(
                f"{PURPOSES[role.key]}: the template has no such style; added "
                f"'{_name(chosen[role.key])}' in its fonts and colours (restyle it in Word, or "
                f"name another style in report.yaml word: {role.key})")
    heading = chosen["contents_heading"]
    if heading.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is None and any(
            link.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
            for link in table.chain(heading)):
        adoption.notes.append(f"'{_name(heading)}' inherits the headings' numbering: the "
                              "titles of the contents and lists are written unnumbered")
    return {key: _name(element) for key, element in chosen.items()}


def _add_style(doc: DocumentObject, table: StyleTable, role: Role,
               chosen: dict[str, etree._Element]) -> etree._Element:
    name, based, ppr, rpr = RECIPES[role.key]
    kind = WD_STYLE_TYPE.CHARACTER if role.kind == "character" else WD_STYLE_TYPE.PARAGRAPH
    style = doc.styles.add_style(name, kind)
    element = style.element
    base = chosen.get(based) if based else table.default(role.kind)
    if base is not None and role.kind == "paragraph":
        style.base_style = doc.styles.get_by_id(base.get(qn("w:styleId")), kind)
    if role.key == "contents_heading":
        ppr += '<w:numPr><w:numId w:val="0"/></w:numPr><w:outlineLvl w:val="9"/>'
    if role.key == "bullet":
        ppr += f'<w:numPr><w:numId w:val="{_bullets(doc)}"/></w:numPr>'
    element.append(parse_xml(f"<w:pPr {nsdecls('w')}>{_ordered(ppr)}</w:pPr>"))
    element.append(parse_xml(f"<w:rPr {nsdecls('w')}>{rpr}</w:rPr>"))
    element.set(qn("w:customStyle"), "0")
    table.styles.append(element)
    return element


_PPR_ORDER = ("keepNext", "numPr", "spacing", "ind", "outlineLvl")


def _ordered(ppr: str) -> str:
    """Paragraph properties in the schema's order (CT_PPrBase: keepNext … numPr … spacing, ind
    … outlineLvl)."""
    pieces = re.findall(r"<w:numPr>.*?</w:numPr>|<w:\w+[^>]*/>", ppr)
    return "".join(sorted(pieces, key=lambda piece: _PPR_ORDER.index(
        piece[3:].split(" ")[0].split(">")[0].rstrip("/"))))


def _bullets(doc: DocumentObject) -> int:
    """A single-level bullet list added to the document's numbering; its w:numId."""
    numbering = doc.part.numbering_part.element
    abstract = 1 + max([-1, *(int(a.get(qn("w:abstractNumId")))
                              for a in numbering.iter(qn("w:abstractNum")))])
    number = 1 + max([0, *(int(n.get(qn("w:numId"))) for n in numbering.iter(qn("w:num")))])
    first_num = numbering.find(qn("w:num"))
    definition = parse_xml(BULLET_NUMBERING.format(ns=nsdecls("w"), id=abstract))
    if first_num is not None:
        first_num.addprevious(definition)  # every abstractNum before the first num
    else:
        numbering.append(definition)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{number}"><w:abstractNumId '
                               f'w:val="{abstract}"/></w:num>'))
    return number


def _table_style(doc: DocumentObject, adoption: Adoption) -> str:
    """The house's table style for the briefing's tables: its Table Grid, else the first of its
    own, else a Table Grid added (thin rules, the house's text)."""
    table = StyleTable.of(doc)
    grid = table.named("Table Grid", "table")
    # a style the cover's own tables use (a title band) is no style for data tables
    on_cover = {s.get(qn("w:val")) for s in doc.element.body.iter(qn("w:tblStyle"))}
    own = next((s for s in table.of_kind("table") if s.get(qn("w:customStyle")) == "1"
                and s.get(qn("w:styleId")) not in on_cover), None)
    chosen = own if own is not None else grid
    if chosen is not None:
        adoption.mapped.append(f"tables: '{_name(chosen)}'")
        return str(_name(chosen))
    side = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    borders = "".join(side.format(s) for s in ("top", "left", "bottom", "right", "insideH",
                                                "insideV"))
    doc.styles.element.append(parse_xml(TABLE_GRID.format(ns=nsdecls("w"), id="TableGrid",
                                                          borders=borders)))
    adoption.unmapped.append("tables: the template has no table style; added 'Table Grid' "
                             "(restyle it in Word, or name another in report.yaml table_style)")
    return "Table Grid"


def record(text: str, styles: dict[str, str], table_style: str, source: str) -> str:
    """report.yaml with the Word mapping: `table_style` set, and a commented `word:` block
    (replacing one written before) naming the house's style for each role."""
    if MARK in text:
        text = text[:text.index(MARK)].rstrip("\n") + "\n"
    text = re.sub(r"(?m)^word:.*(?:\n[ \t]+.*)*\n?", "", text)
    quoted = _yaml_string(table_style)
    if re.search(r"(?m)^table_style:", text):
        text = re.sub(r"(?m)^table_style:.*$", f"table_style: {quoted}", text)
    else:
        text += f"\ntable_style: {quoted}\n"
    lines = [f"{MARK} from {source}.", "# Each role of the briefing and the house's style that "
             "plays it; name another style of", "# the template to change a choice "
             "(`reportgen check` says when a name is wrong).", "word:"]
    lines += [f"  {key + ':':<19} {_yaml_string(name):<36} # {PURPOSES[key]}"
              for key, name in styles.items()]
    return text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"


def _yaml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'

