"""Which pages and slides changed between two builds, as before/after pictures for a reviewer.

Pages are compared as rendered (LibreOffice, then pdftoppm), not as bytes: two .docx files can
differ in bytes and look the same, and one changed figure can move every later page. Pages are
aligned as a sequence (difflib), so a page inserted early shows as one added page, not as every
later page changed.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy
from PIL import Image, ImageChops, ImageDraw, ImageFont

from reportgen.errors import OutputError
from reportgen.files import write_atomic
from reportgen.pipeline.build import BuildOptions, build, output_paths
from reportgen.pipeline.fingerprint import FORMATS
from reportgen.pipeline.manifest import MANIFEST_NAME
from reportgen.pipeline.preview import contact_sheet, rasterize
from reportgen.render.pdf import convert_to_pdf, require_soffice

log = logging.getLogger(__name__)

MARK = "#d32f2f"  # the changed region's frame
PAD = 6  # pixels around the changed region, so the frame does not cover the change
LABEL = 28  # height of the band above each page that names it
SHEET_NAME = "contact-sheet.png"
BAND_GAP = 10  # changed rows further apart than this are framed as separate regions
Label = Callable[..., str]
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Document:
    """One document of a build: its file, and the PDF the build made of it, if any."""

    kind: str  # "briefing" or "deck": the picture names and the catalog keys
    path: Path
    pdf: Path | None = None


@dataclass(frozen=True)
class PageChange:
    """A page or slide that differs: its number before and after (None: added or removed)."""

    kind: str
    before: int | None
    after: int | None
    boxes: list[Box]  # the changed regions, in pixels of the page (none: added, removed)
    picture: Path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recorded_pdf(document: Path, pdf: Path, manifest_name: str = MANIFEST_NAME) -> Path | None:
    """The build's own PDF of a document, when the manifest beside them vouches that both are
    the files it wrote: then the document need not be rendered again."""
    try:
        outputs = json.loads((document.parent / manifest_name).read_text("utf-8"))["outputs"]
        ok = (outputs[document.name] == _sha256(document) and pdf.exists()
              and outputs[pdf.name] == _sha256(pdf))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return pdf if ok else None


def _pages(document: Document, dpi: int) -> list[Image.Image]:
    if document.pdf is not None:
        pdf = document.pdf.read_bytes()
    else:
        log.info("rendering %s", document.path)
        pdf = convert_to_pdf(document.path.read_bytes(), document.path.suffix)
    return [Image.open(io.BytesIO(png)).convert("RGB") for png in rasterize(pdf, dpi)]


def _key(page: Image.Image) -> str:
    return hashlib.sha256(page.tobytes() + repr(page.size).encode()).hexdigest()


def _pairs(old: list[Image.Image], new: list[Image.Image]
           ) -> list[tuple[int | None, int | None]]:
    """Indexes of pages that differ, old against new, after aligning the identical ones."""
    matcher = difflib.SequenceMatcher(None, [_key(p) for p in old], [_key(p) for p in new],
                                      autojunk=False)
    pairs: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds: list[int | None] = list(range(i1, i2))
        news: list[int | None] = list(range(j1, j2))
        width = max(len(olds), len(news))
        olds += [None] * (width - len(olds))
        news += [None] * (width - len(news))
        pairs += zip(olds, news, strict=True)
    return pairs


def _boxes(a: Image.Image, b: Image.Image) -> list[tuple[int, int, int, int]]:
    """The changed regions of a page: one box per band of changed rows, so that a changed
    sentence and its changed footnote are framed apart, not as one box over the text between."""
    if a.size != b.size:
        return [(0, 0, b.width - 1, b.height - 1)]
    changed = numpy.asarray(ImageChops.difference(a, b).convert("L")) > 0
    rows = numpy.flatnonzero(changed.any(axis=1))
    if not rows.size:
        return []
    bands = numpy.split(rows, numpy.flatnonzero(numpy.diff(rows) > BAND_GAP) + 1)
    boxes = []
    for band in bands:
        cols = numpy.flatnonzero(changed[band[0]:band[-1] + 1].any(axis=0))
        boxes.append((int(cols[0]), int(band[0]), int(cols[-1]), int(band[-1])))
    return boxes


def _panel(page: Image.Image | None, size: tuple[int, int], title: str,
           boxes: list[Box]) -> Image.Image:
    panel = Image.new("RGB", (size[0], size[1] + LABEL), "white")
    draw = ImageDraw.Draw(panel)
    draw.text((4, 4), title, fill="black", font=ImageFont.load_default(size=LABEL - 10))
    if page is None:
        draw.rectangle((0, LABEL, size[0] - 1, size[1] + LABEL - 1), fill="#e0e0e0")
        return panel
    panel.paste(page, (0, LABEL))
    for left, top, right, bottom in boxes:
        draw.rectangle((max(left - PAD, 0), max(top - PAD, 0) + LABEL,
                        min(right + PAD, page.width - 1), min(bottom + PAD, page.height - 1)
                        + LABEL), outline=MARK, width=3)
    return panel


def side_by_side(before: Image.Image | None, after: Image.Image | None, titles: tuple[str, str],
                 boxes: list[Box]) -> Image.Image:
    """Before and after next to each other, the changed region framed on both."""
    sizes = [p.size for p in (before, after) if p is not None]
    size = (max(w for w, _ in sizes), max(h for _, h in sizes))
    left = _panel(before, size, titles[0], boxes)
    right = _panel(after, size, titles[1], boxes)
    picture = Image.new("RGB", (left.width * 2 + PAD, left.height), "#9e9e9e")
    picture.paste(left, (0, 0))
    picture.paste(right, (left.width + PAD, 0))
    return picture


def compare(before: Document, after: Document, folder: Path, t: Label,
            dpi: int = 60) -> list[PageChange]:
    """The pages of one document that differ, each written as folder/KIND-NN.png."""
    if not after.path.exists():
        if not before.path.exists():
            return []  # a format neither build made
        raise OutputError(f"{after.path} does not exist: build it (reportgen build) before "
                          "comparing its pages")
    if before.path.exists() and _sha256(before.path) == _sha256(after.path):
        return []  # the same bytes render the same pages: nothing to render at all
    old = _pages(before, dpi) if before.path.exists() else []
    new = _pages(after, dpi)
    changes = []
    for i, j in _pairs(old, new):
        page_before = old[i] if i is not None else None
        page_after = new[j] if j is not None else None
        boxes = _boxes(page_before, page_after) if page_before and page_after else []
        titles = (t(f"pages.{before.kind}.before", number=i + 1) if i is not None
                  else t("pages.missing"),
                  t(f"pages.{after.kind}.after", number=j + 1) if j is not None
                  else t("pages.missing"))
        number = j + 1 if j is not None else (i or 0) + 1
        suffix = "" if j is not None else "-removed"
        target = folder / f"{after.kind}-{number:02d}{suffix}.png"
        buf = io.BytesIO()
        side_by_side(page_before, page_after, titles, boxes).save(buf, format="PNG")
        write_atomic(target, buf.getvalue())
        changes.append(PageChange(after.kind, None if i is None else i + 1,
                                  None if j is None else j + 1, boxes, target))
    return changes


def changed_pages(pairs: list[tuple[Document, Document]], folder: Path, t: Label,
                  dpi: int = 60) -> list[PageChange]:
    """Compare each document of the previous build with the new one; write one picture per
    changed page and, when any changed, a contact sheet of them all. Stale pictures of an
    earlier run in folder are removed, so folder shows this comparison only."""
    changes = [c for before, after in pairs for c in compare(before, after, folder, t, dpi)]
    kept = {c.picture for c in changes}
    for _, after in pairs:
        for stale in folder.glob(f"{after.kind}-*.png"):
            if stale not in kept:
                stale.unlink()
    sheet = folder / SHEET_NAME
    if changes:
        contact_sheet([c.picture for c in changes], sheet, columns=2)
    else:
        sheet.unlink(missing_ok=True)
    return changes


def markdown(changes: list[PageChange], t: Label) -> str:
    """The changed pages as a Markdown section of the pull-request body."""
    if not changes:
        return t("pages.none") + "\n"
    lines = [f"### {t('pages.heading')}", ""]
    for kind in dict.fromkeys(c.kind for c in changes):
        numbers = ", ".join(str(c.after) if c.after is not None
                            else t("pages.removed", number=c.before)
                            for c in changes if c.kind == kind)
        lines.append(f"- {t(f'pages.{kind}.list', numbers=numbers)}")
    return "\n".join([*lines, ""])


def _documents(folder: Path, options: BuildOptions) -> tuple[Document, Document]:
    """The briefing and the deck of options' edition in one build's folder."""
    paths = {kind: folder / path.name
             for kind, path in output_paths(options.name, Path(), options.edition).items()}
    pdf = recorded_pdf(paths["docx"], paths["pdf"], options.manifest_name)
    return (Document("briefing", paths["docx"], pdf),
            Document("deck", paths["pptx"]))


def diff_pages(options: BuildOptions, folder: Path, t: Label, before: Path | None = None,
               dpi: int = 60) -> list[PageChange]:
    """Pictures of the pages that differ between two builds of options' dataset.

    With `before` (a copy of OUT/NAME kept from the previous build), the outputs in OUT/NAME
    are the new build. Without it, OUT/NAME is the previous build and the new one is built into
    a temporary folder, so that nothing in OUT changes.
    """
    require_soffice()  # before any work: pages cannot be compared unrendered
    if before is not None:
        return changed_pages(list(zip(_documents(before, options),
                                      _documents(options.folder, options), strict=True)),
                             folder, t, dpi)
    with tempfile.TemporaryDirectory(prefix="reportgen-diff-") as tmp:
        build(replace(options, out=Path(tmp), formats=FORMATS))
        return changed_pages(list(zip(_documents(options.folder, options),
                                      _documents(Path(tmp) / options.name, options),
                                      strict=True)), folder, t, dpi)
