"""`reportgen init`: a scaffold that lists what to fill in, then builds with no code change."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml
from pptx import Presentation

from reportgen.dataset.scaffold import ci_workflow
from reportgen.errors import OutputError

from ..conftest import TEMPLATES
from ..test_cli import NO_OFFICE, run


def _fill_briefing(folder: Path) -> None:
    briefing = yaml.safe_load((folder / "briefing.yaml").read_text(encoding="utf-8"))
    briefing.update(as_of="2031-11", marking="TEST MARKING", organisation="Test desk")
    briefing["countries"][0].update(long_name="Republic of Freedonia", adjective="Freedonian")
    briefing["countries"][1].update(long_name="Kingdom of Sylvania", adjective="Sylvanian")
    (folder / "briefing.yaml").write_text(yaml.safe_dump(briefing, allow_unicode=True))


def _fill(folder: Path) -> None:
    _fill_briefing(folder)
    sources = {"sources": [{"id": "source1", "publisher": "The Gazette", "kind": "news report",
                            "description": "Report of the envoy's press conference."}]}
    (folder / "sources.yaml").write_text(yaml.safe_dump(sources))
    metrics = {"metrics": [
        {"id": "bilateral_trade", "area": "economy", "label": "Bilateral trade",
         "short_label": "Trade", "value": 410_000_000, "unit": "EUR",
         "period": "2031-01/2031-09", "change": {"value": 7.5}, "key": True,
         "sources": ["source1"]},
        {"id": "tourist_arrivals", "area": "humanitarian", "label": "Freedonian visitors",
         "short_label": "Visitors", "noun": "Freedonian visitors", "value": 12_000,
         "qualifier": "about", "unit": "count", "period": "2031-01/2031-06",
         "change": {"value": 15}, "key": True, "sources": ["source1"]},
    ]}
    (folder / "metrics.yaml").write_text(yaml.safe_dump(metrics))
    events = {"events": [{"id": "summit", "area": "politics", "title": "Summit in Freedonia",
                          "short_title": "Summit", "period": "2031-05", "high_level": True,
                          "sources": ["source1"]}]}
    (folder / "events.yaml").write_text(yaml.safe_dump(events))


def test_init_validate_fill_build(tmp_path: Path) -> None:
    folder = tmp_path / "datasets" / "freedonia-sylvania-2031"
    created = run("init", str(folder), "--countries", "Freedonia", "Sylvania", "--year", "2031",
                  "--templates", str(TEMPLATES))
    assert created.returncode == 0, created.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "briefing.yaml", "charts.yaml", "entities.yaml", "events.yaml", "facts.yaml",
        "metrics.yaml", "sources.yaml", "translations"]
    assert [p.name for p in (folder / "translations").iterdir()] == ["README.md"]

    untouched = run("validate", "--data", str(folder), "--templates", str(TEMPLATES))
    assert untouched.returncode == 1
    todo = [line for line in untouched.stderr.splitlines() if "not filled in yet" in line]
    assert len(todo) == 9
    assert any("briefing.yaml:" in line and "as_of: not filled in yet" in line for line in todo)
    assert any("sources.yaml:" in line and "sources[0].publisher" in line for line in todo)

    again = run("init", str(folder), "--countries", "A", "B", "--year", "2031")
    assert again.returncode == 1 and "already exists and is not empty" in again.stderr

    _fill(folder)
    out = tmp_path / "out"
    built = run("build", str(folder), "--templates", str(TEMPLATES), "--out", str(out),
                env=NO_OFFICE)
    assert built.returncode == 0, built.stderr
    name = folder.name
    document = docx.Document(str(out / name / f"{name}-briefing.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Energy" not in headings and "Transport and connectivity" not in headings
    assert {"Executive summary", "Economy and trade", "Humanitarian and people-to-people ties",
            "Timeline of events", "Sources"} <= set(headings)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "€410 million" in text and "about 12,000" in text
    assert "None" not in text and "TODO" not in text
    deck = Presentation(str(out / name / f"{name}-deck.pptx"))
    slide_text = "\n".join(shape.text_frame.text for slide in deck.slides
                           for shape in slide.shapes if shape.has_text_frame)
    assert "Energy" not in slide_text and "Transport" not in slide_text
    assert "Freedonia–Sylvania Relations in 2031" in slide_text


def test_init_ci_refuses_a_dataset_outside_the_repository_or_a_workflow_there(
        tmp_path: Path) -> None:
    repo, elsewhere = tmp_path / "repo", tmp_path / "elsewhere" / "a-b-2031"
    repo.mkdir()
    with pytest.raises(OutputError, match="is not inside .*: run reportgen init --ci from the "
                                          "top folder of the dataset's repository"):
        ci_workflow(elsewhere, "o/r@v1", repo)
    written = ci_workflow(repo / "data" / "a-b-2031", "o/r@v1", repo)
    assert written == repo / ".github" / "workflows" / "regenerate-a-b-2031.yml"
    with pytest.raises(OutputError, match="already exists: remove it or edit it by hand"):
        ci_workflow(repo / "data" / "a-b-2031", "o/r@v1", repo)


@pytest.mark.parametrize("name", [
    "a-b\nenv:\n  BASH_ENV: /tmp/x",   # a line break that would add keys
    "a-b\r2031",
    "a: b # c",                         # YAML special characters
    "[a, b]",
    "${{ secrets.GITHUB_TOKEN }}",      # an expression GitHub would evaluate
    "a b",
    "a'b\"c",
])
def test_init_ci_refuses_a_dataset_name_a_workflow_cannot_carry(tmp_path: Path,
                                                                name: str) -> None:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    with pytest.raises(OutputError, match="holds only letters, digits"):
        ci_workflow(repo / "data" / name, "o/r@v1", repo)
    assert not (repo / ".github").exists()


def test_init_ci_writes_any_safe_name_as_data(tmp_path: Path) -> None:
    """Letters of any script, dots, dashes and underscores: written by PyYAML, read back the
    same; reportgen's own workflow (ci_workflow reads no template pack), one job, no run step."""
    repo = tmp_path / "repo"
    written = ci_workflow(repo / "data" / "Ελλάδα_Κύπρος-2031.v2", "o/r@v1", repo)
    workflow = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert workflow["name"] == "Regenerate Ελλάδα_Κύπρος-2031.v2"
    assert workflow["on"]["push"]["paths"][0] == "data/Ελλάδα_Κύπρος-2031.v2/**"
    assert list(workflow["jobs"]) == ["regenerate"]
    step = workflow["jobs"]["regenerate"]["steps"][-1]
    assert step == {"uses": "o/r@v1", "with": {"dataset": "data/Ελλάδα_Κύπρος-2031.v2",
                                               "mode": "${{ inputs.mode || 'pr' }}",
                                               "comments": "false"}}
    assert "run" not in written.read_text(encoding="utf-8").replace("runs-on", "")
        

