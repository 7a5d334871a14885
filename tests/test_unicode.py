"""Unicode round trip (hypothesis, bounded and seeded): text from wide Unicode placed in a
dataset's text fields comes out identical in the .docx, the .pptx and, as far as the PDF format
allows, the PDF; validation refuses control characters and lone surrogates at their field.

One build per example: every drawn text goes into its own field of one copy of the dataset,
between ASCII markers, and is read back from between them. The PDF's text is compared after
the one normalisation the format forces (`pdf_form`): a PDF holds positioned glyphs, not text,
so the reader infers spaces from the gaps between glyphs and rebuilds the logical order of
right-to-left runs, marking it with directional embeddings."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pptx
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from reportgen.docx.layout import BIDI_MARKS
from reportgen.errors import DataError
from reportgen.pipeline.build import BuildOptions, build, output_paths, validate

from .conftest import DATA, TEMPLATES, require_soffice
from .ooxml import package_problems

START, END = "QX", "XQ"  # strong left-to-right letters around each text, so no bidi reordering
# Prose may hold no digits (the digits rule) and no {placeholder} but an entity's id; the
# markers' letters are kept out so that a text cannot end early.
REFUSED_BY_RULES = "{}QX"


def _chars(*ranges: tuple[int, int], extra: str = "") -> st.SearchStrategy[str]:
    codepoints = [c for lo, hi in ranges for c in range(lo, hi + 1)
                  if unicodedata.category(chr(c))[0] in "LMNPSZ" and not chr(c).isdigit()]
    return st.sampled_from([chr(c) for c in codepoints] + list(extra))


# Each kind of text, drawn from what the fonts .ci/run installs can show (DejaVu, Carlito,
# Noto CJK, Noto Color Emoji), so that the PDF can show it too.
LATIN = _chars((0x20, 0x7E), (0xA0, 0x24F), extra="\u00a0").filter(
    lambda c: c not in REFUSED_BY_RULES)
COMBINING = _chars((0x300, 0x36F))
EMOJI = st.sampled_from(["😀", "👍🏽", "👨‍👩‍👧", "🇦🇿", "✅", "🏳️‍🌈", "❤️", "🤝"])
CJK = _chars((0x4E00, 0x4FFF), (0x3041, 0x3096), (0xAC00, 0xAC40))
HEBREW, ARABIC = _chars((0x5D0, 0x5EA)), _chars((0x627, 0x64A))
# Past the Basic Multilingual Plane: the emoji. Not mathematical letters nor CJK extension B:
# no font .ci/run installs draws all of them, and LibreOffice then leaves them out of the PDF
# (a box or nothing where the letter belongs).


def _word(letters: st.SearchStrategy[str], marks: st.SearchStrategy[str] | None = None
          ) -> st.SearchStrategy[str]:
    # At most one combining mark on a drawn letter: LibreOffice 7.4 writes a letter whose marks
    # come from two fonts (the body font's and a fallback's) twice into the PDF's text.
    unit = letters if marks is None else st.tuples(letters, st.lists(marks, max_size=1)).map(
        lambda t: t[0] + "".join(t[1]))
    return st.lists(unit, min_size=1, max_size=6).map("".join)


def _text(word: st.SearchStrategy[str], joiner: str = " ") -> st.SearchStrategy[str]:
    return st.lists(word, min_size=1, max_size=3).map(joiner.join).filter(
        lambda t: t.strip() == t and "  " not in t)


# Every kind of text field a dataset has: (file, list, key) and the two items the drawn text
# and the fixed hard case go in.
FIELDS: dict[str, tuple[str, str, str, tuple[int, int]]] = {
    "metric label": ("metrics.yaml", "metrics", "label", (2, 3)),
    "fact": ("facts.yaml", "facts", "text", (0, 2)),
    "event title": ("events.yaml", "events", "title", (0, 1)),
    "person name": ("entities.yaml", "people", "name", (0, 1)),
    "source title": ("sources.yaml", "sources", "title", (1, 0)),
    "event outcome": ("events.yaml", "events", "outcomes", (0, 1)),
}
KINDS = {
    "latin and combining marks": _text(_word(LATIN, COMBINING)),
    "right-to-left": st.one_of(_text(_word(HEBREW)), _text(_word(ARABIC))),
    "emoji sequences": _text(_word(EMOJI)),
    "CJK": _text(_word(CJK), joiner=""),
    # Not CJK and emoji in one text: found losing its CJK part in the PDF (docs/security.md).
    "mixed scripts": _text(st.one_of(_word(LATIN, COMBINING), _word(CJK))),
}
# Hard cases every build carries besides the drawn texts.
HARD = {
    "metric label": "e\u0301\u0328 a\u0308 Å\u00a0ﬁ",
    "fact": "שלום עולם",
    "event title": "مرحبا بالعالم",
    "person name": "👨‍👩‍👧 👍🏽 🇦🇿",
    "source title": "中文汉字かな",
    "event outcome": "😀 🤝 👍🏽 🏳️‍🌈",
}


def _edit(data: Path, name: str, change: Callable[[dict[str, Any]], None]) -> None:
    path = data / name
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


def _place(data: Path, field: str, text: str, which: int = 0) -> None:
    name, group, key, indexes = FIELDS[field]
    index = indexes[which]

    def change(content: dict[str, Any]) -> None:
        item = content[group][index]
        if isinstance(item.get(key), list):
            item[key][0] = text
        else:
            item[key] = text
    _edit(data, name, change)


def _marked(i: int, text: str) -> str:
    return f"{START}{chr(ord('a') + i)}{text}{END}"  # a letter: prose may not hold digits


def _found(i: int, text: str) -> list[str]:
    start = f"{START}{chr(ord('a') + i)}"
    return re.findall(re.escape(start) + "(.*?)" + re.escape(END), text, re.S)


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [p.text for t in document.tables for row in t.rows for c in row.cells
             for p in c.paragraphs]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pptx_text(path: Path) -> str:
    parts = []
    for slide in pptx.Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += [c.text for row in shape.table.rows for c in row.cells]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def pdf_form(text: str) -> str:
    """What of a text a PDF keeps: no spaces (a reader infers them from glyph gaps, and breaks
    lines where the layout did) and no directional marks (a reader adds them around the
    right-to-left runs whose order it rebuilds)."""
    return "".join(text.translate(BIDI_MARKS).split())


def _pdf_readings(pdf: Path) -> str:
    """The PDF's text as pdftotext reads it in each of its modes (content-stream order, reading
    order, physical layout): glyphs in several fonts on one line, or a table cell that wraps, may
    come out in order in one mode and interleaved with other text in another."""
    return "\n".join(subprocess.run(["pdftotext", *mode, str(pdf), "-"], capture_output=True,
                                    text=True, check=True).stdout
                     for mode in (["-raw"], [], ["-layout"]))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("unicode")


@settings(max_examples=1, derandomize=True, database=None, deadline=None,
          phases=[Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(drawn=st.fixed_dictionaries({field: st.sampled_from(list(KINDS)).flatmap(
    lambda kind: KINDS[kind]) for field in FIELDS}))
def test_text_comes_out_as_given_in_the_briefing_the_deck_and_the_pdf(
        scratch: Path, drawn: dict[str, str]) -> None:
    """One build per example: the drawn texts and the hard cases, each in its own field."""
    require_soffice()
    root = Path(shutil.copytree(DATA, scratch / f"case{len(list(scratch.iterdir()))}"
                                / DATA.name))
    texts = [(field, text, which) for which, batch in enumerate((drawn, HARD))
             for field, text in batch.items()]
    for i, (field, text, which) in enumerate(texts):
        _place(root, field, _marked(i, text), which)
    out = root.parent / "out"
    build(BuildOptions(data=root, templates=TEMPLATES, out=out, formats=("docx", "pptx", "pdf")))
    paths = output_paths(root.name, out)
    assert not package_problems(paths["docx"]) and not package_problems(paths["pptx"])
    outputs = {"docx": docx_text(paths["docx"]), "pptx": pptx_text(paths["pptx"]),
               "pdf": _pdf_readings(paths["pdf"])}
    for i, (field, text, _) in enumerate(texts):
        for kind, content in outputs.items():
            if kind == "pptx" and field in ("source title", "event outcome"):
                continue  # the deck names sources by publisher and leaves outcomes out
            found = _found(i, content)
            assert found, (field, kind, text)
            if kind == "pdf":  # intact in at least one reading of the PDF
                assert pdf_form(text) in map(pdf_form, found), (field, ascii(text), found)
            else:
                assert set(found) == {text}, (field, kind, ascii(text), found)


# What validation refuses: a control character (other than tab and line breaks) or a lone
# surrogate anywhere in a text, written as a YAML escape (a raw one is refused by the reader).
REFUSED = st.one_of(
    st.characters(categories=["Cc"]).filter(lambda c: c not in "\t\n\r"),
    st.characters(categories=["Cs"]))


@settings(max_examples=8, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(list(FIELDS)), text=_text(_word(LATIN)), bad=REFUSED,
       at=st.integers(min_value=0))
def test_control_characters_and_lone_surrogates_are_refused_at_their_field(
        scratch: Path, field: str, text: str, bad: str, at: int) -> None:
    at %= len(text) + 1
    root = Path(shutil.copytree(DATA, scratch / f"bad{len(list(scratch.iterdir()))}"
                                / DATA.name))
    _place(root, field, text[:at] + bad + text[at:])
    name, group, key, (index, _) = FIELDS[field]
    with pytest.raises(DataError) as caught:
        validate(root, TEMPLATES)
    kind = "lone surrogate" if unicodedata.category(bad) == "Cs" else "control character"
    [problem] = [p for p in caught.value.problems if kind in p.message]
    assert problem.file.endswith(name) and problem.line > 0, problem
    assert problem.field.startswith(f"{group}[{index}].{key}"), problem
    assert f"U+{ord(bad):04X}" in problem.message, problem
