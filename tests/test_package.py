"""Hostile house templates: each refused with a located error in `check` and `build`, or cleaned,
and whatever is built from a cleaned one carries nothing reportgen did not put there."""

from __future__ import annotations

import io
import logging
import re
import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from PIL import Image

from reportgen.cli import cli
from reportgen.errors import TemplateError
from reportgen.package import policy, read_template

from .conftest import FIXTURES, TEMPLATES, pdf_text, require_soffice
from .hostile_office import (
    DOCX,
    HEADER,
    HEADER_RELS,
    LAYOUT,
    LAYOUT_RELS,
    MASTER,
    MASTER_RELS,
    MS_R,
    PPTX,
    WORD_BODY,
    WORD_RELS,
    R,
    add_part,
    complex_field,
    content_type,
    header_rels,
    in_body,
    in_header,
    in_tree,
    mutate,
    parts,
    relationship,
    simple_field,
    slide_picture,
    slide_shape,
    text_edit,
    word_picture,
)

MINIMAL = FIXTURES / "minimal"
OUTSIDE = "/etc/reportgen-secret-path"  # a target no message may quote
DTD = '<!DOCTYPE x [<!ENTITY e "entity text">]>'
SETTINGS_RELS = "word/_rels/settings.xml.rels"
EMPTY_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
              '"http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def png(width: int, height: int, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height)).save(out, "PNG")
    return out.getvalue()


def with_dtd(part: str) -> Callable[[dict[str, bytes]], None]:
    def edit(contents: dict[str, bytes]) -> None:
        text = contents[part].decode("utf-8")
        head, _, rest = text.partition("?>")
        contents[part] = (head + "?>" + DTD + rest).encode("utf-8")
    return edit


def settings_rels() -> Callable[[dict[str, bytes]], None]:
    def edit(contents: dict[str, bytes]) -> None:
        contents.setdefault(SETTINGS_RELS, EMPTY_RELS.encode())
    return edit


def macros(main_old: str, main_new: str, folder: str) -> list[Callable[[dict[str, bytes]], None]]:
    """A macro-enabled package: the main part's type, a vbaProject.bin linked from it."""
    rels = f"{folder}/_rels/{'document' if folder == 'word' else 'presentation'}.xml.rels"
    return [content_type(main_old, main_new),
            add_part(f"{folder}/vbaProject.bin", b"\xd0\xcf\x11\xe0 VBA code that runs",
                     "application/vnd.ms-office.vbaProject"),
            relationship(rels, "rId990", f"{MS_R}/vbaProject", "vbaProject.bin", external=False)]


@dataclass(frozen=True)
class Refused:
    """check and build exit 1, naming the template, the part and the complaint."""

    part: str
    message: str


