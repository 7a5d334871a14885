"""Preview images for reviewers: every page and slide as PNG, and one contact sheet."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from reportgen.errors import OutputError
from reportgen.files import write_atomic
from reportgen.pipeline.build import BuildOptions, output_paths
from reportgen.render.pdf import convert_to_pdf

SHEET_COLUMNS = 4
GAP = 8


def rasterize(pdf: bytes, dpi: int = 50) -> list[bytes]:
    """Each page of a PDF as PNG bytes, through pdftoppm (poppler-utils)."""
    if shutil.which("pdftoppm") is None:
        raise OutputError("pdftoppm is not installed, so no page can be rendered: install the "
                          "Debian package poppler-utils")
    with tempfile.TemporaryDirectory(prefix="reportgen-preview-") as tmp:
        source = Path(tmp) / "document.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(source), str(Path(tmp) / "p")],
                       check=True, capture_output=True)
        return [page.read_bytes() for page in sorted(Path(tmp).glob("p-*.png"))]


def render_pages(document: Path, prefix: str, folder: Path, dpi: int = 50) -> list[Path]:
    """Render a .docx or .pptx to one PNG per page in folder, named prefix-01.png …"""
    out = []
    for number, page in enumerate(rasterize(convert_to_pdf(document.read_bytes(),
                                                           document.suffix), dpi), 1):
        target = folder / f"{prefix}-{number:02d}.png"
        write_atomic(target, page)
        out.append(target)
    for stale in folder.glob(f"{prefix}-*.png"):
        if stale not in out:
            stale.unlink()
    return out


def contact_sheet(images: list[Path], target: Path, columns: int = SHEET_COLUMNS) -> None:
    """All pages and slides on one image, in rows of `columns`, each scaled to one width."""
    opened = [Image.open(p).convert("RGB") for p in images]
    width = max(im.width for im in opened)
    scaled = [im.resize((width, round(im.height * width / im.width))) for im in opened]
    rows = [scaled[i:i + columns] for i in range(0, len(scaled), columns)]
    heights = [max(im.height for im in row) for row in rows]
    sheet = Image.new("RGB", (columns * (width + GAP) + GAP, sum(heights) + GAP *
                              (len(rows) + 1)), "#9e9e9e")
    y = GAP
    for row, height in zip(rows, heights, strict=True):
        for col, im in enumerate(row):
            sheet.paste(im, (GAP + col * (width + GAP), y))
        y += height + GAP
    buf = io.BytesIO()
    sheet.save(buf, format="PNG")
    write_atomic(target, buf.getvalue())


def preview(editions: list[BuildOptions], folder: Path, dpi: int = 50) -> list[Path]:
    """`reportgen preview`: every page of each edition's built briefing and deck as PNG in
    folder, and the contact sheet of them all; OutputError for an output not built yet."""
    images = []
    for edition in editions:
        paths = output_paths(edition.name, edition.out, edition.edition)
        mark = f"{edition.edition}-" if edition.edition else ""
        for kind, prefix in (("docx", "briefing"), ("pptx", "deck")):
            if not paths[kind].exists():
                raise OutputError(f"{paths[kind]} does not exist: run reportgen build first")
            images += render_pages(paths[kind], mark + prefix, folder, dpi)
    contact_sheet(images, folder / "contact-sheet.png")
    return images
