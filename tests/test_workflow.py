"""The regeneration workflow is valid GitHub Actions and does what docs/ci.md says."""

from __future__ import annotations

import json
import re

import jsonschema
import yaml

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "regenerate.yml"
SCHEMA = ROOT / "tests" / "schemas" / "github" / "github-workflow.json"


def _load() -> dict:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    if True in workflow:  # YAML 1.1 reads the key `on` as the boolean True
        workflow["on"] = workflow.pop(True)
    return workflow


def test_workflow_validates_against_the_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(_load(), schema)


def test_triggers_permissions_and_steps() -> None:
    workflow = _load()
    triggers = workflow["on"]
    assert triggers["schedule"][0]["cron"]
    assert "workflow_dispatch" in triggers
    assert {"data/**", "templates/**"} <= set(triggers["push"]["paths"])
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["group"]
    steps = workflow["jobs"]["regenerate"]["steps"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert all(re.search(r"@[0-9a-f]{40}$", u) for u in uses), uses
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "make report" in runs and "reportgen preview" in runs
    assert "git diff --cached --quiet" in runs  # commits only when outputs changed
