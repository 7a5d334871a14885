"""Generate the house-style templates templates/briefing.docx and templates/deck.pptx."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as DOCX_RT
from docx.opc.part import Part as DocxPart
from docx.oxml import parse_xml as parse_wml
from docx.oxml.ns import nsdecls as wml_nsdecls
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as PPTX_RT
from pptx.opc.package import Part as PptxPart
from pptx.oxml import parse_xml as parse_pml
from pptx.oxml.ns import nsdecls as pml_nsdecls
from pptx.util import Emu

from reportgen.docx.notes import footnotes_part

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"

NAVY, TEAL, GREY, RULE, BAND = "1F3864", "2E75B6", "595959", "BFBFBF", "F2F2F2"
BODY_FONT, HEADING_FONT = "Calibri", "Cambria"
LANG = "en-GB"
THEME_COLOURS = {
    "dk2": NAVY, "accent1": TEAL, "accent2": NAVY, "accent3": "A5A5A5",
    "accent4": "C55A11", "accent5": "548235", "accent6": "7F6000",
}  # fmt: skip
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
A4_WIDTH, A4_HEIGHT, SIDE_MARGIN = 11906, 16838, 1417  # twips (margin 2.5 cm)
TEXT_WIDTH = A4_WIDTH - 2 * SIDE_MARGIN


def restyle_theme(part: DocxPart | PptxPart, major: str, minor: str) -> None:
    """Set the latin major/minor fonts and the house colours in a theme part (a blob part)."""
    theme = etree.fromstring(part.blob)
    for tag, face in (("majorFont", major), ("minorFont", minor)):
        theme.find(f".//{{{A_NS}}}{tag}/{{{A_NS}}}latin").set("typeface", face)
    scheme = theme.find(f".//{{{A_NS}}}clrScheme")
    for slot, rgb in THEME_COLOURS.items():
        holder = scheme.find(f"{{{A_NS}}}{slot}")
        holder.clear()
        etree.SubElement(holder, f"{{{A_NS}}}srgbClr", val=rgb)
    theme.set("name", "Briefing")
    scheme.set("name", "Briefing")
    theme.find(f".//{{{A_NS}}}fontScheme").set("name", "Briefing")
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------------------------
# Word template
# --------------------------------------------------------------------------------------------
def set_font_name(rpr: etree._Element, face: str) -> None:
    """Name the font explicitly for every script, dropping theme-font references."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), face)


def restyle(
    doc: DocxDocument,
    name: str,
    *,
    font: str | None = None,
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    color: str | None = None,
) -> ParagraphStyle:
    """Set run properties on a style and its linked "<name> Char" style; drop letter-spacing."""
    style = cast(ParagraphStyle, doc.styles[name])
    targets = [style] + [s for s in doc.styles if s.name == f"{name} Char"]
    for target in targets:
        if font:
            set_font_name(target.element.get_or_add_rPr(), font)
        if size:
            target.font.size = Pt(size)
        if bold is not None:
            target.font.bold = bold
            target.font.cs_bold = bold
        if italic is not None:
            target.font.italic = italic
            target.font.cs_italic = italic
        if color:
            target.font.color.rgb = RGBColor.from_string(color)
        target.element.get_or_add_rPr().remove_all("w:spacing", "w:kern")
    return style


PBDR_PREDECESSORS = {qn(f"w:{t}") for t in (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers",
)}  # fmt: skip


def add_border(ppr: etree._Element, side: str, color: str, size: int, space: int) -> None:
    """Add a single-line paragraph border (`size` in eighths of a point) in schema order."""
    border = parse_wml(
        f'<w:pBdr {wml_nsdecls("w")}><w:{side} w:val="single" w:sz="{size}" '
        f'w:space="{space}" w:color="{color}"/></w:pBdr>'
    )
    before = [c for c in ppr if c.tag in PBDR_PREDECESSORS]
    ppr.insert(ppr.index(before[-1]) + 1 if before else 0, border)


