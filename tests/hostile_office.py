"""Hostile Word and PowerPoint packages, made in memory from the shipped templates (zipfile and
plain XML text): linked pictures, pulling fields, macros, DTDs, bombs. Shared by the package
tests and the LibreOffice confinement tests."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from xml.sax.saxutils import quoteattr

from .conftest import TEMPLATES

DOCX = (TEMPLATES / "briefing.docx").read_bytes()
PPTX = (TEMPLATES / "deck.pptx").read_bytes()

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MS_R = "http://schemas.microsoft.com/office/2006/relationships"
Edit = Callable[[dict[str, bytes]], None]


def parts(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pack(contents: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return out.getvalue()


def mutate(package: bytes, *edits: Edit) -> bytes:
    contents = parts(package)
    for edit in edits:
        edit(contents)
    return pack(contents)


def text_edit(part: str, old: str, new: str) -> Edit:
    def edit(contents: dict[str, bytes]) -> None:
        text = contents[part].decode("utf-8")
        assert old in text, (part, old)
        contents[part] = text.replace(old, new, 1).encode("utf-8")
    return edit


def relationship(rels: str, rid: str, kind: str, target: str, external: bool = True) -> Edit:
    mode = ' TargetMode="External"' if external else ""
    return text_edit(rels, "</Relationships>",
                     f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'
                     "</Relationships>")


def add_part(name: str, data: bytes, content_type: str | None = None) -> Edit:
    def edit(contents: dict[str, bytes]) -> None:
        contents[name] = data
        if content_type:
            text_edit("[Content_Types].xml", "</Types>",
                      f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'
                      )(contents)
    return edit


def content_type(old: str, new: str) -> Edit:
    return text_edit("[Content_Types].xml", old, new)


# --- Word --------------------------------------------------------------------------------

WORD_BODY = "word/document.xml"
WORD_RELS = "word/_rels/document.xml.rels"
HEADER = "word/header2.xml"
HEADER_RELS = "word/_rels/header2.xml.rels"


def word_picture(rid: str, attribute: str = "r:link") -> str:
    """A paragraph with an inline picture whose blip is rid (linked with r:link)."""
    return (
        '<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        '<wp:extent cx="1800000" cy="900000"/><wp:docPr id="901" name="Linked"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:nvPicPr><pic:cNvPr id="901" name="Linked"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip {attribute}="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
        '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" '
        'cy="900000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')


def in_body(xml: str) -> Edit:
    return text_edit(WORD_BODY, "<w:sectPr", xml + "<w:sectPr")


def in_header(xml: str) -> Edit:
    return text_edit(HEADER, "</w:hdr>", xml + "</w:hdr>")


def header_rels() -> Edit:
    def edit(contents: dict[str, bytes]) -> None:
        contents.setdefault(HEADER_RELS, (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
            b'"http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
        ))
    return edit


def complex_field(instruction: str, shown: str) -> str:
    return ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
            f'xml:space="preserve"> {instruction} </w:instrText></w:r><w:r><w:fldChar '
            f'w:fldCharType="separate"/></w:r><w:r><w:t>{shown}</w:t></w:r><w:r><w:fldChar '
            'w:fldCharType="end"/></w:r></w:p>')


def simple_field(instruction: str, shown: str) -> str:
    return (f'<w:p><w:fldSimple w:instr={quoteattr(f" {instruction} ")}><w:r><w:t>{shown}'
            '</w:t></w:r></w:fldSimple></w:p>')


# --- PowerPoint ----------------------------------------------------------------------------

MASTER = "ppt/slideMasters/slideMaster1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"


def slide_picture(rid: str) -> str:
    return (
        '<p:pic><p:nvPicPr><p:cNvPr id="901" name="Linked"/><p:cNvPicPr/><p:nvPr/>'
        f'</p:nvPicPr><p:blipFill><a:blip r:link="{rid}"/><a:stretch><a:fillRect/>'
        '</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" '
        'cy="900000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        '</p:pic>')


def slide_shape(inner: str, name: str = "Hostile") -> str:
    """A text box holding the paragraph inner (an a:p's content)."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="902" name="{name}"/><p:cNvSpPr txBox="1"/><p:nvPr/>'
        '</p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="400000"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody>'
        f'<a:bodyPr/><a:lstStyle/><a:p>{inner}</a:p></p:txBody></p:sp>')


def in_tree(part: str, xml: str) -> Edit:
    return text_edit(part, "</p:spTree>", xml + "</p:spTree>")
