"""Keep templates-xml/ in step with the shipped Office templates, so that a review shows what
changed in them.

templates/briefing.docx and templates/deck.pptx are the truth: edit them in Word or PowerPoint
(or with python-docx / python-pptx). `make templates-xml` runs this, which unpacks each into
templates-xml/<file>/, every XML part pretty-printed and every other part (a picture, printer
settings) as the SHA-256 of its bytes in <part>.sha256; tests/test_templates_xml.py fails while
the copy and the templates disagree. Commit both together.
"""

from __future__ import annotations

import hashlib
import sys
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ("briefing.docx", "deck.pptx")
UNPACKED = ROOT / "templates-xml"
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def unpack(template: Path) -> dict[str, bytes]:
    """Each part of an Office file as the text to keep: pretty-printed XML, else a hash."""
    files = {}
    with zipfile.ZipFile(template) as package:
        for name in sorted(package.namelist()):
            data = package.read(name)
            if name.endswith((".xml", ".rels")):
                root = etree.fromstring(data, _PARSER)
                files[name] = etree.tostring(root, pretty_print=True, encoding="UTF-8",
                                             xml_declaration=True)
            else:
                files[f"{name}.sha256"] = (hashlib.sha256(data).hexdigest() + "\n").encode()
    return files


def expected(templates: Path = ROOT / "templates") -> dict[Path, bytes]:
    """Every file templates-xml/ should hold, by its path."""
    return {UNPACKED / name / part: text for name in TEMPLATES
            for part, text in unpack(templates / name).items()}


def present() -> dict[Path, bytes]:
    """Every file templates-xml/ holds now."""
    return {path: path.read_bytes() for path in UNPACKED.rglob("*") if path.is_file()}


def main() -> int:
    wanted, there = expected(), present()
    for path in there.keys() - wanted.keys():
        path.unlink()
    for path, text in wanted.items():
        if there.get(path) != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text)
            print(f"wrote {path.relative_to(ROOT)}")
    for folder in sorted((p for p in UNPACKED.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
