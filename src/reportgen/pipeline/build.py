"""One build: load, check, compute, make the documents in memory (pipeline/documents.py), then
write them atomically."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.errors import DataError, OutputError, Problem, TemplateError, relpath
from reportgen.files import write_all
from reportgen.pipeline import manifest
from reportgen.pipeline.documents import (
    Meanwhile,
    annex_sheets,
    make_briefing,
    office_for,
    stop_meanwhile,
)
from reportgen.pipeline.fingerprint import ANNEX, FORMATS, output_names
from reportgen.pipeline.manifest import MANIFEST_NAME, Staleness

if TYPE_CHECKING:
    import datetime as dt

    from reportgen.dataset.models import Dataset
    from reportgen.render.office import Office
    from reportgen.report.annex import Sheet
    from reportgen.report.catalog import Catalog
    from reportgen.report.narrative import SectionText
    from reportgen.report.structure import Structure
    from reportgen.report.tree import Report
    from reportgen.report.views import Views

log = logging.getLogger(__name__)

Step = Callable[[str], None]


@dataclass(frozen=True)
class BuildOptions:
    data: Path
    templates: Path
    out: Path
    formats: tuple[str, ...] = ("docx", "pptx")
    cache: Path | None = None
    charts: str = "native"  # charts in both documents: "native" (editable) or "image" (pictures)
    strict: bool = False
    locale: str | None = None  # wording catalog and number formats; default: the dataset's language
    edition: str = ""  # the locale's mark in the output names; "" for the dataset's own language

    @property
    def name(self) -> str:
        return self.data.resolve().name

    @property
    def manifest_name(self) -> str:
        """Each edition has its manifest, so that each is checked, rebuilt and diffed alone."""
        return f"manifest.{self.edition}.json" if self.edition else MANIFEST_NAME

    @property
    def folder(self) -> Path:
        return self.out / self.name

    def recorded(self) -> dict[str, Any]:
        """The options that change what is built, as recorded in the manifest."""
        recorded: dict[str, Any] = {"formats": sorted(self.formats), "charts": self.charts}
        if self.edition:  # the dataset's own language, asked for by name, is the default build
            recorded["locale"] = self.edition
        return recorded

    def outputs(self) -> dict[str, Path]:
        paths = output_paths(self.name, self.out, self.edition)
        return {paths[f].name: paths[f] for f in (*FORMATS, ANNEX)
                if f in self.formats or f == ANNEX}


@dataclass
class BuildResult:
    """What a build wrote (nothing when the outputs were up to date) and what it noticed: the
    changes since the last build, as `reportgen diff` lists them, and the warnings."""

    written: list[Path] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    up_to_date: bool = False


def output_paths(dataset_name: str, out: Path, edition: str = "") -> dict[str, Path]:
    """NAME-briefing.docx for the dataset's own language, NAME-briefing.az.docx for another;
    the data annex NAME-data.xlsx (report.annex.annex_name, which the briefing names)."""
    folder = out / dataset_name
    return {kind: folder / name for kind, name in output_names(dataset_name, edition).items()}


def _guard(options: BuildOptions) -> None:
    folder = options.folder.resolve()
    for name, root in (("dataset", options.data), ("templates", options.templates)):
        if folder == root.resolve() or root.resolve() in folder.parents:
            raise OutputError(f"the output folder {options.folder} lies inside the {name} folder "
                              f"{root}: outputs would become inputs; choose another --out")


def staleness(options: BuildOptions) -> Staleness:
    """Whether the outputs are up to date with their inputs; reads hashes only (fast path)."""
    _guard(options)
    state = manifest.input_state(options.data, options.templates, options.recorded())
    recorded, unusable = manifest.read_why(options.folder, options.manifest_name)
    return manifest.staleness(recorded, state, options.outputs(), unusable)


def validate(data: Path, templates: Path, strict: bool = False, locale: str | None = None
             ) -> tuple[Dataset, list[Problem]]:
    """Load and check a dataset against the report structure; raise with every problem.

    Returns the dataset and the warnings (likely mistakes; errors too when strict). With a
    locale, the dataset's translation into it is checked too (each missing text a warning).
    """
    from reportgen.dataset.loading import load_dataset  # deferred: pydantic, PyYAML, pandas
    from reportgen.report.structure import load_structure

    structure = load_structure(templates, data)
    warnings: list[Problem] = []
    dataset = load_dataset(data, structure.areas, strict=strict, warnings=warnings,
                           locale=locale)
    # The dataset's own language and text (an edition's text, with a locale, is another's).
    own = dataset.edition.original if dataset.edition else dataset.briefing.language
    problems = _language_problems(dataset, data, templates, own,
                                  check_text=not locale or locale == own)
    errors = [p for p in problems if not p.warning or strict]
    if errors:
        raise DataError([replace(p, warning=False) for p in errors])
    return dataset, warnings + problems


# Words that make up a good share of any English text, and of few other languages' texts.
_ENGLISH = frozenset({"the", "of", "and", "to", "in", "with", "for", "on", "by", "from", "was",
                     "were", "is", "are", "has", "have", "its"})


def _language_problems(dataset: Dataset, data: Path, templates: Path, language: str,
                       check_text: bool = True) -> list[Problem]:
    """The dataset's language has no wording catalog (the build would stop), or its text reads
    as English although `language:` names another."""
    from reportgen.report.catalog import SOURCE, locales  # deferred: Babel

    path = data / "briefing.yaml"
    line = next((n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if text.startswith("language:")), 0)
    where = (relpath(path), line, 1 if line else 0, "language")
    there = locales(templates)
    if language not in there:
        return [Problem(*where, f"no wording catalog for '{language}' in "
                        f"{relpath(templates / 'locale')}/ (there: {', '.join(there)})",
                        f"add one from {SOURCE}.po with `make catalogs` (docs/locales.md), or "
                        "set the language the dataset's text is written in")]
    words = [w.lower() for f in dataset.facts for w in f.text.split()]
    words += [w.lower() for e in dataset.events for w in e.title.split()]
    if check_text and language != SOURCE and len(words) >= 40 and \
            sum(w in _ENGLISH for w in words) / len(words) > 0.08:
        return [Problem(*where, f"the dataset's text reads as English, but its language is "
                        f"'{language}'", f"set `language: {SOURCE}`; text in another language "
                        "goes in translations/LANG.yaml", warning=True)]
    return []


def prose_notes(dataset: Dataset) -> list[Problem]:
    """The figures whose sentence falls back to a plain frame and the events told from their
    title alone, each with the field that would fix it (`reportgen validate` prints them; they
    never fail a build)."""
    from reportgen.report.happenings import event_notes  # deferred: Babel, Jinja2
    from reportgen.report.plain import plain_sentences  # deferred: Babel, Jinja2
    from reportgen.report.together_notes import together_notes

    return _fix_once(plain_sentences(dataset) + together_notes(dataset) + event_notes(dataset))


def _fix_once(notes: list[Problem]) -> list[Problem]:
    """Notes with one message and one fix give the fix in full once; the others point to it
    (eight figures with the same note printed the same paragraph eight times)."""
    first: dict[tuple[str, str], Problem] = {}
    for note in sorted(notes):
        first.setdefault((note.message, note.hint), note)
    once = []
    for note in notes:
        shown = first[(note.message, note.hint)]
        once.append(note if shown is note or not note.hint else replace(
            note, hint="the same fix as at " + (f"line {shown.line}" if shown.file == note.file
                                                 else f"{shown.file}:{shown.line}")))
    return once


@dataclass(frozen=True)
class Prepared:
    """A build's first step (`prepare`): the dataset's views, each section's narrative rendered,
    and report.yaml's structure. `diff` and the redline edition stop here."""

    views: Views
    sections: list[SectionText]
    structure: Structure


