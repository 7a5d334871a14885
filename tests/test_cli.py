"""The command line: help with examples, exit codes, located errors, outputs kept on failure."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli

from .conftest import DATA, FIXTURES, ROOT, TEMPLATES


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True,
                          text=True, cwd=cwd, check=False)


def test_help_lists_commands_with_examples() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "build" in result.output and "validate" in result.output
    for name, command in cli.commands.items():
        sub = CliRunner().invoke(cli, [name, "--help"])
        assert sub.exit_code == 0
        assert command.help and "Examples:" in sub.output, name


def test_validate_default_dataset_ok() -> None:
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout


def test_validate_broken_copy_lists_every_problem(tmp_path: Path) -> None:
    data = tmp_path / "broken"
    shutil.copytree(DATA, data)
    metrics = data / "metrics.yaml"
    metrics.write_text(metrics.read_text(encoding="utf-8")
                       .replace("value: 351", "value: lots")
                       .replace("sources: [azeri_observer]\n\n  - id: trade_record_streak",
                                "sources: [nobody]\n\n  - id: trade_record_streak"),
                       encoding="utf-8")
    result = run("validate", "--data", str(data), "--templates", str(TEMPLATES))
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "metrics.yaml:" in line]
    assert len(lines) == 2, result.stderr
    assert any(".value: expected a number, got 'lots'" in line for line in lines)
    assert any(".sources[0]: unknown source id 'nobody'" in line for line in lines)
    assert all(line.split(":")[1].isdigit() for line in lines)
    assert "2 data problems" in result.stderr
    assert "Traceback" not in result.stderr


def test_failed_build_keeps_previous_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run("build", "--data", str(FIXTURES / "minimal"), "--out", str(out),
                "--format", "docx")
    assert first.returncode == 0, first.stderr
    written = out / "minimal" / "minimal-briefing.docx"
    before = written.read_bytes()
    data = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "metrics.yaml").write_text("metrics: [oops", encoding="utf-8")
    second = run("build", "--data", str(data), "--out", str(out), "--format", "docx")
    assert second.returncode == 1
    assert "metrics.yaml:1:" in second.stderr and "nothing was written" in second.stderr
    assert "Traceback" not in second.stderr
    assert written.read_bytes() == before
    assert [p.name for p in written.parent.iterdir()] == ["minimal-briefing.docx"]


@pytest.mark.parametrize(("args", "message"), [
    (["build", "--format", "odt"], "unknown format odt"),
    (["build", "--charts", "pie"], "Invalid value for '--charts'"),
    (["build", "--nope"], "No such option"),
    (["frobnicate"], "No such command"),
])
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr


def test_missing_dataset_folder(tmp_path: Path) -> None:
    result = run("validate", "--data", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "dataset folder not found" in result.stderr
