"""The composite action's scripts, run in bash with hostile inputs of each kind (a line break, a
leading dash, quotes and jq code, Markdown): no input adds an output, runs code, or forges
Markdown in the job summary, the pull-request body or the issue. `gh` and `reportgen` are
stand-ins that record what they are given; everything else is the step's own script."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from .conftest import ROOT

GITHUB = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _step(name: str) -> dict[str, Any]:
    steps = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["runs"]["steps"]
    return next(s for s in steps if s.get("name") == name)


def _run(tmp_path: Path, name: str, env: dict[str, str],
         stubs: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Run one step's script as the runner does (bash -eo pipefail), its `env:` given
    literally (the ${{ }} values replaced by env), with stand-in commands first on PATH."""
    if not shutil.which("bash") or not shutil.which("jq"):
        pytest.skip("bash and jq are needed")
    runner = tmp_path / "runner"
    (runner / "bin").mkdir(parents=True, exist_ok=True)
    for command, script in (stubs or {}).items():
        stub = runner / "bin" / command
        stub.write_text("#!/usr/bin/env bash\n" + script, encoding="utf-8")
        stub.chmod(0o755)
    step = _step(name)
    values = {k: v for k, v in step.get("env", {}).items() if "${{" not in str(v)}
    files = {"GITHUB_OUTPUT": runner / "output", "GITHUB_STEP_SUMMARY": runner / "summary.md"}
    for path in files.values():
        path.touch()
    path = os.pathsep.join([str(runner / "bin"), str(Path(sys.executable).parent),
                            os.environ.get("PATH", "")])
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        capture_output=True, text=True, cwd=tmp_path, check=False,
        env={**os.environ, **values, **env, **{k: str(v) for k, v in files.items()},
             "RUNNER_TEMP": str(runner), "PATH": path})
    return result, runner


@pytest.mark.parametrize(("dataset", "templates", "out"), [
    ("data/x\nevil=1", "", "output"),
    ("data/x\revil=1", "", "output"),
    ("data/x", "templates\nname=../../etc", "output"),
    ("data/x", "", "output\nchanged=true"),
    ("--help", "", "output"),
    ("data/x", "-rf", "output"),
])
def test_a_hostile_path_input_is_refused_and_adds_no_output(
        tmp_path: Path, dataset: str, templates: str, out: str) -> None:
    result, runner = _run(tmp_path, "Settings", {"DATASET": dataset, "TEMPLATES": templates,
                                                 "OUT": out, "MODE": "pr",
                                                 "ACTION_PATH": str(ROOT)})
    assert result.returncode == 1
    assert "control character or starts with '-'" in result.stdout
    assert (runner / "output").read_text() == ""


def test_a_plain_path_gives_three_outputs(tmp_path: Path) -> None:
    result, runner = _run(tmp_path, "Settings", {
        "DATASET": "data/a b-2031", "TEMPLATES": "", "OUT": "output", "MODE": "pr",
        "ACTION_PATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    lines = (runner / "output").read_text().splitlines()
    assert [line.split("=", 1)[0] for line in lines] == ["name", "templates", "work"]
    assert lines[0] == "name=a b-2031"


PROBLEMS = ("data/x/events.yaml:3:10: events[0].title: ``` closes the fence\n"
            "<!-- hides the rest --> @octo-org/team ![x](https://example.org/p.png)\n"
            "# forged heading\n")


@pytest.mark.parametrize("name", ["Validate the dataset", "Build"])
def test_problems_in_the_job_summary_stay_inside_their_code_block(tmp_path: Path,
                                                                  name: str) -> None:
    reportgen = f"cat >&2 <<'EOF'\n{PROBLEMS}EOF\nexit 1\n"
    result, runner = _run(tmp_path, name, {
        "DATASET": "data/<!--x", "TEMPLATES": "templates", "WORK": str(tmp_path),
        "OUT": "output", "FORMATS": "docx", "CHARTS": "native", "LOCALE": ""},
        {"reportgen": reportgen})
    assert result.returncode == 1
    summary = (runner / "summary.md").read_text(encoding="utf-8")
    rendered = GITHUB.render(summary)
    assert re.findall(r"<(h\d|pre|code|img|a|ul|li|!--)\b", rendered) == ["h2", "pre", "code"]
    block = re.search(r"<pre><code[^>]*>(.*)</code></pre>", rendered, re.S)
    assert block is not None
    assert "data/&lt;!--x" in block.group(1) and "# forged heading" in block.group(1)
    assert (tmp_path / "failure.md").read_text(encoding="utf-8") == summary


def test_a_first_build_names_the_dataset_as_typed(tmp_path: Path) -> None:
    result, _ = _run(tmp_path, "Change summary and pictures of the changed pages", {
        "DATASET": "data/x", "TEMPLATES": "templates", "OUT": "output",
        "NAME": "<!-- @team ![p](x)", "WORK": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    rendered = GITHUB.render((tmp_path / "body.md").read_text(encoding="utf-8"))
    assert re.findall(r"<([a-z0-9]+)", rendered) == ["p"]
    assert "&lt;!-- @\u200bteam ![p](x)" in rendered


@pytest.mark.parametrize("dataset", [
    'data/x") | env | ("',
    'data/x" or true) | .[0].number // 99 | tostring | ("',
    "data/x'; touch PWNED; '",
    "data/$(touch PWNED)",
])
def test_the_dataset_reaches_jq_and_the_shell_as_data(tmp_path: Path, dataset: str) -> None:
    title = f"Scheduled regeneration of {dataset} fails"
    (tmp_path / "issues.json").write_text(json.dumps(
        [{"number": 3, "title": "Another issue"}, {"number": 7, "title": title}]))
    gh = ("case \"$1 $2\" in\n"
          f"  'issue list') cat {tmp_path / 'issues.json'} ;;\n"
          "  *) printf '%s\\n' \"$@\" > \"$RUNNER_TEMP/gh-call\" ;;\n"
          "esac\n")
    result, runner = _run(tmp_path, "Open or update an issue (scheduled runs that fail)", {
        "DATASET": dataset, "GH_TOKEN": "t", "GH_REPO": "o/r",
        "FAILURE": str(tmp_path / "none.md"), "RUN": "https://example.org/run/1"},
        {"gh": gh})
    assert result.returncode == 0, result.stderr
    call = (runner / "gh-call").read_text(encoding="utf-8").splitlines()
    assert call[:3] == ["issue", "comment", "7"]  # the exact title matched, as data
    assert not (tmp_path / "PWNED").exists()