@dataclass(frozen=True)
class Gathered:
    """A build's second step (`gather`): everything both documents show, in one Report, with
    what it was made from. The writers start from here."""

    prepared: Prepared
    report: Report

    @property
    def structure(self) -> Structure:
        return self.prepared.structure


def prepare(data: Path, templates: Path, strict: bool = False,
            warnings: list[Problem] | None = None, locale: str | None = None) -> Prepared:
    """Everything up to the narrative: dataset, views, rendered sections."""
    # Deferred: pydantic, Babel, Jinja2, pandas, only when a dataset is really read.
    from reportgen.dataset.loading import load_dataset
    from reportgen.report.catalog import load_catalog
    from reportgen.report.formatting import Formatter
    from reportgen.report.narrative import Narrative
    from reportgen.report.structure import load_structure
    from reportgen.report.views import build_views

    structure = load_structure(templates, data)
    dataset = load_dataset(data, structure.areas, strict=strict, warnings=warnings,
                           locale=locale)
    language = locale or dataset.briefing.language
    catalog = load_catalog(templates, language)
    views = build_views(dataset, Formatter(catalog, language))
    narrative = Narrative(templates, views, data)
    ids = [s.id for s in structure.sections]
    # The dataset's own heading for a section (translated with its text), else report.yaml's,
    # which is its own language's: another edition's catalog may translate it.
    sections = [narrative.render(s.id, s.template,
                                 dataset.briefing.section_title(s.id)
                                 or catalog.get(f"section.{s.id}", s.title),
                                 [i for i in ids if i != s.id])
                for s in structure.sections]
    _check_citations(narrative.cited, views, templates)
    return Prepared(views, sections, structure)