def setup_docx_styles(doc: DocxDocument) -> None:
    """Document defaults (the effective Normal), headings, text styles and header/footer."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_font_name(rpr_default, BODY_FONT)
    rpr_default.find(qn("w:lang")).set(qn("w:val"), LANG)
    spacing = styles.find(qn("w:docDefaults")).find(".//" + qn("w:spacing"))
    spacing.set(qn("w:after"), "120")  # 6 pt
    spacing.set(qn("w:line"), "276")  # 1.15 lines

    title = restyle(doc, "Title", font=HEADING_FONT, size=30, color=NAVY)
    title.element.pPr.remove_all("w:pBdr")
    title.paragraph_format.space_after = Pt(6)

    subtitle = restyle(doc, "Subtitle", font=BODY_FONT, size=16, italic=False, color=TEAL)
    subtitle.element.pPr.remove_all("w:numPr")
    subtitle.paragraph_format.space_after = Pt(24)

    for name, size, before, after in (("Heading 1", 18, 18, 6), ("Heading 2", 13, 12, 4)):
        heading = restyle(doc, name, font=HEADING_FONT, size=size, bold=True, color=NAVY)
        fmt = heading.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.keep_with_next, fmt.page_break_before = True, False

    body = cast(ParagraphStyle, doc.styles["Body Text"])
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    body.paragraph_format.space_after = Pt(8)

    caption = restyle(doc, "Caption", size=9, bold=False, italic=True, color=GREY)
    caption.paragraph_format.space_after = Pt(12)
    caption.hidden = False

    quote = restyle(doc, "Quote", italic=True)
    quote.paragraph_format.left_indent = Cm(1)
    add_border(quote.element.get_or_add_pPr(), "left", TEAL, 18, 8)

    # tab stops fitted to the A4 text width; the header has no centre stop, because
    # LibreOffice ignores the right stop once a long title has run past a centre stop
    for name, align, centre_tab in (
        ("Header", None, False),
        ("Footer", WD_ALIGN_PARAGRAPH.CENTER, True),
    ):
        style = restyle(doc, name, size=9, color=GREY)
        style.paragraph_format.alignment = align
        tabs = style.paragraph_format.tab_stops
        tabs.clear_all()
        if centre_tab:
            tabs.add_tab_stop(Twips(TEXT_WIDTH // 2), WD_TAB_ALIGNMENT.CENTER)
        tabs.add_tab_stop(Twips(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)


def add_table_style(doc: DocxDocument) -> None:
    """Append the "Briefing Table" table style (navy header row, thin rules, banded rows)."""
    rule = f'w:val="single" w:sz="4" w:space="0" w:color="{RULE}"'
    fonts = " ".join(f'w:{a}="{BODY_FONT}"' for a in ("ascii", "hAnsi", "eastAsia", "cs"))
    sides = ("top", "left", "bottom", "right")
    cell_margin = "".join(f'<w:{side} w:w="57" w:type="dxa"/>' for side in sides)  # 0.1 cm
    doc.styles.element.append(
        parse_wml(f"""