# (id, template file, hostile package, outcome)
REFUSED: list[tuple[str, str, bytes, Refused]] = [
    ("linked PNG in the body", "briefing.docx", mutate(
        DOCX, relationship(WORD_RELS, "rId901", f"{R}/image", "http://127.0.0.1:9/a.png"),
        in_body(word_picture("rId901"))),
     Refused("word/_rels/document.xml.rels › rId901", "external image relationship")),
    ("linked JPEG in a header", "briefing.docx", mutate(
        DOCX, header_rels(), relationship(HEADER_RELS, "rId901", f"{R}/image",
                                          f"file://{OUTSIDE}.jpg"),
        in_header(word_picture("rId901"))),
     Refused("word/_rels/header2.xml.rels › rId901",
             "external image relationship to a file or network share")),
    ("linked SVG in the body", "briefing.docx", mutate(
        DOCX, relationship(WORD_RELS, "rId901", f"{R}/image", f"{OUTSIDE}.svg"),
        in_body(word_picture("rId901"))),
     Refused("rId901", "external image relationship")),
    ("UNC hyperlink", "briefing.docx", mutate(
        DOCX, relationship(WORD_RELS, "rId901", f"{R}/hyperlink", r"\\host\share\x.docx")),
     Refused("rId901", "external hyperlink relationship to a file or network share")),
    ("file hyperlink", "briefing.docx", mutate(
        DOCX, relationship(WORD_RELS, "rId901", f"{R}/hyperlink", f"file://{OUTSIDE}")),
     Refused("rId901", "external hyperlink relationship")),
    ("INCLUDETEXT field", "briefing.docx", mutate(
        DOCX, in_body(complex_field(f'INCLUDETEXT "{OUTSIDE}"', "cached")),),
     Refused(WORD_BODY, "INCLUDETEXT field")),
    ("INCLUDEPICTURE field in a header", "briefing.docx", mutate(
        DOCX, in_header(simple_field('INCLUDEPICTURE "http://127.0.0.1:9/a.png" \\d', "x"))),
     Refused(HEADER, "INCLUDEPICTURE field")),
    ("DDEAUTO field", "briefing.docx", mutate(
        DOCX, in_body(complex_field('DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc"',
                                    "x"))),
     Refused(WORD_BODY, "DDEAUTO field")),
    ("LINK field", "briefing.docx", mutate(
        DOCX, in_body(complex_field(f'LINK Excel.Sheet.12 "{OUTSIDE}.xlsx" "A1"', "x"))),
     Refused(WORD_BODY, "LINK field")),
    ("IMPORT field", "briefing.docx", mutate(
        DOCX, in_body(simple_field(f'IMPORT "{OUTSIDE}.png"', "x"))),
     Refused(WORD_BODY, "IMPORT field")),
    ("HYPERLINK field to a file", "briefing.docx", mutate(
        DOCX, in_body(complex_field(f'HYPERLINK "file://{OUTSIDE}"', "x"))),
     Refused(WORD_BODY, "HYPERLINK field to a file")),
    ("altChunk", "briefing.docx", mutate(
        DOCX, add_part("word/chunk.html", b"<html><img src='file:///etc/x.png'></html>",
                       "text/html"),
        relationship(WORD_RELS, "rId901", f"{R}/aFChunk", "chunk.html", external=False),
        in_body('<w:altChunk r:id="rId901"/>')),
     Refused("rId901", "altChunk")),
    ("subDocument", "briefing.docx", mutate(
        DOCX, relationship(WORD_RELS, "rId901", f"{R}/subDocument", f"{OUTSIDE}.docx")),
     Refused("rId901", "a subdocument")),
    ("attachedTemplate", "briefing.docx", mutate(
        DOCX, settings_rels(), relationship(SETTINGS_RELS, "rId1", f"{R}/attachedTemplate",
                                            "http://127.0.0.1:9/evil.dotm")),
     Refused("word/_rels/settings.xml.rels › rId1", "attached template")),
    ("mailMergeSource", "briefing.docx", mutate(
        DOCX, settings_rels(), relationship(SETTINGS_RELS, "rId2", f"{R}/mailMergeSource",
                                            f"file://{OUTSIDE}.csv")),
     Refused("rId2", "mail-merge data source")),
    ("OLE object", "briefing.docx", mutate(
        DOCX, add_part("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0 OLE",
                       "application/vnd.openxmlformats-officedocument.oleObject"),
        relationship(WORD_RELS, "rId901", f"{R}/oleObject", "embeddings/oleObject1.bin",
                     external=False)),
     Refused("rId901", "OLE object")),
    ("ActiveX control", "briefing.docx", mutate(
        DOCX, add_part("word/activeX/activeX1.xml", b"<ax:ocx xmlns:ax='urn:x'/>",
                       "application/vnd.ms-office.activeX+xml")),
     Refused("word/activeX/activeX1.xml", "OLE, ActiveX or macros")),
    ("foreign part type", "briefing.docx", mutate(
        DOCX, add_part("word/run.sh", b"#!/bin/sh\n", "application/x-sh")),
     Refused("word/run.sh", "not part of a Word or PowerPoint document")),
    ("DTD in the theme", "briefing.docx", mutate(DOCX, with_dtd("word/theme/theme1.xml")),
     Refused("word/theme/theme1.xml", "a DTD")),
    ("DTD in customXml", "briefing.docx", mutate(DOCX, with_dtd("customXml/item1.xml")),
     Refused("customXml/item1.xml", "a DTD")),
    ("DTD whose entity the cover uses", "briefing.docx", mutate(
        DOCX, with_dtd(WORD_BODY), text_edit(WORD_BODY, "{{ title }}", "&e;{{ title }}")),
     Refused(WORD_BODY, "a DTD")),
    ("undefined entity in a header", "briefing.docx", mutate(
        DOCX, text_edit(HEADER, "</w:hdr>",
                        "<w:p><w:r><w:t>&undefined;</w:t></w:r></w:p></w:hdr>")),
     Refused(HEADER, "malformed XML")),
    ("picture of too many pixels", "briefing.docx", mutate(
        DOCX, add_part("word/media/huge.png", png(8000, 6000, "1"), "image/png")),
     Refused("word/media/huge.png", "8,000 × 6,000 pixels")),
    ("SVG that refers outside", "briefing.docx", mutate(
        DOCX, add_part("word/media/x.svg", (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            f'<image xlink:href="file://{OUTSIDE}.png" width="9" height="9"/></svg>').encode(),
            "image/svg+xml")),
     Refused("word/media/x.svg", "SVG picture that refers to a file or address outside")),
    ("a part inflating past the limit", "briefing.docx", mutate(
        DOCX, add_part("word/media/bomb.png", bytes(65 * 1024 * 1024), "image/png")),
     Refused("word/media/bomb.png", "once inflated")),
    ("web hyperlink used as a picture", "briefing.docx", mutate(
        DOCX, relationship(WORD_RELS, "rId901", f"{R}/hyperlink", "http://127.0.0.1:9/a.png"),
        in_body(word_picture("rId901"))),
     Refused(WORD_BODY, "blip element loads a hyperlink's address")),
    ("internal relationship to an address", "briefing.docx", mutate(
        DOCX, relationship(WORD_RELS, "rId901", f"{R}/image", "http://127.0.0.1:9/a.png",
                           external=False), in_body(word_picture("rId901", "r:embed"))),
     Refused("rId901", "target is an address or a network share")),
    ("lower-case TargetMode", "briefing.docx", mutate(
        DOCX, text_edit(WORD_RELS, "</Relationships>",
                        f'<Relationship Id="rId901" Type="{R}/image" Target="file://{OUTSIDE}"'
                        ' TargetMode="external"/></Relationships>'),
        in_body(word_picture("rId901"))),
     Refused("rId901", "external image relationship")),
    ("VML picture with a src", "briefing.docx", mutate(
        DOCX, in_header(f'<w:p><w:r><w:pict><v:shape style="width:9pt;height:9pt"><v:imagedata '
                        f'src="file://{OUTSIDE}.png" o:href="file://{OUTSIDE}.png"/></v:shape>'
                        '</w:pict></w:r></w:p>')),
     Refused(HEADER, "VML picture that refers to a file or address")),
    ("deleted INCLUDETEXT instruction", "briefing.docx", mutate(
        DOCX, in_body('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:delInstrText>'
                      f' INCLUDETEXT "{OUTSIDE}" </w:delInstrText></w:r><w:r><w:fldChar '
                      'w:fldCharType="end"/></w:r></w:p>')),
     Refused(WORD_BODY, "INCLUDETEXT field")),
    ("embedded workbook with an external link", "briefing.docx", mutate(
        DOCX, add_part("word/embeddings/book.xlsx", mutate(
            DOCX, relationship(WORD_RELS, "rId901", f"{R}/image", f"file://{OUTSIDE}.png")),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
     Refused("briefing.docx › word/embeddings/book.xlsx: word/_rels/document.xml.rels › rId901",
             "external image relationship")),
    ("embedded workbook that is no zip", "briefing.docx", mutate(
        DOCX, add_part("word/embeddings/book.xlsx", b"not a zip",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
     Refused("word/embeddings/book.xlsx", "embedded package that is no readable zip")),
    ("linked picture in a slide layout", "deck.pptx", mutate(
        PPTX, relationship(LAYOUT_RELS, "rId901", f"{R}/image", "http://127.0.0.1:9/a.png"),
        in_tree(LAYOUT, slide_picture("rId901"))),
     Refused("ppt/slideLayouts/_rels/slideLayout2.xml.rels › rId901",
             "external image relationship")),
    ("slide master hyperlink to a program", "deck.pptx", mutate(
        PPTX, relationship(MASTER_RELS, "rId901", f"{R}/hyperlink", "file:///bin/sh"),
        in_tree(MASTER, slide_shape('<a:r><a:rPr><a:hlinkClick r:id="rId901"/></a:rPr>'
                                    '<a:t>Open</a:t></a:r>'))),
     Refused("ppt/slideMasters/_rels/slideMaster1.xml.rels › rId901", "external hyperlink")),
    ("click action that runs a program", "deck.pptx", mutate(
        PPTX, in_tree(MASTER, slide_shape('<a:r><a:rPr><a:hlinkClick r:id="" action='
                                          '"ppaction://program?file=/bin/sh"/></a:rPr>'
                                          '<a:t>Run</a:t></a:r>'))),
     Refused(MASTER, "click action that runs something")),
    ("DTD in a slide layout", "deck.pptx", mutate(PPTX, with_dtd(LAYOUT)),
     Refused(LAYOUT, "a DTD")),
    ("undefined entity in a slide layout", "deck.pptx", mutate(
        PPTX, text_edit(LAYOUT, "</p:spTree>", slide_shape("<a:r><a:t>&nope;</a:t></a:r>")
                        + "</p:spTree>")),
     Refused(LAYOUT, "malformed XML")),
]


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.output


@pytest.mark.parametrize(("name", "hostile", "refused"), [c[1:] for c in REFUSED],
                         ids=[c[0] for c in REFUSED])
def test_a_hostile_template_is_refused_where_it_is_wrong(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, hostile: bytes,
        refused: Refused) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / name).write_bytes(hostile)
    monkeypatch.chdir(tmp_path)
    fmt = "docx" if name.endswith(".docx") else "pptx"
    for args in (["check", "--templates", "templates"],
                 ["build", str(MINIMAL), "--templates", "templates", "--out", "out",
                  "--format", fmt]):
        code, output = _run(args)
        assert code == 1, (args[0], output)
        assert "Traceback" not in output
        line = next((x for x in output.splitlines() if refused.message in x), "")
        assert line.startswith(f"templates/{name}"), (args[0], output)
        assert refused.part in line, (args[0], output)
        assert "(" in line, "a hint says what to do"
        assert OUTSIDE not in output  # a path of the machine is never quoted
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("limit", "value", "message"), [
    ("MAX_PARTS", 10, "parts in the package, more than 10"),
    ("MAX_TOTAL_BYTES", 100_000, "inflates to more than 100,000 bytes"),
])
def test_the_zip_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str,
                        value: int, message: str) -> None:
    monkeypatch.setattr(policy, limit, value)
    template = tmp_path / "briefing.docx"
    template.write_bytes(DOCX)
    with pytest.raises(TemplateError, match=re.escape(message)):
        read_template(template, "Word")


def test_a_zip_that_lies_about_its_size_is_still_cut_at_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sizes a zip declares are not trusted: what inflates is counted as it comes."""
    contents = parts(DOCX)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
        archive.writestr("word/media/bomb.png", bytes(2_000_000))
    blob = bytearray(out.getvalue())
    # Declare the bomb small in its central directory entry (its uncompressed size field).
    at = blob.rfind(b"word/media/bomb.png") - 46 + 24
    blob[at:at + 4] = (100).to_bytes(4, "little")
    template = tmp_path / "briefing.docx"
    template.write_bytes(bytes(blob))
    monkeypatch.setattr(policy, "MAX_PART_BYTES", 1_000_000)
    with pytest.raises(TemplateError) as caught:
        read_template(template, "Word")
    assert "briefing.docx" in str(caught.value)


# --- cleaned, and what the outputs then hold ------------------------------------------------

COVER_END = '<w:p><w:pPr><w:spacing w:after="0" w:line="20"'  # the cover's page break
DATE_HEADER = mutate(DOCX, in_header(complex_field('DATE \\@ "d MMMM yyyy"', "1 May 2020")),
                     text_edit(WORD_BODY, COVER_END,
                               simple_field("FILENAME \\p", "house-template.docx")
                               + complex_field("TIME", "10:41") + COVER_END))
DOCM = mutate(DOCX, *macros(f"{WORD}.document.main+xml",
                            "application/vnd.ms-word.document.macroEnabled.main+xml", "word"))
PPTM = mutate(PPTX, *macros(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml", "ppt"))
DATE_SLIDE = mutate(PPTX, in_tree(LAYOUT, slide_shape(
    '<a:fld id="{B1B2B3B4-0000-4000-8000-000000000001}" type="datetime1"><a:rPr lang="en-GB"/>'
    "<a:t>01/05/2020</a:t></a:fld>", name="Date")))
HTTP_LINK = mutate(DOCX, relationship(WORD_RELS, "rId901", f"{R}/hyperlink",
                                      "https://example.org/house"))

CLEANED: list[tuple[str, bytes | None, bytes | None, list[str]]] = [
    # (id, briefing template, deck template, text each must still show)
    ("DATE, TIME and FILENAME fields", DATE_HEADER, None,
     ["1 May 2020", "house-template.docx", "10:41"]),
    ("a .docm with macros", DOCM, None, []),
    ("a .pptm with macros", None, PPTM, []),
    ("a date field in a slide layout", None, DATE_SLIDE, []),
    ("an https hyperlink", HTTP_LINK, None, []),
]

# What no output may hold (independent of the package module's own lists).
FORBIDDEN_FIELDS = {"INCLUDETEXT", "INCLUDEPICTURE", "INCLUDE", "LINK", "DDE", "DDEAUTO",
                    "IMPORT", "FILENAME", "DATE", "TIME", "PRINTDATE", "SAVEDATE",
                    "CREATEDATE", "EDITTIME", "USERNAME", "MACROBUTTON", "DATABASE"}
FORBIDDEN_TYPES = re.compile(r"macroEnabled|vbaProject|vbaData|activeX|oleObject|"
                             r"keyMapCustomizations|attachedToolbars", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _foreign_types(name: str, root: etree._Element) -> list[str]:
    return [f"{name}: {kind}" for kind in (e.get("ContentType", "") for e in root)
            if FORBIDDEN_TYPES.search(kind) or not kind.startswith((
                "application/vnd.openxmlformats-", "application/vnd.ms-office.",
                "application/xml", "image/", "application/vnd.ms-word.",
                "application/vnd.openxmlformats-package"))]


def _external(name: str, root: etree._Element) -> list[str]:
    return [f"{name}: {rel.get('Target')}" for rel in root.iter("{*}Relationship")
            if rel.get("TargetMode") == "External" and not (
                rel.get("Type", "").endswith("/hyperlink")
                and rel.get("Target", "").startswith(("http://", "https://", "mailto:")))]


def _fields(name: str, root: etree._Element) -> list[str]:
    instructions = [(e.text or "") for e in root.iter(f"{W}instrText", f"{W}delInstrText")]
    instructions += [e.get(f"{W}instr", "") for e in root.iter(f"{W}fldSimple")]
    found = [f"{name}: field {words[0]}" for words in map(str.split, instructions)
             if words and words[0].upper() in FORBIDDEN_FIELDS]
    for field in root.iter("{*}fld"):
        # python-pptx's own notes master (added with the first speaker notes) has a date
        # field for printed notes pages: written by reportgen's library, not the template.
        ours = name.startswith("ppt/notesMasters/") and field.get("type") == "datetimeFigureOut"
        if (field.get("type") or "").startswith("datetime") and not ours:
            found.append(f"{name}: {field.get('type')} field")
    return found


def carried(package: bytes) -> list[str]:
    """Everything in an Office package that reportgen never writes: external relationships
    (other than web and mail hyperlinks), fields that pull or depend on the machine or time,
    date fields of slides, macro, OLE and ActiveX parts or types, foreign content types."""
    found = []
    for name, data in parts(package).items():
        if FORBIDDEN_TYPES.search(name):
            found.append(f"{name}: part")
        if name.endswith((".xml", ".rels")):
            root = etree.fromstring(data)
            if name == "[Content_Types].xml":
                found += _foreign_types(name, root)
            found += _external(name, root) + _fields(name, root)
    return found


def test_the_hostile_cases_carry_what_the_scan_looks_for() -> None:
    """The scan finds each kind of thing (so that its silence on the outputs means something)."""
    assert any("field DATE" in f for f in carried(DATE_HEADER))
    assert any("vbaProject" in f for f in carried(DOCM))
    assert any("vbaProject" in f for f in carried(PPTM))
    assert any("datetime1" in f for f in carried(DATE_SLIDE))
    hostile = dict(REFUSED_BY_ID)
    assert any("a.png" in f for f in carried(hostile["linked PNG in the body"]))
    assert any("INCLUDETEXT" in f for f in carried(hostile["INCLUDETEXT field"]))


REFUSED_BY_ID = [(c[0], c[2]) for c in REFUSED]


@pytest.mark.parametrize(("briefing", "deck", "shown"), [c[1:] for c in CLEANED],
                         ids=[c[0] for c in CLEANED])
def test_a_cleaned_template_gives_outputs_that_carry_only_what_reportgen_put_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        briefing: bytes | None, deck: bytes | None, shown: list[str]) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    if briefing:
        (templates / "briefing.docx").write_bytes(briefing)
    if deck:
        (templates / "deck.pptx").write_bytes(deck)
    monkeypatch.chdir(tmp_path)
    code, output = _run(["check", "--templates", "templates"])
    assert code == 0, output
    with caplog.at_level(logging.WARNING):
        code, output = _run(["build", str(MINIMAL), "--templates", "templates", "--out", "out",
                             "--format", "docx,pptx"])
    assert code == 0, output
    built = {p.suffix: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    for suffix in (".docx", ".pptx"):
        assert carried(built[suffix]) == [], suffix
    text = b"".join(parts(built[".docx"]).values()).decode("utf-8", "replace")
    for words in shown:  # the field became the text it showed, not nothing
        assert words in text
    if briefing is DOCM or deck is PPTM:
        said = caplog.text
        assert "macros removed" in said and "vbaProject.bin" in said
    if deck is DATE_SLIDE:
        deck_text = b"".join(parts(built[".pptx"]).values()).decode("utf-8", "replace")
        assert "01/05/2020" in deck_text


def test_a_cleaned_package_opens_and_keeps_its_hyperlink(tmp_path: Path) -> None:
    template = tmp_path / "briefing.docx"
    template.write_bytes(HTTP_LINK)
    cleaned = parts(read_template(template, "Word"))
    assert b"https://example.org/house" in cleaned[WORD_RELS]


def test_a_date_or_time_field_does_not_make_two_builds_pdfs_differ(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A TIME field with seconds in the header, built twice seconds apart: the same PDF, showing
    the text the field last showed (LibreOffice would otherwise print the time of each build)."""
    require_soffice()
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "briefing.docx").write_bytes(mutate(DOCX, in_header(
        complex_field('TIME \\@ "HH:mm:ss"', "09:08:07")
        + complex_field('DATE \\@ "d MMMM yyyy"', "1 May 2020"))))
    monkeypatch.chdir(tmp_path)
    pdfs = []
    for run in ("first", "second"):
        code, output = _run(["build", str(MINIMAL), "--templates", "templates", "--out", run,
                             "--format", "docx,pdf"])
        assert code == 0, output
        pdfs.append(next((tmp_path / run).rglob("*.pdf")))
        time.sleep(1.1)  # a second later: a live TIME field would show another time
    assert pdfs[0].read_bytes() == pdfs[1].read_bytes()
    text = pdf_text(pdfs[0], 2)
    assert "09:08:07" in text and "1 May 2020" in text