def gather(options: BuildOptions, warnings: list[Problem] | None = None,
           step: Step = lambda _: None) -> Gathered:
    """Everything both documents show, in memory: checked data, narrative, chart specs, tables;
    every published item placed somewhere (a TemplateError names each one placed nowhere)."""
    # deferred: the report layer (Jinja2, Babel), not on the no-op path
    from reportgen.report.assemble import gather as assemble
    from reportgen.report.assemble import placements, unplaced
    from reportgen.report.charts import chart_specs

    step("validating the dataset")
    prepared = prepare(options.data, options.templates, options.strict, warnings,
                       options.locale)
    report = assemble(prepared.views, prepared.structure, prepared.sections,
                      chart_specs(prepared.views))
    # Nothing silently lost: every published item must appear somewhere in the briefing.
    lost = unplaced(placements(report, prepared.views), prepared.views)
    if lost:
        raise TemplateError(lost)
    return Gathered(prepared, report)


def _pictures(options: BuildOptions, report: Report, step: Step,
              lifetime: contextlib.ExitStack) -> Mapping[str, bytes]:
    """The pictures the documents place, by chart id: every chart's with `--charts image`,
    else those that have no native chart (the timeline); cached between builds. Those not
    cached are drawn meanwhile (render/chart_pictures.py draw_meanwhile), never beyond the
    build's lifetime."""
    from reportgen.render.chart_pictures import Drawing, draw_meanwhile  # deferred: PIL

    step("drawing the charts")
    specs = [*(c for s in report.sections for c in s.charts),
             *([report.timeline_chart] if report.timeline_chart else [])]
    pictures = draw_meanwhile([c for c in specs if options.charts == "image" or not c.native],
                              options.cache)
    if isinstance(pictures, Drawing):
        lifetime.callback(pictures.close)
    return pictures


def build(options: BuildOptions, step: Step = lambda _: None,
          office: Office | None = None) -> BuildResult:
    """Build the requested formats. Nothing is written unless every output was made.

    `office`: a batch's LibreOffice (pipeline/run.py), left running; without it, the build starts
    its own and stops it when done.
    """
    # Every import of the build's own layers is deferred: pydantic, Babel, Jinja2, python-docx
    # and the rest load only when a build really runs, not for --help or a no-op.
    _guard(options)
    if "pdf" in options.formats:
        from reportgen.render.pdf import require_soffice  # deferred: only for a PDF

        require_soffice()  # before any work: the PDF cannot be made
    state = manifest.input_state(options.data, options.templates, options.recorded())
    last = manifest.read(options.folder, options.manifest_name) or {}
    warnings: list[Problem] = []
    with contextlib.ExitStack() as lifetime:  # LibreOffice's: it never outlives this block
        shared, office = office, office_for(options, lifetime, office)
        if office is not None:  # its slow start overlaps all of the build's own work
            office.start()
        gathered = gather(options, warnings, step)
        prepared, report = gathered.prepared, gathered.report
        pictures = _pictures(options, report, step, lifetime)
        structure = prepared.structure
        paths = output_paths(report.name, options.out, options.edition)
        # Same inputs, same bytes: fixed zip times and order, PDF dates and /ID.
        from reportgen.pipeline.reproducible import build_time  # not on the no-op path

        when = build_time(report.properties.created)
        from concurrent.futures import ThreadPoolExecutor  # here: not on the no-op path

        with ThreadPoolExecutor(max_workers=1) as thread:
            meanwhile = Meanwhile(thread, options, gathered, step, paths, pictures, when)
            documents, pages = make_briefing(options, report, structure, office, last, step,
                                             meanwhile.rendering, pictures)
            if office is not None and office is not shared:  # rendered: stopped while the
                stop_meanwhile(office, lifetime)  # outputs are finished
            findings = meanwhile.finish(documents)
            sheets, documents[ANNEX] = meanwhile.annex()
        if options.strict and findings:  # accessibility findings: errors, before any writing
            raise TemplateError([replace(f, warning=False) for f in findings])
        warnings += findings
        return _write(options, gathered, documents, pages, sheets, warnings,
                      state, last, when, step)


