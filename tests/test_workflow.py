"""The regeneration workflow, the composite action and the workflow `reportgen init --ci` writes
are valid GitHub Actions (schemas, actionlint, shellcheck) and do what docs/ci.md says."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from reportgen.dataset.scaffold import ci_workflow

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "regenerate.yml"
ACTION = ROOT / "action.yml"
SCHEMAS = ROOT / "tests" / "schemas" / "github"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")
INSTALL = "run .ci/run, which installs the dev dependencies and shellcheck"


def _load(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in loaded:  # YAML 1.1 reads the key `on` as the boolean True
        loaded["on"] = loaded.pop(True)
    return loaded


def _tool(name: str) -> str:
    """A checker the tests run; never skipped in CI (CI set), where a missing one fails."""
    found = shutil.which(name, path=f"{Path(sys.executable).parent}{os.pathsep}"
                                    f"{os.environ.get('PATH', '')}")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{name} is missing: {INSTALL}")
    pytest.skip(f"{name} is missing: {INSTALL}")


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workflow `reportgen init --ci` writes, in a repository of its own."""
    root = tmp_path_factory.mktemp("dataset-repo")
    (root / "data" / "freedonia-sylvania-2031").mkdir(parents=True)
    return ci_workflow(root / "data" / "freedonia-sylvania-2031",
                       "my-org/reportgen@" + "0" * 40, root)


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The matrix workflow docs/ci.md shows (its one YAML block with a `strategy:`), as a file."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"^```yaml\n(.*?)^```$", text, re.S | re.M)
              if "strategy:" in b]
    assert len(blocks) == 1, "docs/ci.md: one yaml block with the matrix"
    path = tmp_path_factory.mktemp("matrix") / "build-all.yml"
    path.write_text(blocks[0], encoding="utf-8")
    return path


def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def test_the_workflows_validate_against_the_schema(scaffolded: Path, matrix: Path) -> None:
    for path in (WORKFLOW, scaffolded, matrix):
        jsonschema.validate(_load(path), _schema("github-workflow.json"))


def test_the_action_validates_against_the_schema() -> None:
    jsonschema.validate(_load(ACTION), _schema("github-action.json"))


def test_the_schema_check_can_fail() -> None:
    action = _load(ACTION)
    action["runs"]["steps"][1].pop("shell")  # a composite run step must name its shell
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(action, _schema("github-action.json"))


