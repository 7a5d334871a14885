"""A source in another language than the dataset's: its title is tagged with that language in
both documents, so that the accessibility check finds nothing to fix in Word."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from reportgen.pipeline.build import BuildOptions, build, output_paths

from .conftest import FIXTURES, TEMPLATES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TITLE = "Казахстан и Узбекистан провели первое заседание Совета министров"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Path], list[str]]:
    root = tmp_path_factory.mktemp("russian")
    data = Path(shutil.copytree(FIXTURES / "kazakhstan-uzbekistan-2025", root / "kz"))
    sources = data / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    old = ("    title: Kazakhstan and Uzbekistan hold inaugural meeting of Council of Foreign "
           "Ministers in Khiva\n")
    assert old in text
    sources.write_text(text.replace(old, f"    title: {TITLE}\n    language: ru\n"),
                       encoding="utf-8")
    result = build(BuildOptions(data=data, templates=TEMPLATES, out=root / "out",
                                formats=("docx", "pptx")))
    return output_paths(data.name, root / "out"), [str(w) for w in result.warnings]


def _tags(path: Path, run: str, text: str, lang: str) -> list[str]:
    with zipfile.ZipFile(path) as z:
        roots = [etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xml")
                 and n.startswith(("word/document", "word/footnotes", "ppt/slides/slide"))]
    found = []
    for root in roots:
        for r in root.iter(run):
            if TITLE in "".join(t.text or "" for t in r.iter(text)):
                found.append(lang(r) if callable(lang) else "")
    return found


def test_the_title_of_a_russian_source_is_tagged_russian(
        built: tuple[dict[str, Path], list[str]]) -> None:
    paths, warnings = built
    in_word = _tags(paths["docx"], f"{W}r", f"{W}t", lambda r: r.find(
        f"{W}rPr/{W}lang").get(f"{W}val"))
    in_deck = _tags(paths["pptx"], f"{A}r", f"{A}t", lambda r: r.find(f"{A}rPr").get("lang"))
    assert in_word and set(in_word) == {"ru-RU"}
    assert in_deck and set(in_deck) == {"ru-RU"}
    # The Latin publisher before the title ("Qazinform News Agency, “Казахстан …”") is not
    # tagged Russian with it: each script's words in a run of their own.
    assert not [w for w in warnings if "script but tagged" in w], warnings
    publisher = _runs_with(paths["docx"], f"{W}r", f"{W}t", "Qazinform News Agency")
    assert publisher and all(TITLE not in text for text, _ in publisher)
    assert all("ru-RU" not in tags for _, tags in publisher), publisher


def _runs_with(path: Path, run: str, text: str, words: str) -> list[tuple[str, str]]:
    """Each run whose text has the words: its text and its language tags."""
    with zipfile.ZipFile(path) as z:
        roots = [etree.fromstring(z.read(n)) for n in z.namelist()
                 if n in ("word/document.xml", "word/footnotes.xml")]
    return [("".join(t.text or "" for t in r.iter(text)),
             " ".join(str(lang.attrib) for lang in r.iter(f"{W}lang")))
            for root in roots for r in root.iter(run)
            if words in "".join(t.text or "" for t in r.iter(text))]