def _write(options: BuildOptions, gathered: Gathered, documents: dict[str, bytes],
           pages: dict[str, int], annex: list[Sheet], warnings: list[Problem],
           state: dict[str, Any], last: dict[str, Any], when: dt.datetime, step: Step
           ) -> BuildResult:
    """The outputs, finished (the briefing's package normalised, the PDF's language, dates and
    /ID set; the deck and the annex were, meanwhile), and the manifest, written all at once."""
    from reportgen.pipeline.changes import annex_digest, snapshot, summarize  # deferred: Jinja2
    from reportgen.pipeline.reproducible import normalize_pdf, normalize_zip, set_pdf_language

    prepared, report = gathered.prepared, gathered.report
    paths = output_paths(report.name, options.out, options.edition)
    if "docx" in documents:
        documents["docx"] = normalize_zip(documents["docx"], when)
    if "pdf" in documents:
        from reportgen.render.fonts import language_tag  # deferred: only for a PDF

        documents["pdf"] = normalize_pdf(set_pdf_language(documents["pdf"],
                                                          language_tag(report.language)), when)

    views = prepared.views
    now = snapshot(views, prepared.sections, annex_digest(paths[ANNEX].name, annex))
    result = BuildResult(changes=summarize(last.get("content"), now, views.fmt.t),
                         warnings=warnings)
    kinds = [f for f in (*FORMATS, ANNEX) if f in options.formats or f == ANNEX]
    outputs = {paths[f].name: documents[f] for f in kinds}
    outputs.update(report.data_files)  # a long series, whole, beside the documents
    from reportgen.report.assemble import placements  # deferred: Jinja2, Babel

    manifest_bytes = manifest.serialize(state, outputs, {
        "content": now, "placements": placements(report, views), "pages": pages})

    step("writing")
    written = {paths[f]: documents[f] for f in kinds}
    written.update({options.folder / name: data for name, data in report.data_files.items()})
    # All staged first, then all renamed into place, the manifest last, so that a manifest never
    # vouches for outputs that were not written and no failure leaves two builds mixed.
    write_all({**written, options.folder / options.manifest_name: manifest_bytes})
    for path in written:
        result.written.append(path)
        log.info("wrote %s", path)
    return result


def diff(options: BuildOptions, previous: Path | None = None) -> tuple[list[str], Catalog] | None:
    """What the data and templates change since the last build (None: no manifest).

    The last build is OUT/NAME, or `previous`: a copy of that folder kept from an earlier build.
    """
    from reportgen.pipeline.changes import annex_digest, snapshot, summarize  # deferred: Jinja2

    recorded = manifest.read(previous or options.folder, options.manifest_name)
    prepared = prepare(options.data, options.templates, locale=options.locale)
    if recorded is None:
        return None
    file = output_paths(options.name, options.out, options.edition)[ANNEX].name
    annex = annex_digest(file, annex_sheets(prepared.views))
    now = snapshot(prepared.views, prepared.sections, annex)
    return summarize(recorded.get("content"), now, prepared.views.fmt.t), prepared.views.fmt.t


def _check_citations(cited: set[str], views: Views, templates: Path) -> None:
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
