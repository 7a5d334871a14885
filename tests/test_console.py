"""The console's progress bar: it draws on its own terminal, whatever a build captures."""

from __future__ import annotations

import contextlib
import io

import pytest

from reportgen.console import progress


def test_the_bar_never_draws_into_a_builds_captured_output(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich: both streams count as a terminal
    monkeypatch.setenv("COLUMNS", "120")
    captured = io.StringIO()
    with progress(False, 3) as bar:
        assert bar.shown and bar.progress is not None
        bar.step("alpha: composing the deck")
        # A serial batch captures each build's output while the bar refreshes on its own.
        with contextlib.redirect_stderr(captured), contextlib.redirect_stdout(captured):
            bar.progress.refresh()
        bar.done("alpha", ok=True)
    assert captured.getvalue() == ""
    assert "alpha: composing the deck" in capsys.readouterr().err
