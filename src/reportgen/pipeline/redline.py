"""The redline edition of a build: its briefing with every change since the previous build as
Word tracked changes, and, when asked, its open questions as Word comments."""

from __future__ import annotations

import difflib
import io
import logging
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen.docx.comments import add_comments
from reportgen.docx.redline import redline, revision_date
from reportgen.errors import OutputError, relpath
from reportgen.files import write_atomic
from reportgen.pipeline.build import BuildOptions, build, output_paths, prepare
from reportgen.pipeline.reproducible import normalize_zip
from reportgen.report.catalog import Catalog
from reportgen.report.questions import open_questions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RedlineResult:
    path: Path
    revisions: int  # tracked insertions and deletions
    charts: int  # charts redrawn, each with a comment
    comments: int  # open questions placed as comments


def chart_note(t: Catalog, before: str, after: str) -> str:
    """What changed in a chart, from its alt text before and after: each changed stretch."""
    old, new = before.split(), after.split()
    changes = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new,
                                                        autojunk=False).get_opcodes():
        if tag != "equal":
            changes.append(t("redline.chart_changed", old=" ".join(old[i1:i2]) or "–",
                             new=" ".join(new[j1:j2]) or "–"))
    return t("redline.chart", changes="; ".join(changes) or after)


def _briefing(folder: Path, options: BuildOptions) -> Path:
    return folder / output_paths(options.name, Path(), options.edition)["docx"].name


def write_redline(options: BuildOptions, target: Path, before: Path | None = None,
                  comments: bool = False) -> RedlineResult:
    """Write the redline of options' edition to target.

    As for `diff`: with `before` (a copy of OUT/NAME kept from the previous build), OUT/NAME is
    the new build; without it, OUT/NAME is the previous build and the new one is built in a
    temporary folder, so that nothing in OUT changes.
    """
    previous = _briefing(before or options.folder, options)
    if not previous.is_file():
        raise OutputError(f"{relpath(previous)}: no previous briefing to compare with: run "
                          "reportgen build first (or give --before the folder kept from it)")
    if before is not None:
        current = _briefing(options.folder, options)
        if not current.is_file():
            raise OutputError(f"{relpath(current)}: no new briefing: run reportgen build "
                              "before reportgen diff --before")
        return _write(options, previous.read_bytes(), current.read_bytes(), target, comments)
    with tempfile.TemporaryDirectory(prefix="reportgen-redline-") as tmp:
        build(replace(options, out=Path(tmp), formats=("docx",)))
        new = _briefing(Path(tmp) / options.name, options).read_bytes()
    return _write(options, previous.read_bytes(), new, target, comments)


def _write(options: BuildOptions, old: bytes, new: bytes, target: Path,
           comments: bool) -> RedlineResult:
    prepared = prepare(options.data, options.templates, locale=options.locale)
    t = prepared.views.fmt.t
    doc, revisions, charts = redline(old, new, lambda a, b: chart_note(t, a, b))
    placed = 0
    if comments:
        placed = add_comments(doc, ((q.text, q.note) for q in open_questions(prepared.views)),
                              revision_date(doc))
    buf = io.BytesIO()
    doc.save(buf)
    when = doc.core_properties.modified
    data = normalize_zip(buf.getvalue(), when) if when else buf.getvalue()
    write_atomic(target, data)
    log.info("wrote %s: %d tracked changes", target, revisions)
    return RedlineResult(target, revisions, charts, placed)
