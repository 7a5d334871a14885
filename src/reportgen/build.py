"""The build pipeline: load, check, compute, render in memory, then write atomically."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import Problem, TemplateError, relpath
from reportgen.model import Dataset
from reportgen.output import write_atomic

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
    charts: str = "native"  # deck charts: "native" (editable) or "image" (the briefing's pictures)


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


def build(options: BuildOptions, step: Step = lambda _: None) -> BuildResult:
    """Build the requested formats. Nothing is written unless every output was made."""
    from reportgen.catalog import load_catalog
    from reportgen.charts import render_charts
    from reportgen.compute import build_views
    from reportgen.content import gather
    from reportgen.formatting import Formatter
    from reportgen.loader import load_dataset
    from reportgen.narrative import Narrative
    from reportgen.structure import load_structure

    step("validating the dataset")
    structure = load_structure(options.templates)
    dataset = load_dataset(options.data, structure.areas)
    language = dataset.briefing.language
    fmt = Formatter(load_catalog(options.templates, language), language)
    views = build_views(dataset, fmt)

    step("rendering the narrative")
    narrative = Narrative(options.templates, views)
    sections = [narrative.render(s.id, s.template) for s in structure.sections]
    _check_citations(narrative.cited, views, options.templates)

    step("drawing the charts")
    charts = render_charts(views, options.cache)
    report = gather(views, structure, sections, charts)

    documents: dict[str, bytes] = {}
    if "docx" in options.formats or "pdf" in options.formats:
        from reportgen.docx_writer import write_docx

        step("composing the briefing")
        buf = io.BytesIO()
        write_docx(report, options.templates / "briefing.docx", structure.table_style, buf)
        documents["docx"] = buf.getvalue()
    if "pptx" in options.formats:
        from reportgen.pptx_writer import write_pptx

        step("composing the deck")
        buf = io.BytesIO()
        write_pptx(report, options.templates / "deck.pptx", structure, buf, options.charts)
        documents["pptx"] = buf.getvalue()
    if "pdf" in options.formats:
        from reportgen.pdf_export import convert_to_pdf

        step("rendering the PDF")
        documents["pdf"] = convert_to_pdf(documents["docx"], ".docx")

    step("writing")
    result = BuildResult()
    paths = output_paths(dataset.name, options.out)
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
