"""Under load: 20 builds at once, in separate processes, each of its own copy of the default
dataset into its own folder, sharing one chart cache and one temporary folder. Every build
succeeds, gives the same bytes as a serial build, runs each LibreOffice with a profile of its
own, and leaves nothing behind in the temporary folder.

All 20 write the briefing and the deck. On a 2-core machine twenty LibreOffice layout passes at
once take minutes (316 s measured), so only OFFICE of them lay the briefing out in LibreOffice
(WITH_PDF of those write the PDF too); the others build as on a machine without LibreOffice
(contents without page numbers), compared with a serial build made the same way. That serial
build fills the shared chart cache first, as an earlier build of a project would."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from reportgen.pipeline.build import BuildOptions, build, output_paths
from reportgen.pipeline.run import PRELOAD

from .conftest import DATA, TEMPLATES, Built, require_soffice, soffice_shim

BUILDS = 20
OFFICE = 3  # the first few lay the briefing out in LibreOffice (one LibreOffice each)
WITH_PDF = 2  # and the first of those write the PDF too


def _without_libreoffice() -> None:
    """Build as on a machine without LibreOffice: the layout pass finds no soffice."""
    import reportgen.docx.layout as layout

    layout.find_soffice = lambda: None


def _build_one(job: tuple[str, str, str, tuple[str, ...], bool]) -> tuple[int, str]:
    data, out, cache, formats, office = job
    if not office:
        _without_libreoffice()  # this process only: each build is a process of its own
    try:
        build(BuildOptions(data=Path(data), templates=TEMPLATES, out=Path(out),
                           formats=formats, cache=Path(cache)))
    except Exception as exc:  # noqa: BLE001 (reported by the test, with the process that failed)
        return os.getpid(), f"{type(exc).__name__}: {exc}"
    return os.getpid(), ""


def _report(job: tuple[str, str, str, tuple[str, ...], bool], queue: Any) -> None:
    queue.put((job[0], _build_one(job)))


@pytest.fixture(scope="module")
def load_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("load")


@pytest.fixture(scope="module")
def serial_without_libreoffice(load_root: Path) -> Path:
    """A serial build without LibreOffice, which also fills the chart cache the builds share."""
    import reportgen.docx.layout as layout

    out = load_root / "serial"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layout, "find_soffice", lambda: None)
        build(BuildOptions(data=DATA, templates=TEMPLATES, out=out, formats=("docx",),
                           cache=load_root / "cache"))
    return output_paths(DATA.name, out)["docx"]


@pytest.fixture(scope="module")
def parallel(load_root: Path, serial_without_libreoffice: Path) -> tuple[Path, Path, list[tuple]]:
    require_soffice()
    root = load_root
    tmp, shims, log = root / "tmp", root / "bin", root / "profiles.log"
    tmp.mkdir()
    shims.mkdir()
    jobs = []
    for i in range(BUILDS):
        data = shutil.copytree(DATA, root / f"data{i}" / DATA.name)
        formats = ("docx", "pptx", "pdf") if i < WITH_PDF else ("docx", "pptx")
        jobs.append((str(data), str(root / f"out{i}"), str(root / "cache"), formats, i < OFFICE))
    saved = {k: os.environ.get(k) for k in ("PATH", "TMPDIR")}
    os.environ["PATH"] = f"{soffice_shim(shims, log)}{os.pathsep}{os.environ['PATH']}"
    os.environ["TMPDIR"] = str(tmp)  # the build processes' tempfile folder, shared by all
    try:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)  # as --jobs does
        queue = context.SimpleQueue()
        processes = [context.Process(target=_report, args=(job, queue)) for job in jobs]
        for process in processes:  # one process per build, all started before any is awaited
            process.start()
        done = dict(queue.get() for _ in processes)
        for process in processes:
            process.join()
        results = [done[job[0]] for job in jobs]
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return root, log, [(*job, *result) for job, result in zip(jobs, results, strict=True)]


def test_twenty_builds_at_once_all_succeed_in_separate_processes(parallel) -> None:
    _, _, results = parallel
    failed = [(data, error) for data, *_, error in results if error]
    assert not failed, failed
    assert len({pid for *_, pid, _ in results}) == BUILDS


def test_they_give_the_bytes_of_a_serial_build(parallel, default_build: Built,
                                               serial_without_libreoffice: Path) -> None:
    _, _, results = parallel
    serial = {"docx": default_build.docx, "pptx": default_build.pptx, "pdf": default_build.pdf}
    for data, out, _, formats, office, _, _ in results:
        paths = output_paths(Path(data).name, Path(out))
        for fmt in formats:
            reference = serial_without_libreoffice if fmt == "docx" and not office \
                else serial[fmt]
            assert reference is not None
            assert paths[fmt].read_bytes() == reference.read_bytes(), (out, fmt)


def test_each_libreoffice_had_its_own_profile_and_nothing_is_left_behind(parallel) -> None:
    root, log, _ = parallel
    profiles = log.read_text().split()
    # Each build that has LibreOffice starts it (once over UNO; a plain conversion per
    # rendering where the system's Python has no `uno`).
    assert len(profiles) >= OFFICE, len(profiles)
    assert len(set(profiles)) == len(profiles), "two LibreOffice runs shared a profile"
    assert all(p.startswith((root / "tmp").as_uri()) for p in profiles), profiles[:3]
    assert sorted(os.listdir(root / "tmp")) == [], "temporary files left behind"
    for _, out, *_ in parallel[2]:
        assert not [p.name for p in Path(out).rglob("*.tmp")]