def test_actionlint(scaffolded: Path, matrix: Path, tmp_path: Path) -> None:
    """actionlint also checks the inputs the workflow gives the local action (`uses: ./`)."""
    actionlint = _tool("actionlint")
    repo = tmp_path / "repo"
    (repo / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(ACTION, repo / "action.yml")
    for path in (WORKFLOW, scaffolded, matrix):
        shutil.copy(path, repo / ".github" / "workflows" / path.name)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    result = subprocess.run([actionlint, "-no-color"], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    # The same check fails on an input the action does not declare.
    broken = repo / ".github" / "workflows" / WORKFLOW.name
    broken.write_text(broken.read_text().replace("dataset:", "datasets:"))
    result = subprocess.run([actionlint, "-no-color"], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 1 and 'input "datasets" is not defined' in result.stdout
    # And on a matrix value the matrix does not define.
    broken.write_text(broken.read_text().replace("datasets:", "dataset:"))
    shard = repo / ".github" / "workflows" / matrix.name
    shard.write_text(shard.read_text().replace("${{ matrix.shard }}/", "${{ matrix.shards }}/"))
    result = subprocess.run([actionlint, "-no-color"], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 1 and 'property "shards" is not defined' in result.stdout


def test_shellcheck_on_the_action_scripts(tmp_path: Path) -> None:
    """actionlint does not look inside a composite action, so its scripts go to shellcheck."""
    shellcheck = _tool("shellcheck")
    for number, step in enumerate(_load(ACTION)["runs"]["steps"]):
        if "run" not in step:
            continue
        assert "${{" not in step["run"], f"step {number}: pass values through env, not inline"
        script = tmp_path / f"step-{number}.sh"
        script.write_text("#!/usr/bin/env bash\nset -eo pipefail\n" + step["run"])
        result = subprocess.run([shellcheck, "-s", "bash", str(script)], capture_output=True,
                                text=True)
        assert result.returncode == 0, f"{step.get('name')}:\n{result.stdout}"


def _steps() -> list[dict[str, Any]]:
    return _load(ACTION)["runs"]["steps"]


def test_the_workflow_uses_the_action_with_least_permissions() -> None:
    workflow = _load(WORKFLOW)
    triggers = workflow["on"]
    assert triggers["schedule"][0]["cron"]
    assert triggers["workflow_dispatch"]["inputs"]["mode"]["options"] == ["pr", "commit"]
    assert {"data/**", "templates/**"} <= set(triggers["push"]["paths"])
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["group"]
    job = workflow["jobs"]["regenerate"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write",
                                  "issues": "write"}
    uses = [s["uses"] for s in job["steps"]]
    assert uses[-1] == "./" and job["steps"][-1]["with"]["dataset"]
    assert all(PINNED.match(u) for u in uses[:-1]), uses


def test_every_action_the_action_uses_is_pinned_to_a_commit() -> None:
    uses = [s["uses"] for s in _steps() if "uses" in s]
    assert all(PINNED.match(u) for u in uses), uses
    names = {u.split("@")[0] for u in uses}
    assert {"peter-evans/create-pull-request", "actions/upload-artifact"} <= names


def test_a_pull_request_only_when_outputs_changed_and_loud_failures() -> None:
    steps = {s.get("name") or s["uses"].split("@")[0]: s for s in _steps()}
    pr = steps["peter-evans/create-pull-request"]
    assert pr["if"] == "inputs.mode == 'pr' && steps.stage.outputs.changed == 'true'"
    assert pr["with"]["body-path"].endswith("/body.md")
    assert steps["Push the outputs (mode commit)"]["if"].startswith("inputs.mode == 'commit'")
    assert "git diff --cached --quiet" in steps["Stage the outputs"]["run"]
    for name in ("Validate the dataset", "Build"):
        assert "GITHUB_STEP_SUMMARY" in steps[name]["run"] and "exit 1" in steps[name]["run"]
    issue = steps["Open or update an issue (scheduled runs that fail)"]
    assert issue["if"] == "failure() && github.event_name == 'schedule'"
    diff = steps["Change summary and pictures of the changed pages"]["run"]
    assert "reportgen diff" in diff and "--markdown --pages" in diff and "--before" in diff
    # The redline goes into the pictures' folder, so that the artifact the body links holds it.
    assert '--redline "$WORK/pages/$NAME-redline.docx"' in diff
    assert '[ -f "$WORK/pages/$NAME-redline.docx" ]' in diff
    assert "redline.docx" in steps["Stage the outputs"]["run"]
    names = list(steps)
    # Nothing is staged unless validation and the build passed before it.
    assert names.index("Validate the dataset") < names.index("Build") < names.index(
        "Stage the outputs") < names.index("peter-evans/create-pull-request")


def test_init_ci_names_the_dataset_and_the_action(scaffolded: Path) -> None:
    workflow = _load(scaffolded)
    assert scaffolded.parent.name == "workflows" and scaffolded.parent.parent.name == ".github"
    steps = workflow["jobs"]["regenerate"]["steps"]
    assert steps[-1]["uses"] == "my-org/reportgen@" + "0" * 40
    assert steps[-1]["with"]["dataset"] == "data/freedonia-sylvania-2031"
    assert steps[-1]["with"]["comments"] == "false"  # an input the action declares
    assert workflow["on"]["push"]["paths"][0] == "data/freedonia-sylvania-2031/**"


def test_the_matrix_builds_shards_and_a_last_job_gathers_them(matrix: Path) -> None:
    workflow = _load(matrix)
    assert workflow["permissions"] == {"contents": "read"}
    build, gather = workflow["jobs"]["build"], workflow["jobs"]["gather"]
    shards = build["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1)) and len(shards) > 1  # numbered from 1
    steps = {s.get("name") or s["uses"].split("@")[0]: s for s in build["steps"]}
    run = steps["Build this shard"]
    assert run["env"]["SHARD"] == "${{ matrix.shard }}/${{ strategy.job-total }}"
    assert "reportgen build --all --shard \"$SHARD\"" in run["run"]
    upload = steps["actions/upload-artifact"]["with"]
    assert upload["name"] == "output-shard-${{ matrix.shard }}" and upload["path"] == "output/"
    assert gather["needs"] == "build"
    steps = {s.get("name") or s["uses"].split("@")[0]: s for s in gather["steps"]}
    download = steps["actions/download-artifact"]["with"]
    assert download == {"pattern": "output-shard-*", "merge-multiple": True, "path": "output/"}
    names = list(steps)
    check = steps["Every dataset built and up to date"]["run"]
    assert check.startswith("reportgen build --all --check")
    assert names.index("actions/download-artifact") < names.index(
        "Every dataset built and up to date")
    # The check is given the options the shards were built with (the manifest records them).
    assert check.split("--check")[1] == run["run"].split('"$SHARD"')[1]
    uses = [s["uses"] for job in (build, gather) for s in job["steps"] if "uses" in s]
    assert all(PINNED.match(u) for u in uses), uses
