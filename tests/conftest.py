"""Shared fixtures: one build of each dataset per test run, and the real-client helpers.

`make test` runs the suite in two pytest-xdist workers (docs/ci.md): each session-scoped build is
made once for the whole run, by the first worker that needs it, and read by both (`_shared`)."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from reportgen.pipeline.build import BuildOptions, Gathered, build, gather, output_paths
from reportgen.pipeline.plan import editions
from reportgen.render.pdf import convert_to_pdf, find_soffice
from reportgen.report.tree import Report

from . import fresh

fresh.apply()  # before any font is looked up: tools/fresh_machine.sh hides the installed fonts

# Property tests are seeded (the same examples on every run and machine), bounded, and keep no
# example database; a test's own @settings still decides what it sets.
settings.register_profile("reportgen", derandomize=True, database=None, deadline=None,
                          max_examples=100)
settings.load_profile("reportgen")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "china-azerbaijan-2025"
TEMPLATES = ROOT / "templates"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def gathered(data: Path, templates: Path = TEMPLATES) -> Gathered:
    """What a build's gather step (pipeline.build.gather) makes of a dataset: the Report both
    documents are written from, and report.yaml's structure. Nothing is written."""
    return gather(BuildOptions(data=data, templates=templates, out=Path("output")))


def require_soffice() -> None:
    """Real-client checks never skip in CI: there a missing LibreOffice is a failure."""
    if find_soffice() and shutil.which("pdftotext"):
        return
    message = "LibreOffice (soffice) and poppler-utils (pdftotext) are needed: run .ci/run"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def pdf_text(pdf: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, in reading order (one line of the page per line)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


@dataclass(frozen=True)
class Built:
    docx: Path
    pptx: Path
    folder: Path
    pdf: Path | None = None  # the briefing's PDF as the build wrote it, where LibreOffice exists

    def pdf_of(self, suffix: str) -> Path:
        """The document rendered by LibreOffice: the build's own PDF of the briefing, or a
        rendering of the deck (cached next to it)."""
        require_soffice()
        if suffix == ".docx" and self.pdf is not None:
            return self.pdf
        source = self.docx if suffix == ".docx" else self.pptx
        pdf = source.with_suffix(source.suffix + ".pdf")
        with _locked(source):  # rendered once, by whichever worker asks first
            if not pdf.exists():
                pdf.write_bytes(convert_to_pdf(source.read_bytes(), suffix))
        return pdf

    def dumps(self) -> dict[str, str | None]:
        return {k: None if v is None else str(v) for k, v in asdict(self).items()}

    @classmethod
    def loads(cls, fields: dict[str, str | None]) -> Built:
        return cls(**{k: None if v is None else Path(v) for k, v in fields.items()})


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Held by one process at a time (pytest-xdist's workers are processes); path is created
    empty if missing, and never written."""
    lock = os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
    finally:
        os.close(lock)  # which releases the lock


def _shared(factory: pytest.TempPathFactory, name: str,
            make: Callable[[Path], dict[str, Built]]) -> dict[str, Built]:
    """What make(folder) built, once per run: in one pytest process, into a new temporary folder;
    under pytest-xdist, into the run's folder common to the workers, by the first worker that
    asks while the others wait for it, and read by every worker from there."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return make(factory.mktemp(name))
    folder = factory.getbasetemp().parent / name
    done = folder / "built.json"
    with _locked(factory.getbasetemp().parent / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            built = make(folder)
            done.write_text(json.dumps({k: b.dumps() for k, b in built.items()}),
                            encoding="utf-8")
            return built
    return {k: Built.loads(v) for k, v in json.loads(done.read_text(encoding="utf-8")).items()}


def _shared_one(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Built]
                ) -> Built:
    return _shared(factory, name, lambda folder: {name: make(folder)})[name]


def _build(data: Path, out: Path, templates: Path = TEMPLATES, charts: str = "native",
           formats: tuple[str, ...] | None = None) -> Built:
    with_pdf = formats is None and find_soffice() is not None
    if formats is None:
        formats = ("docx", "pptx", "pdf") if with_pdf else ("docx", "pptx")
    build(BuildOptions(data=data, templates=templates, out=out, formats=formats, charts=charts))
    paths = output_paths(data.name, out)
    return Built(docx=paths["docx"], pptx=paths["pptx"], folder=paths["docx"].parent,
                 pdf=paths["pdf"] if with_pdf else None)


@pytest.fixture(scope="session")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _shared_one(tmp_path_factory, "default", lambda out: _build(DATA, out))


def _editions(default_build: Built) -> dict[str, Built]:
    out = default_build.folder.parent
    formats = ("docx", "pptx", "pdf") if default_build.pdf else ("docx", "pptx")
    built = {"en": default_build}
    for options in editions(BuildOptions(data=DATA, templates=TEMPLATES, out=out,
                                         formats=formats), "all"):
        if options.edition:
            build(options)
            paths = output_paths(DATA.name, out, options.edition)
            built[str(options.locale)] = Built(
                docx=paths["docx"], pptx=paths["pptx"], folder=paths["docx"].parent,
                pdf=paths["pdf"] if default_build.pdf else None)
    return built


@pytest.fixture(scope="session")
def edition_builds(tmp_path_factory: pytest.TempPathFactory,
                   default_build: Built) -> dict[str, Built]:
    """Every edition of the default dataset (`--locale all`), beside the default build, which
    is the English one."""
    return _shared(tmp_path_factory, "editions", lambda _: _editions(default_build))


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _shared_one(tmp_path_factory, "minimal", lambda out: _build(FIXTURES / "minimal", out))


@pytest.fixture(scope="session")
def image_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The default dataset with `--charts image`: the briefing's pictures in the deck."""
    return _shared_one(tmp_path_factory, "image",
                       lambda out: _build(DATA, out, charts="image", formats=("pptx",)))


def _stress(root: Path) -> Built:
    from .stress import make_stress

    data, templates = make_stress(DATA, TEMPLATES, root)
    return _build(data, root / "out", templates=templates, formats=("pptx",))


@pytest.fixture(scope="session")
def stress_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The default dataset with labels and takeaways three times as long (see stress.py)."""
    return _shared_one(tmp_path_factory, "stress", _stress)


@pytest.fixture(scope="session")
def default_report() -> Report:
    """The default briefing in memory, as the writers receive it."""
    return gathered(DATA).report


def content_build(data: Path, out: Path, formats: tuple[str, ...] = ("docx", "pptx"),
                  locale: str | None = None) -> dict[str, Path]:
    """Build `data` for a test that reads its content, not its page numbers: without the
    LibreOffice layout pass, as on a machine without LibreOffice; the paths of what was written.
    Usable from a module-scoped fixture, where `no_layout` is not."""
    import reportgen.docx.layout

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reportgen.docx.layout, "find_soffice", lambda: None)
        build(BuildOptions(data=data, templates=TEMPLATES, out=out, formats=formats,
                           locale=locale, edition=locale or ""))
    return output_paths(data.name, out, locale or "")


def minimal_with(root: Path, events: str, figures: str = "", **entities: str) -> Path:
    """The minimal fixture copied under `root` with these events (a whole events.yaml), figures
    added to its metrics and entities added to its lists (`people=`, `places=`, …)."""
    data = root / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "events.yaml").write_text(events, encoding="utf-8")
    path = data / "entities.yaml"
    text = path.read_text(encoding="utf-8")
    for group, rows in entities.items():
        text = text.replace(f"{group}:\n", f"{group}:\n" + rows, 1)
    path.write_text(text, encoding="utf-8")
    path = data / "metrics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("metrics:\n", "metrics:\n" + figures,
                                                             1), encoding="utf-8")
    return data


def minimal_plus(root: Path, figures: str) -> Path:
    """The minimal fixture copied to root/data with these figures appended to its metrics."""
    data = root / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    path = data / "metrics.yaml"
    path.write_text(path.read_text(encoding="utf-8") + figures, encoding="utf-8")
    return data


@pytest.fixture
def no_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    """For a test that reads a briefing's content, not its page numbers: build it without the
    LibreOffice layout pass (two renderings), as on a machine without LibreOffice."""
    import reportgen.docx.layout

    monkeypatch.setattr(reportgen.docx.layout, "find_soffice", lambda: None)


@pytest.fixture
def dataset_copy(tmp_path: Path) -> Path:
    """A writable copy of the default dataset, to break on purpose."""
    target = tmp_path / "broken-dataset"
    shutil.copytree(DATA, target)
    return target


def soffice_shim(folder: Path, log: Path) -> Path:
    """A `soffice` first on PATH that notes each run's profile, then runs the real one."""
    real = find_soffice()
    assert real
    shim = folder / "soffice"
    shim.write_text(f"""#!/bin/sh
for arg in "$@"; do
  case "$arg" in -env:UserInstallation=*) echo "${{arg#*=}}" >> '{log}';; esac
done
exec '{real}' "$@"
""")
    shim.chmod(0o755)
    return folder