def test_init_and_build_from_an_installed_wheel_in_another_folder(tmp_path: Path) -> None:
    """A non-editable install carries the scaffold, templates and fonts: `init` and `build` work
    from a folder that is not the repository."""
    import os
    import subprocess
    import sys

    from ..conftest import ROOT

    wheel = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                            str(tmp_path / "wheel"), str(ROOT)], capture_output=True, text=True,
                           check=False)
    if wheel.returncode != 0:  # the build backend comes from PyPI, as for any pip install
        message = f"no wheel could be built: {wheel.stderr[-300:]}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(site), *map(str, (tmp_path / "wheel").glob("*.whl"))], check=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, **NO_OFFICE, "PYTHONPATH": str(site)}

    def reportgen(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "reportgen", *args], cwd=work, env=env,
                              capture_output=True, text=True, check=False)

    where = subprocess.run([sys.executable, "-c", "import reportgen, reportgen.config as c; "
                            "print(reportgen.__file__); print(c.SHIPPED_TEMPLATES)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert all(Path(line).is_relative_to(site) for line in where.stdout.split()), where.stdout
    made = reportgen("init", "pair", "--countries", "Freedonia", "Sylvania", "--year", "2031")
    assert made.returncode == 0, made.stderr
    assert "wrote pair/metrics.yaml" in made.stdout
    _fill(work / "pair")
    built = reportgen("build", "pair", "--format", "docx,pptx")
    assert built.returncode == 0, built.stderr
    document = docx.Document(str(work / "output" / "pair" / "pair-briefing.docx"))
    assert any("Freedonia" in p.text for p in document.paragraphs)


def _uncomment(folder: Path) -> None:
    """Every commented example of the scaffold, as a new user uncomments it: `#  - …` items and
    their `#    field:` lines under a list written `[]`."""
    for path in folder.glob("*.yaml"):
        lines, out = path.read_text(encoding="utf-8").splitlines(), []
        for line in lines:
            if line.startswith(("#  - ", "#    ")):
                line = line[1:]
                listed = next(i for i in range(len(out) - 1, -1, -1)
                              if not out[i].startswith(("  ", "#")))
                out[listed] = out[listed].removesuffix(" []")
            out.append(line)
        path.write_text("\n".join(out) + "\n", encoding="utf-8")


def test_the_scaffold_examples_need_nothing_a_first_dataset_does_not(tmp_path: Path) -> None:
    """The examples of `reportgen init` show only what a first dataset needs (no `key:`), each
    optional field with a comment saying when to use it; uncommented, they validate with no
    note and build."""
    folder = tmp_path / "freedonia-sylvania-2031"
    assert run("init", str(folder), "--countries", "Freedonia", "Sylvania", "--year", "2031",
               "--templates", str(TEMPLATES)).returncode == 0
    metrics = (folder / "metrics.yaml").read_text(encoding="utf-8")
    assert "key:" not in metrics and "qualifier: exact" not in metrics
    required = {"id", "area", "label", "short_label", "value", "unit", "period", "sources"}
    for line in metrics.splitlines():
        field = line.lstrip("#- ").partition(":")[0]
        if line.startswith("#    ") or line.startswith("#  - "):
            assert field in required or "# " in line.partition(":")[2], line
    _fill_cover(folder)
    _uncomment(folder)
    checked = run("validate", "--data", str(folder), "--templates", str(TEMPLATES))
    assert checked.returncode == 0, checked.stderr
    assert "note:" not in checked.stdout + checked.stderr
    out = tmp_path / "out"
    built = run("build", str(folder), "--templates", str(TEMPLATES), "--out", str(out),
                env=NO_OFFICE)
    assert built.returncode == 0, built.stderr
    document = docx.Document(str(out / folder.name / f"{folder.name}-briefing.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    for told in ("Sylvania ranked third among Freedonia's trading partners in 2031",
                 "Five agreements were signed during the visit on 17 April 2031",
                 "rose 21.9% to $2.44 billion"):
        assert told in text, told


def _fill_cover(folder: Path) -> None:
    """briefing.yaml's and sources.yaml's TODOs, as a user fills them in."""
    _fill_briefing(folder)
    path = folder / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        '"TODO: who published it"', "The Gazette").replace(
        '"TODO: one sentence on what the source covers"', "The envoy's press conference."),
        encoding="utf-8")