<w:style {wml_nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="BriefingTable">
  <w:name w:val="Briefing Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:rFonts {fonts}/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>
  <w:tblPr>
    <w:tblStyleRowBandSize w:val="1"/><w:tblInd w:w="0" w:type="dxa"/>
    <w:tblBorders><w:top {rule}/><w:bottom {rule}/><w:insideH {rule}/></w:tblBorders>
    <w:tblCellMar>{cell_margin}</w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>
    <w:trPr><w:tblHeader/></w:trPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{NAVY}"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="band2Horz">
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{BAND}"/></w:tcPr>
  </w:tblStylePr>
</w:style>""")
    )


def add_note_and_contents_styles(doc: DocxDocument) -> None:
    """Footnote text and mark, contents entries (TOC 1, TOC 2) and the list of figures.

    Named as Word names its built-in styles ("footnote text", "toc 1"), so that Word and
    LibreOffice treat them as their own footnote and index styles.
    """
    # Page numbers on a dotted right tab at the margin; wrapped entry text stops 1 cm short of it.
    leader = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
    specs = (
        ("paragraph", "FootnoteText", "footnote text", 99,
         '<w:pPr><w:spacing w:after="20" w:line="240" w:lineRule="auto"/></w:pPr>'
         '<w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr>'),
        ("character", "FootnoteReference", "footnote reference", 99,
         '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'),
        ("paragraph", "TOC1", "toc 1", 39,
         f'<w:pPr>{leader}<w:spacing w:before="120" w:after="40"/><w:ind w:right="567"/>'
         "</w:pPr>"
         '<w:rPr><w:b/><w:bCs/></w:rPr>'),
        ("paragraph", "TOC2", "toc 2", 39,
         f'<w:pPr>{leader}<w:spacing w:after="40"/><w:ind w:left="284" w:right="567"/></w:pPr>'),
        ("paragraph", "TableofFigures", "table of figures", 99,
         f'<w:pPr>{leader}<w:spacing w:after="60"/>'
         '<w:ind w:left="284" w:right="567" w:hanging="284"/></w:pPr>'),
    )
    for kind, style_id, name, priority, props in specs:
        based_on = "DefaultParagraphFont" if kind == "character" else "Normal"
        following = "" if kind == "character" else '<w:next w:val="Normal"/>'
        doc.styles.element.append(parse_wml(
            f'<w:style {wml_nsdecls("w")} w:type="{kind}" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="{based_on}"/>{following}'
            f'<w:uiPriority w:val="{priority}"/><w:unhideWhenUsed/>{props}</w:style>'))


def add_footnotes_part(doc: DocxDocument) -> None:
    """Ship the footnotes part (separators only), so a user can restyle the separator line."""
    footnotes_part(doc)


def add_text(
    para: Paragraph, text: str, *, size: float | None = None, bold: bool = False,
    color: str | None = None,
) -> None:  # fmt: skip
    """Append one run (docxtpl tags must stay whole inside a single run)."""
    run = para.add_run(text)
    run.font.size = Pt(size) if size else None
    run.font.bold = bold or None
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


def build_cover(doc: DocxDocument) -> None:
    """Cover page with docxtpl tags, ending in a page-break paragraph (nothing may follow)."""
    marking = doc.add_paragraph()
    marking.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add_text(marking, "{{ marking }}", size=10, bold=True, color=TEAL)
    doc.add_paragraph().paragraph_format.space_before = Cm(5.8)  # title sits ~1/3 down
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("{{ subtitle }}", style="Subtitle")
    add_text(doc.add_paragraph(), "{{ occasion }}", size=12)
    add_text(doc.add_paragraph(), "{{ as_of }}", size=12, bold=True)
    doc.add_paragraph().paragraph_format.space_before = Cm(3)
    add_text(doc.add_paragraph(), "{{ organisation }}", size=10, color=GREY)
    page_break = doc.add_paragraph()
    # Word carries the paragraph mark after the break onto page 2: keep that line 1 pt high
    page_break.paragraph_format.space_after = Pt(0)
    page_break.paragraph_format.line_spacing = Pt(1)
    page_break.add_run().add_break(WD_BREAK.PAGE)


def add_field(para: Paragraph, instruction: str) -> None:
    """Append a complex field (begin / instrText / separate / cached "1" / end)."""
    ns = wml_nsdecls("w")
    for inner in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>1</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        para._p.append(parse_wml(f"<w:r {ns}>{inner}</w:r>"))


def build_header_footer(doc: DocxDocument) -> None:
    """Empty first-page header/footer; running header (title, marking) and page-x-of-y footer."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    for part in (section.first_page_header, section.first_page_footer):
        part.is_linked_to_previous = False

    section.header.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.paragraph_format.tab_stops.add_tab_stop(Twips(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
    add_border(header._p.get_or_add_pPr(), "bottom", RULE, 4, 4)
    header.add_run("{{ title }}")
    header.add_run().add_tab()
    header.add_run("{{ marking }}")

    section.footer.is_linked_to_previous = False
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    add_field(footer, "PAGE")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES")


def make_docx(path: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Twips(A4_WIDTH), Twips(A4_HEIGHT)
    section.left_margin = section.right_margin = Twips(SIDE_MARGIN)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.2)

    setup_docx_styles(doc)
    add_table_style(doc)
    add_note_and_contents_styles(doc)
    add_footnotes_part(doc)
    build_cover(doc)
    build_header_footer(doc)

    restyle_theme(doc.part.part_related_by(DOCX_RT.THEME), HEADING_FONT, BODY_FONT)
    settings = doc.settings.element
    settings.find(qn("w:zoom")).set(qn("w:percent"), "100")
    settings.find(qn("w:themeFontLang")).set(qn("w:val"), LANG)
    # stale copy of the styles for Word 2007; the thumbnail shows python-docx's own template
    for rId, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rId)
    package_rels = doc.part.package.rels
    for rId, rel in list(package_rels.items()):
        if rel.reltype == DOCX_RT.THUMBNAIL:
            del package_rels[rId]

    props = doc.core_properties
    props.title = props.subject = props.author = props.keywords = props.comments = ""
    props.last_modified_by = props.category = ""
    props.language = LANG
    doc.save(str(path))


# --------------------------------------------------------------------------------------------
# PowerPoint template (16:9; all geometry in inches)
# --------------------------------------------------------------------------------------------
SLIDE_W, SLIDE_H = 12192000, 6858000
W, H, MARGIN = SLIDE_W / 914400, SLIDE_H / 914400, 0.6
CW = W - 2 * MARGIN  # content width
TITLE_BOX = (MARGIN, 0.35, CW, 0.9)
CONTENT_BOX = (MARGIN, 1.4, CW, 5.2)
CHART_BOX = (MARGIN, 1.4, CW, 4.7)
CAPTION_BOX = (MARGIN, 6.15, CW, 0.45)
FOOTER_BOX, DATE_BOX, NUMBER_BOX = (
    (MARGIN, 6.9, 8.0, 0.4),
    (8.8, 6.9, 2.0, 0.4),
    (W - 2.1, 6.9, 1.5, 0.4),
)
SCHEME = {"navy": "tx2", "teal": "accent1", "white": "bg1"}  # theme slots for house colours


@dataclass(frozen=True)
class Ph:
    """A placeholder: `kind` is the p:ph type; None for size/colour/etc. means inherit."""

    name: str
    kind: str
    idx: int | None
    box: tuple[float, float, float, float]
    size: int | None = None
    color: str | None = None
    bold: bool | None = None
    align: str | None = None
    anchor: str = "t"
    bullets: bool = True
    fill: str | None = None
    prompt: str | None = None  # text shown in the empty placeholder; default: its name


@dataclass(frozen=True)
class Rect:
    """A plain filled rectangle drawn on a master or layout."""

    name: str
    box: tuple[float, float, float, float]
    color: str


def emu(inches: float) -> int:
    return round(inches * 914400)


def solid(color: str) -> str:
    """`color` is a key of SCHEME (theme colour) or an RGB hex string."""
    if color in SCHEME:
        return f'<a:solidFill><a:schemeClr val="{SCHEME[color]}"/></a:solidFill>'
    return f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'


def xfrm(box: tuple[float, float, float, float]) -> str:
    x, y, cx, cy = (emu(v) for v in box)
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def level1_xml(ph: Ph) -> str:
    """The a:lvl1pPr of a placeholder's list style (size, colour, alignment, bullets)."""
    attrs = "" if ph.bullets else ' marL="0" indent="0"'
    attrs += f' algn="{ph.align}"' if ph.align else ""
    rpr = f' sz="{ph.size * 100}"' if ph.size else ""
    rpr += f' b="{int(ph.bold)}"' if ph.bold is not None else ""
    fill = solid(ph.color) if ph.color else ""
    bullet = "" if ph.bullets else "<a:buNone/>"
    return f"<a:lvl1pPr{attrs}>{bullet}<a:defRPr{rpr}>{fill}</a:defRPr></a:lvl1pPr>"


def placeholder_xml(shape_id: int, ph: Ph, custom_prompt: bool) -> str:
    idx = f' idx="{ph.idx}"' if ph.idx is not None else ""
    latent = ph.kind in ("dt", "ftr", "sldNum")
    # layout body placeholders prompt with their name; titles keep "Click to add title"
    custom = custom_prompt and ph.kind in ("body", "subTitle")
    prompt = ' hasCustomPrompt="1"' if custom else ""
    if ph.kind == "sldNum":
        text = '<a:fld id="{C1FF6DA9-008F-8B48-92A6-B652298478BF}" type="slidenum">'
        text += f'<a:rPr lang="{LANG}"/><a:t>‹#›</a:t></a:fld>'
    elif ph.kind == "dt":
        text = '<a:fld id="{5BCAD085-E8A6-8845-BD4E-CB4CCA059FC4}" type="datetimeFigureOut">'
        text += f'<a:rPr lang="{LANG}"/><a:t>01/01/2025</a:t></a:fld>'
    else:
        words = ph.prompt or (ph.name if custom else "Click to edit Master title style")
        text = "" if latent else f'<a:r><a:rPr lang="{LANG}"/><a:t>{words}</a:t></a:r>'
    levels = "" if ph.bullets and not (ph.size or ph.color or ph.align) else level1_xml(ph)
    fill = solid(ph.fill) if ph.fill else ""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{ph.name}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f'<p:nvPr><p:ph type="{ph.kind}"{idx}{prompt}/></p:nvPr></p:nvSpPr>'
        f'<p:spPr>{xfrm(ph.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}</p:spPr>'
        f'<p:txBody><a:bodyPr vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" '
        f'bIns="45720" rtlCol="0" anchor="{ph.anchor}"><a:noAutofit/></a:bodyPr>'
        f'<a:lstStyle>{levels}</a:lstStyle><a:p>{text}<a:endParaRPr lang="{LANG}"/></a:p>'
        "</p:txBody></p:sp>"
    )


def rect_xml(shape_id: int, rect: Rect) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{rect.name}"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{xfrm(rect.box)}'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{solid(rect.color)}'
        "<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )


def sp_tree_xml(shapes: list[Ph | Rect], custom_prompts: bool = True) -> str:
    """A complete p:spTree; shape ids start at 2 (1 is the tree itself)."""
    body = "".join(
        rect_xml(i, s) if isinstance(s, Rect) else placeholder_xml(i, s, custom_prompts)
        for i, s in enumerate(shapes, start=2)
    )
    return (
        f'<p:spTree {pml_nsdecls("a", "p")}><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/>'
        '<p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
        f'<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{body}</p:spTree>'
    )


def footers(color: str | None = None) -> list[Ph]:
    return [
        Ph("Footer", "ftr", 11, FOOTER_BOX, color=color),
        Ph("Slide Number", "sldNum", 12, NUMBER_BOX, color=color),
    ]


def caption(idx: int) -> Ph:
    return Ph("Caption", "body", idx, CAPTION_BOX, 12, GREY, anchor="b", bullets=False)


def chart(box: tuple[float, float, float, float] = CHART_BOX) -> Ph:
    return Ph("Chart", "body", 1, box, bullets=False)


def title(
    box: tuple[float, float, float, float] = TITLE_BOX, size: int | None = None,
    color: str | None = None, align: str | None = None, anchor: str = "ctr",
) -> Ph:  # fmt: skip
    return Ph("Title", "title", None, box, size, color, align=align, anchor=anchor)


def key_figure_boxes() -> list[Ph]:
    gap = 0.3
    bw, bh = (CW - gap) / 2, (CONTENT_BOX[3] - gap) / 2
    return [
        Ph(f"Figure {n + 1}", "body", 1 if n == 0 else 12 + n,
           (MARGIN + (n % 2) * (bw + gap), 1.4 + (n // 2) * (bh + gap), bw, bh),
           16, align="ctr", anchor="ctr", bullets=False, fill=BAND)
        for n in range(4)
    ]  # fmt: skip


def layout_specs() -> list[tuple[str, str, bool, list[Ph | Rect]]]:
    """(name, p:sldLayout type, show master shapes, shapes) for every layout, in order."""
    cover_x = 1.1
    cover_w = W - cover_x - MARGIN
    side = 0.38 * CW
    return [
        ("Title", "title", False, [
            Rect("Cover Band", (0, 0, 0.45, H), "navy"),
            Rect("Cover Rule", (cover_x + 0.1, 3.42, 1.6, 0.06), "teal"),
            Ph("Title", "ctrTitle", None, (cover_x, 1.3, cover_w, 2.0), 40, "navy", align="l",
               anchor="b"),
            Ph("Subtitle", "subTitle", 1, (cover_x, 3.6, cover_w, 0.9), 20, "teal",
               bullets=False),
            Ph("Marking", "body", 13, (W - MARGIN - 5.0, 0.35, 5.0, 0.45), 12, "teal",
               bold=True, align="r", bullets=False),
            Ph("Date", "body", 14, (cover_x, 4.55, cover_w, 0.5), 14, GREY, bullets=False),
        ]),
        ("Agenda", "obj", True, [title(), Ph("Body", "body", 1, CONTENT_BOX), *footers()]),
        ("Section", "secHead", False, [
            Rect("Section Background", (0, 0, W, H), "navy"),
            Rect("Section Rule", (MARGIN + 0.1, 3.95, 1.6, 0.06), "teal"),
            title((MARGIN, 2.2, CW, 1.6), size=36, color="white", anchor="b"),
            Ph("Subtitle", "body", 1, (MARGIN, 4.15, CW, 1.2), 18, "D6DCE5", bullets=False),
            *footers("A6B4CE"),
        ]),
        ("Key Figures", "cust", True, [title(), *key_figure_boxes(), *footers()]),
        ("Chart", "cust", True, [title(), chart(), caption(13), *footers()]),
        ("Chart and Text", "cust", True, [
            title(),
            chart((MARGIN, 1.4, 0.58 * CW, CHART_BOX[3])),
            Ph("Takeaways", "body", 13, (MARGIN + CW - side, 1.4, side, CHART_BOX[3]), 18),
            caption(14),
            *footers(),
        ]),
        ("Timeline", "cust", True, [title(), chart(), caption(13), *footers()]),
        ("Text", "obj", True, [title(), Ph("Body", "body", 1, CONTENT_BOX), *footers()]),
        ("Sources", "cust", True, [
            title(), Ph("Body", "body", 1, CONTENT_BOX, 14, bullets=False), *footers(),
        ]),
        ("Closing", "cust", True, [
            title((MARGIN, 2.2, CW, 1.4), size=36, align="ctr", anchor="b"),
            Ph("Subtitle", "body", 1, (MARGIN, 3.8, CW, 1.0), 20, "teal", align="ctr",
               bullets=False),
            *footers(),
        ]),
    ]  # fmt: skip


def master_text_styles() -> tuple[str, str]:
    """p:titleStyle and p:bodyStyle for the master."""
    title_style = (
        f'<p:titleStyle {pml_nsdecls("a", "p")}><a:lvl1pPr algn="l" defTabSz="914400" rtl="0">'
        '<a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef>'
        f'<a:buNone/><a:defRPr sz="3200" b="1" kern="1200">{solid("navy")}'
        '<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/>'
        "</a:defRPr></a:lvl1pPr></p:titleStyle>"
    )
    levels = []
    for lvl, size in enumerate((20, 18, 16, 14, 14, 14, 14, 14, 14), start=1):
        char = "•" if lvl % 2 else "–"
        levels.append(
            f'<a:lvl{lvl}pPr marL="{228600 * (2 * lvl - 1)}" indent="-228600" algn="l" '
            'defTabSz="914400" rtl="0"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            '<a:spcBef><a:spcPts val="600"/></a:spcBef>'
            f'<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface="Arial"/>'
            f'<a:buChar char="{char}"/><a:defRPr sz="{size * 100}" kern="1200">'
            f'{solid("262626")}<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/>'
            f'<a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{lvl}pPr>'
        )
    return title_style, f"<p:bodyStyle {pml_nsdecls('a', 'p')}>{''.join(levels)}</p:bodyStyle>"


def replace_child(parent: etree._Element, old: etree._Element, new_xml: str) -> None:
    parent.replace(old, parse_pml(new_xml))


def make_pptx(path: Path) -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_W), Emu(SLIDE_H)
    prs.part._element.find("{*}sldSz").attrib.pop("type", None)  # no longer "screen4x3"
    for def_rpr in prs.part._element.iter(f"{{{A_NS}}}defRPr"):
        if def_rpr.get("lang"):
            def_rpr.set("lang", LANG)

    master = prs.slide_master
    restyle_theme(master.part.part_related_by(PPTX_RT.THEME), BODY_FONT, BODY_FONT)
    master_shapes: list[Ph | Rect] = [
        Rect("Top Bar", (0, 0, W, 0.12), "navy"),
        Ph("Title Placeholder 1", "title", None, TITLE_BOX, anchor="ctr",
           prompt="Click to edit Master title style"),
        Ph("Text Placeholder 2", "body", 1, CONTENT_BOX, prompt="Click to edit Master text styles"),
        Ph("Date Placeholder 3", "dt", 2, DATE_BOX, 11, GREY, align="r", anchor="ctr"),
        Ph("Footer Placeholder 4", "ftr", 3, FOOTER_BOX, 11, GREY, align="l", anchor="ctr"),
        Ph("Slide Number Placeholder 5", "sldNum", 4, NUMBER_BOX, 11, GREY, align="r",
           anchor="ctr"),
    ]  # fmt: skip
    m = master._element
    replace_child(m.cSld, m.cSld.spTree, sp_tree_xml(master_shapes, custom_prompts=False))
    title_style, body_style = master_text_styles()
    tx_styles = m.find("{*}txStyles")
    replace_child(tx_styles, tx_styles.find("{*}titleStyle"), title_style)
    replace_child(tx_styles, tx_styles.find("{*}bodyStyle"), body_style)

    specs = layout_specs()
    for extra in list(prs.slide_layouts)[len(specs) :]:
        prs.slide_layouts.remove(extra)
    for layout, (name, kind, show_master, shapes) in zip(prs.slide_layouts, specs, strict=True):
        element = layout._element
        element.set("type", kind)
        element.set("preserve", "1")
        if show_master:
            element.attrib.pop("showMasterSp", None)
        else:
            element.set("showMasterSp", "0")
        new_csld = parse_pml(f'<p:cSld {pml_nsdecls("p")} name="{name}"/>')
        new_csld.append(parse_pml(sp_tree_xml(shapes)))
        element.replace(element.cSld, new_csld)

    props = prs.core_properties
    props.title = props.subject = props.author = props.keywords = props.comments = ""
    props.last_modified_by = props.category = ""
    props.language = LANG
    package = prs.part.package
    for rId, rel in list(package._rels.items()):
        if rel.reltype == PPTX_RT.THUMBNAIL:
            package.drop_rel(rId)
        elif rel.reltype == PPTX_RT.EXTENDED_PROPERTIES:  # app.xml still says 4:3, Office Theme
            app = rel.target_part
            app._blob = app.blob.replace(b"On-screen Show (4:3)", b"Widescreen")
            app._blob = app.blob.replace(b"Office Theme", b"Briefing")
    prs.save(str(path))


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("which", nargs="*", choices=["docx", "pptx"], default=["docx", "pptx"],
                        help="which template to write (default: both)")
    args = parser.parse_args()
    TEMPLATES.mkdir(exist_ok=True)
    targets = {"docx": (make_docx, "briefing.docx"), "pptx": (make_pptx, "deck.pptx")}
    for which in dict.fromkeys(args.which):
        make, name = targets[which]
        make(TEMPLATES / name)
        print(f"wrote {TEMPLATES / name}")


if __name__ == "__main__":
    main()
