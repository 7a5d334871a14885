"""The build pipeline: load, check, compute, render in memory, then write atomically."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.errors import Problem, TemplateError, relpath
from reportgen.model import Dataset
from reportgen.output import write_atomic

if TYPE_CHECKING:
    from reportgen.content import Report
    from reportgen.docx_fields import Entry
    from reportgen.structure import Structure

log = logging.getLogger(__name__)

FORMATS = ("docx", "pptx", "pdf")
Step = Callable[[str], None]


@dataclass(frozen=True)
class BuildOptions:
    data: Path
    templates: Path
    out: Path
    formats: tuple[str, ...] = ("docx", "pptx")
    cache: Path | None = None


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)


def output_paths(dataset_name: str, out: Path) -> dict[str, Path]:
    folder = out / dataset_name
    return {"docx": folder / f"{dataset_name}-briefing.docx",
            "pptx": folder / f"{dataset_name}-deck.pptx",
            "pdf": folder / f"{dataset_name}-briefing.pdf"}


def validate(data: Path, templates: Path) -> Dataset:
    """Load and check a dataset against the report structure; raise with every problem."""
    from reportgen.loader import load_dataset
    from reportgen.structure import load_structure

    structure = load_structure(templates)
    return load_dataset(data, structure.areas)


def compose_report(data: Path, templates: Path, cache: Path | None = None,
                   step: Step = lambda _: None) -> tuple[Structure, Report]:
    """Everything both documents show, in memory: checked data, narrative, charts, tables."""
    from reportgen.catalog import load_catalog
    from reportgen.charts import render_charts
    from reportgen.compute import build_views
    from reportgen.content import gather
    from reportgen.formatting import Formatter
    from reportgen.loader import load_dataset
    from reportgen.narrative import Narrative
    from reportgen.structure import load_structure

    step("validating the dataset")
    structure = load_structure(templates)
    dataset = load_dataset(data, structure.areas)
    language = dataset.briefing.language
    fmt = Formatter(load_catalog(templates, language), language)
    views = build_views(dataset, fmt)

    step("rendering the narrative")
    narrative = Narrative(templates, views)
    sections = [narrative.render(s.id, s.template) for s in structure.sections]
    _check_citations(narrative.cited, views, templates)

    step("drawing the charts")
    charts = render_charts(views, cache)
    return structure, gather(views, structure, sections, charts)


def build(options: BuildOptions, step: Step = lambda _: None) -> BuildResult:
    """Build the requested formats. Nothing is written unless every output was made."""
    if "pdf" in options.formats:
        from reportgen.pdf_export import require_soffice

        require_soffice()  # before any work: the PDF cannot be made
    structure, report = compose_report(options.data, options.templates, options.cache, step)

    documents: dict[str, bytes] = {}
    if "docx" in options.formats or "pdf" in options.formats:
        from reportgen.docx_layout import lay_out
        from reportgen.docx_writer import PageOf, write_docx

        def compose(page_of: PageOf) -> tuple[bytes, list[Entry]]:
            buf = io.BytesIO()
            entries = write_docx(report, options.templates / "briefing.docx",
                                 structure.table_style, buf, page_of)
            return buf.getvalue(), entries

        step("composing the briefing")
        briefing = lay_out(compose, step)
        documents["docx"] = briefing.docx
        if "pdf" in options.formats and briefing.pdf is not None:
            documents["pdf"] = briefing.pdf  # the layout pass already rendered these very bytes
    if "pptx" in options.formats:
        from reportgen.pptx_writer import write_pptx

        step("composing the deck")
        buf = io.BytesIO()
        write_pptx(report, options.templates / "deck.pptx", structure, buf)
        documents["pptx"] = buf.getvalue()
    if "pdf" in options.formats and "pdf" not in documents:
        from reportgen.pdf_export import convert_to_pdf

        step("rendering the PDF")
        documents["pdf"] = convert_to_pdf(documents["docx"], ".docx")

    step("writing")
    result = BuildResult()
    paths = output_paths(report.name, options.out)
    for fmt_name in FORMATS:
        if fmt_name in options.formats:
            write_atomic(paths[fmt_name], documents[fmt_name])
            result.written.append(paths[fmt_name])
            log.info("wrote %s", paths[fmt_name])
    return result


def _check_citations(cited: set[str], views: object, templates: Path) -> None:
    from reportgen.compute import Views

    assert isinstance(views, Views)
    problems = []
    for item in sorted(cited):
        try:
            views.cited(item)
        except KeyError:
            problems.append(Problem(relpath(templates / "narrative"), 0, 0, f"cite('{item}')",
                                    "cites an id the dataset does not define",
                                    "use a metric, fact, event or entity id"))
    if problems:
        raise TemplateError(problems)
