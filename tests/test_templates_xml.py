"""The reviewable copy of the shipped Office templates (templates-xml/) agrees with them."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from pptx import Presentation

from .conftest import ROOT, TEMPLATES

sys.path.insert(0, str(ROOT / "tools"))
import templates_xml  # noqa: E402 (tools/ is not a package)

FIX = "run: make templates-xml, and commit templates-xml/ with the template"


def test_the_unpacked_copy_agrees_with_the_templates() -> None:
    wanted, there = templates_xml.expected(TEMPLATES), templates_xml.present()
    assert sorted(wanted.keys() - there.keys()) == [], FIX
    assert sorted(there.keys() - wanted.keys()) == [], FIX
    stale = [str(p.relative_to(ROOT)) for p, text in wanted.items() if there[p] != text]
    assert stale == [], FIX


def test_a_changed_template_shows_in_its_xml(tmp_path: Path) -> None:
    """A style edited in Word shows as a changed line of styles.xml; a picture as a new hash."""
    document = Document(str(TEMPLATES / "briefing.docx"))
    document.styles["Normal"].font.name = "Courier New"
    document.save(str(tmp_path / "briefing.docx"))
    deck = Presentation(str(TEMPLATES / "deck.pptx"))
    deck.save(str(tmp_path / "deck.pptx"))
    with zipfile.ZipFile(tmp_path / "deck.pptx", "a") as package:
        package.writestr("ppt/media/image9.png", b"\x89PNG not really")
    changed = {path.relative_to(templates_xml.UNPACKED).as_posix(): text
               for path, text in templates_xml.expected(tmp_path).items()
               if templates_xml.present().get(path) != text}
    assert "briefing.docx/word/styles.xml" in changed
    assert b'w:ascii="Courier New"' in changed["briefing.docx/word/styles.xml"]
    assert "deck.pptx/ppt/media/image9.png.sha256" in changed


def test_each_xml_part_is_one_element_a_line() -> None:
    text = templates_xml.unpack(TEMPLATES / "briefing.docx")["word/document.xml"].decode()
    lines = text.splitlines()
    assert lines[0].startswith("<?xml")
    assert len(lines) > 20 and all(line.count("<w:p>") + line.count("<w:p ") <= 1
                                   for line in lines)
    # The XML itself is unchanged: the copy parses back to the template's part.
    with zipfile.ZipFile(io.BytesIO((TEMPLATES / "briefing.docx").read_bytes())) as package:
        assert package.read("word/document.xml").count(b"<w:p") == text.count("<w:p")
