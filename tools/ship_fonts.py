"""Make src/reportgen/render/typefaces/: the fonts the templates name and a CJK face, shipped so
that every machine draws, measures and renders with the same fonts (docs/templates.md#fonts).

Carlito and Caladea (Calibri's and Cambria's metric twins) are copied whole; Noto Sans CJK SC is
cut down with fontTools to GB 2312's first level (the 3,755 most used Han characters, with its
punctuation, kana and symbols) plus every CJK character the repository's own text uses. The
sources are Debian's packages (fonts-crosextra-carlito, fonts-crosextra-caladea, fonts-noto-cjk),
whose copyright files, with the SIL Open Font License, are kept beside the fonts. Run it again
(`python tools/ship_fonts.py`) after a catalog or the sample gains a character GB 2312 lacks;
tests/render/test_typefaces.py says when that is needed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src/reportgen/render/typefaces"
CROSEXTRA = Path("/usr/share/fonts/truetype/crosextra")
NOTO = Path("/usr/share/fonts/opentype/noto")
DOCS = Path("/usr/share/doc")
WHOLE = [f"{family}-{style}.ttf" for family in ("Carlito", "Caladea")
         for style in ("Regular", "Bold", "Italic", "BoldItalic")]
CJK_FACE = "Noto Sans CJK SC"
# Where the repository's own CJK text is: catalogs, the sample's translations, the tests.
TEXTS = ["templates", "data", "tests", "src"]
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def gb2312() -> set[str]:
    """GB 2312's symbols, kana and its first level of Han (the 3,755 most used), rows 0xA1-0xD7."""
    chars: set[str] = set()
    for row in range(0xA1, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def repository_chars() -> set[str]:
    chars: set[str] = set()
    for folder in TEXTS:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".po", ".yaml", ".py", ".j2", ".md"} and path.is_file():
                chars |= set(CJK.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return chars


def cjk_subset(source: Path, target: Path, chars: set[str]) -> None:
    collection = TTCollection(source)
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == CJK_FACE)
    options = subset.Options()
    options.name_IDs = ["*"]          # keep the family names and the licence text
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    font.save(target)


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name in WHOLE:
        shutil.copyfile(CROSEXTRA / name, TARGET / name)
    chars = gb2312() | repository_chars() | {chr(c) for c in range(0x20, 0x7F)}
    chars |= {chr(c) for c in range(0x3000, 0x3040)} | {chr(c) for c in range(0xFF01, 0xFF5F)}
    for weight in ("Regular", "Bold"):
        cjk_subset(NOTO / f"NotoSansCJK-{weight}.ttc",
                   TARGET / f"NotoSansCJKsc-{weight}-subset.otf", chars)
    for package in ("fonts-crosextra-carlito", "fonts-crosextra-caladea", "fonts-noto-cjk"):
        shutil.copyfile(DOCS / package / "copyright", TARGET / f"{package}.copyright")
    versions = subprocess.run(
        ["dpkg-query", "-W", "fonts-crosextra-carlito", "fonts-crosextra-caladea",
         "fonts-noto-cjk"], capture_output=True, text=True, check=True).stdout
    (TARGET / "SOURCES.txt").write_text(
        "Debian packages the shipped fonts were taken from (tools/ship_fonts.py):\n" + versions
        + f"{CJK_FACE}: cut to GB 2312 level 1 and the repository's own CJK text "
        f"({len(chars)} characters asked for).\n", encoding="utf-8")
    print(f"{TARGET}: {sum(p.stat().st_size for p in TARGET.iterdir()) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
