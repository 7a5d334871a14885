"""Running a batch: every build run whatever happens to the others, the failed ones named, each
build's lines printed whole above a progress bar; results and staleness merged."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reportgen.pipeline import plan, run
from reportgen.pipeline.build import BuildOptions, Step

from ..conftest import DATA, FIXTURES, TEMPLATES


class Bar:
    shown = True

    def __init__(self) -> None:
        self.seen: list[str] = []

    def step(self, text: str) -> None:
        self.seen.append(text)

    def done(self, label: str, ok: bool) -> None:
        self.seen.append(f"done {label} {ok}")


class Off(Bar):
    shown = False


def _job(options: BuildOptions, step: Step | None) -> bool:
    if step is not None:
        step("working")
    print(f"built {options.name}")
    print(f"{options.name}: a warning", file=sys.stderr)
    return options.name != "minimal"


@pytest.fixture
def batch(tmp_path: Path) -> list[BuildOptions]:
    return plan.batch(plan.options(DATA, TEMPLATES, tmp_path, ["docx"]),
                      [FIXTURES / "minimal", DATA], "all")


def test_a_failed_build_is_named_and_the_others_run(batch: list[BuildOptions],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    failed = run.run(batch, _job, Off(), jobs=1, share_office=False)
    assert failed == ["minimal"]
    assert capsys.readouterr().out == "built minimal\n" + f"built {DATA.name}\n" * 3


def test_under_a_bar_each_build_is_printed_whole(batch: list[BuildOptions],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    bar = Bar()
    run.run(batch, _job, bar, jobs=1, share_office=False)
    assert bar.seen[:3] == ["building minimal", "working", "done minimal False"]
    assert bar.seen[-1] == f"done {DATA.name} (zh) True"
    printed = capsys.readouterr()
    assert printed.out.splitlines() == ["built minimal"] + [f"built {DATA.name}"] * 3
    assert printed.err.splitlines()[0] == "minimal: a warning"


def test_staleness_of_several_builds_is_merged(batch: list[BuildOptions]) -> None:
    stale = run.check_all(batch)
    assert not stale.up_to_date
    assert len(stale.missing) == len(batch)  # nothing built yet: each briefing missing
    assert stale.missing[2].endswith(f"{DATA.name}-briefing.az.docx")
