"""`reportgen diff --pages`: exactly the pages and slides that show a changed figure are pictured,
before and after with the change framed; nothing when nothing changed."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pptx import Presentation

from reportgen.pipeline import pages
from reportgen.pipeline.build import BuildOptions, build
from reportgen.report.catalog import load_catalog

from ..conftest import DATA, TEMPLATES, Built, pdf_pages, require_soffice

T = load_catalog(TEMPLATES, "en")
RED = Image.new("RGB", (1, 1), pages.MARK).getpixel((0, 0))


@dataclass(frozen=True)
class Compared:
    options: BuildOptions
    changes: list[pages.PageChange]
    folder: Path
    before: Built


def _change_a_key_figure(data: Path) -> None:
    """Raise the first key figure's value by a tenth, as a new edition of the data would."""
    path = data / "metrics.yaml"
    text = path.read_text(encoding="utf-8")
    metric = next(m for m in yaml.safe_load(text)["metrics"] if m.get("key"))
    old = f"value: {metric['value']}\n"
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, f"value: {round(metric['value'] * 1.1)}\n"),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def compared(default_build: Built, tmp_path_factory: pytest.TempPathFactory) -> Compared:
    require_soffice()
    root = tmp_path_factory.mktemp("pages")
    data = root / "data" / DATA.name  # the same name, so the outputs have the same names
    shutil.copytree(DATA, data)
    _change_a_key_figure(data)
    options = BuildOptions(data=data, templates=TEMPLATES, out=root / "out",
                           formats=("docx", "pptx", "pdf"))
    build(options)
    folder = root / "pictures"
    changes = pages.diff_pages(options, folder, T, before=default_build.folder)
    return Compared(options, changes, folder, default_build)


def _differing(old: list[str], new: list[str]) -> set[int]:
    return {i + 1 for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b}


def _slide_texts(path: Path) -> list[str]:
    texts = []
    for slide in Presentation(str(path)).slides:
        parts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        parts += [str(list(plot.categories)) + str([list(s.values) for s in plot.series])
                  for shape in slide.shapes if shape.has_chart for plot in shape.chart.plots]
        texts.append("\n".join(parts))
    return texts


def test_exactly_the_briefing_pages_whose_text_changed(compared: Compared) -> None:
    assert compared.before.pdf is not None
    after_pdf = compared.options.outputs()[f"{DATA.name}-briefing.pdf"]
    old, new = pdf_pages(compared.before.pdf), pdf_pages(after_pdf)
    assert len(old) == len(new)  # the change moves no page, so page N is compared with page N
    expected = _differing(old, new)
    assert expected  # the figure is quoted somewhere
    # A page whose text is the same changed too where it carries a chart of the figure (its
    # bars are a picture): its caption names the chart.
    metrics = yaml.safe_load((DATA / "metrics.yaml").read_text(encoding="utf-8"))["metrics"]
    key = next(m["id"] for m in metrics if m.get("key"))
    charts = yaml.safe_load((DATA / "charts.yaml").read_text(encoding="utf-8"))["charts"]
    titles = [c["title"] for c in charts if key in c.get("metrics", [])]
    expected |= {i + 1 for i, page in enumerate(new)
                 if any(f": {title}" in " ".join(page.split()) for title in titles)
                 and T("heading.contents") not in page.splitlines()}  # not the list of figures
    found = {c.after for c in compared.changes if c.kind == "briefing"}
    assert found == expected
    assert all(c.before == c.after for c in compared.changes)


def test_exactly_the_deck_slides_that_show_the_figure(compared: Compared) -> None:
    outputs = compared.options.outputs()
    expected = _differing(_slide_texts(compared.before.pptx),
                          _slide_texts(outputs[f"{DATA.name}-deck.pptx"]))
    assert expected
    assert {c.after for c in compared.changes if c.kind == "deck"} == expected


def test_each_picture_shows_before_and_after_with_the_change_framed(compared: Compared) -> None:
    for change in compared.changes:
        picture = Image.open(change.picture).convert("RGB")
        assert change.picture.name == f"{change.kind}-{change.after:02d}.png"
        assert change.boxes, change
        left, top, right, bottom = change.boxes[0]
        assert 0 <= left <= right and 0 <= top <= bottom
        # Before on the left, after on the right: both panels carry the red frame.
        half = picture.width // 2
        for panel in (picture.crop((0, 0, half, picture.height)),
                      picture.crop((half, 0, picture.width, picture.height))):
            assert RED in {colour for _, colour in panel.getcolors(1 << 20) or []}
    sheet = compared.folder / pages.SHEET_NAME
    assert sheet.exists()
    assert sorted(p.name for p in compared.folder.glob("*.png")) == sorted(
        [c.picture.name for c in compared.changes] + [pages.SHEET_NAME])


def test_the_pull_request_lists_the_changed_pages(compared: Compared) -> None:
    text = pages.markdown(compared.changes, T)
    briefing = ", ".join(str(c.after) for c in compared.changes if c.kind == "briefing")
    deck = ", ".join(str(c.after) for c in compared.changes if c.kind == "deck")
    assert f"- Briefing: page {briefing}\n" in text
    assert f"- Deck: slide {deck}\n" in text


def test_nothing_changed_nothing_rendered(default_build: Built, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    require_soffice()

    def no_render(*_: object) -> bytes:
        raise AssertionError("an unchanged document was rendered")

    monkeypatch.setattr(pages, "convert_to_pdf", no_render)
    monkeypatch.setattr(pages, "rasterize", no_render)
    options = BuildOptions(data=DATA, templates=TEMPLATES, out=default_build.folder.parent)
    previous = tmp_path / "previous" / DATA.name
    shutil.copytree(default_build.folder, previous)  # as the workflow keeps the last build
    folder = tmp_path / "pictures"
    folder.mkdir()
    (folder / "deck-03.png").write_bytes(b"stale")  # a picture of an earlier comparison
    assert pages.diff_pages(options, folder, T, before=previous) == []
    assert list(folder.iterdir()) == []
    assert pages.markdown([], T) == "No page or slide looks different.\n"


def _page(shade: int) -> Image.Image:
    return Image.new("RGB", (20, 30), (shade, shade, shade))


@pytest.mark.parametrize(("old", "new", "expected"), [
    ([1, 2, 3, 4], [1, 2, 3, 4], []),
    ([1, 2, 3, 4], [1, 9, 3, 4], [(1, 1)]),
    ([1, 2, 3, 4], [1, 9, 2, 3, 4], [(None, 1)]),  # an inserted page shifts the rest: one change
    ([1, 2, 3, 4], [1, 3, 4], [(1, None)]),
    ([1, 2, 3], [1, 8, 9, 3], [(1, 1), (None, 2)]),
], ids=["same", "one page", "inserted", "removed", "grew"])
def test_pages_are_aligned_before_they_are_compared(old: list[int], new: list[int],
                                                    expected: list[tuple[int | None, ...]]
                                                    ) -> None:
    assert pages._pairs([_page(s) for s in old], [_page(s) for s in new]) == expected


def test_separate_changes_are_framed_separately() -> None:
    before = Image.new("RGB", (100, 200), "white")
    after = before.copy()
    after.paste((0, 0, 0), (10, 10, 30, 20))
    after.paste((0, 0, 0), (50, 150, 90, 160))
    assert pages._boxes(before, after) == [(10, 10, 29, 19), (50, 150, 89, 159)]
