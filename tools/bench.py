"""Time the main commands against the floor any tool must pay, as ratios measured in one run.

The floor is what producing the same result costs at the least: a fresh Python process that
imports the libraries a full build loads, plus one cold LibreOffice conversion of the briefing
(which measuring the contents' page numbers needs). Each command is timed interleaved with the
floor, RUNS times, so that the ratios hold on a noisy machine; the medians, with min and max, go
to stdout and docs/performance.md as a Markdown table. Exit status 1 when a ratio misses its
target. Speed targets live here, never in timed tests.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
# Ratio to the floor, median of RUNS.
TARGETS = {
    "reportgen --help": 0.05,
    "validate": 0.3,
    "build, no-op": 0.03,
    "build docx,pptx,pdf, cold": 1.3,
}
IMPORTS = "import docx, pptx, docxtpl, matplotlib.pyplot, pandas, jinja2, babel, pydantic, yaml"


def _run(args: list[str], cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, cwd=cwd, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _reportgen(*args: str) -> list[str]:
    return [sys.executable, "-m", "reportgen", *args]


def main() -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("bench: LibreOffice (soffice) is needed for the floor and the PDF; run .ci/run")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        out = work / "out"
        subprocess.run(_reportgen("build", "--out", str(out), "--format", "docx"), check=True,
                       cwd=ROOT, stdout=subprocess.DEVNULL)
        briefing = next(out.glob("*/*-briefing.docx"))

        def floor() -> float:
            profile = work / f"profile-{time.monotonic_ns()}"  # a cold start each time
            took = _run([sys.executable, "-c", IMPORTS])
            return took + _run([soffice, f"-env:UserInstallation={profile.as_uri()}",
                                "--headless", "--convert-to", "pdf", "--outdir", str(work),
                                str(briefing)])

        def cold() -> float:
            shutil.rmtree(ROOT / ".cache" / "charts", ignore_errors=True)  # empty chart cache
            return _run(_reportgen("build", "--out", str(work / "cold"), "--format",
                                   "docx,pptx,pdf", "--force"))

        noop_args = _reportgen("build", "--out", str(out), "--format", "docx")
        cases: dict[str, Callable[[], float]] = {
            "reportgen --help": lambda: _run(_reportgen("--help")),
            "validate": lambda: _run(_reportgen("validate")),
            "build, no-op": lambda: _run(noop_args),
            "build docx,pptx,pdf, cold": cold,
        }
        floors: list[float] = []
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(RUNS):  # interleaved: each case next to a floor of the same moment
            for name, case in cases.items():
                floors.append(floor())
                times[name].append(case())
    base = statistics.median(floors)
    rows = [f"| floor (imports + one cold LibreOffice conversion) | {base:.2f} s "
            f"({min(floors):.2f}–{max(floors):.2f}) | 1.00 | — | — |"]
    missed = []
    for name, found in times.items():
        median = statistics.median(found)
        ratio = median / base
        ok = ratio <= TARGETS[name]
        missed += [] if ok else [name]
        rows.append(f"| {name} | {median:.2f} s ({min(found):.2f}–{max(found):.2f}) | "
                    f"{ratio:.2f} | ≤ {TARGETS[name]:g} | {'ok' if ok else 'MISSED'} |")
    table = "\n".join(["| what | median (min–max) | × floor | target | |",
                       "| --- | --- | --- | --- | --- |", *rows])
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python "
               f"{platform.python_version()}, {RUNS} interleaved runs")
    print(table)
    (ROOT / "docs" / "performance.md").write_text(
        "# Performance\n\nWritten by `make bench` (tools/bench.py): medians of interleaved runs, "
        "as ratios to the floor measured in the same run.\n\n"
        f"Machine: {machine}.\n\n{table}\n", encoding="utf-8")
    if missed:
        print("missed: " + ", ".join(missed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
