"""The command line: help with examples, exit codes, located errors, outputs kept on failure."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli

from .conftest import DATA, FIXTURES, ROOT, TEMPLATES, require_soffice, soffice_shim

# For the builds whose tests read no page number: a PATH without LibreOffice, so the briefing is
# built without its layout pass (two renderings), as on a machine without LibreOffice.
NO_OFFICE = {"PATH": str(Path(sys.executable).parent)}


def run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True,
                          text=True, cwd=cwd, check=False, env={**os.environ, **(env or {})})


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
                "--format", "docx", env=NO_OFFICE)
    assert first.returncode == 0, first.stderr
    written = out / "minimal" / "minimal-briefing.docx"
    before = written.read_bytes()
    manifest_before = (written.parent / "manifest.json").read_bytes()
    data = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "metrics.yaml").write_text("metrics: [oops", encoding="utf-8")
    second = run("build", "--data", str(data), "--out", str(out), "--format", "docx")
    assert second.returncode == 1
    assert "metrics.yaml:1:" in second.stderr and "nothing was written" in second.stderr
    assert "Traceback" not in second.stderr
    assert written.read_bytes() == before
    assert (written.parent / "manifest.json").read_bytes() == manifest_before
    manifest = written.parent / "manifest.json"
    assert manifest.exists()
    assert sorted(p.name for p in written.parent.iterdir()) == ["manifest.json",
                                                                "minimal-briefing.docx",
                                                                "minimal-data.xlsx"]


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


def test_output_inside_the_dataset_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", data)
    result = run("build", "--data", str(data), "--out", str(data.parent), "--format", "docx")
    assert result.returncode == 1
    assert "lies inside the dataset folder" in result.stderr
    assert sorted(p.name for p in data.iterdir()) == sorted(
        p.name for p in (FIXTURES / "minimal").iterdir())


def test_preview_renders_every_page_and_a_contact_sheet(tmp_path: Path) -> None:
    from PIL import Image

    from .conftest import require_soffice

    require_soffice()
    out = tmp_path / "out"
    assert run("build", "--data", str(FIXTURES / "minimal"), "--out", str(out)).returncode == 0
    result = run("preview", "--data", str(FIXTURES / "minimal"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    folder = out / "minimal" / "preview"
    briefing = sorted(folder.glob("briefing-*.png"))
    deck = sorted(folder.glob("deck-*.png"))
    from pptx import Presentation

    assert len(deck) == len(Presentation(str(out / "minimal" / "minimal-deck.pptx")).slides)
    assert len(briefing) >= 3
    with Image.open(folder / "contact-sheet.png") as sheet:
        assert sheet.width > 1000 and sheet.height > 500


def test_build_all_builds_every_dataset_from_the_config(tmp_path: Path) -> None:
    for name in ("alpha", "beta"):
        shutil.copytree(FIXTURES / "minimal", tmp_path / "datasets" / name)
    (tmp_path / "reportgen.toml").write_text(
        f'[reportgen]\ndatasets = "datasets"\ntemplates = "{TEMPLATES}"\nout = "built"\n'
        'formats = ["docx"]\n', encoding="utf-8")
    result = run("build", "--all", cwd=tmp_path, env=NO_OFFICE)
    assert result.returncode == 0, result.stderr
    for name in ("alpha", "beta"):
        assert (tmp_path / "built" / name / f"{name}-briefing.docx").exists()
    again = run("build", "--all", cwd=tmp_path, env=NO_OFFICE)
    assert again.stdout.count("up to date") == 2


def test_reportgen_toml_names_the_edition_every_command_builds_unless_locale_is_given(
        tmp_path: Path) -> None:
    """The settings reach each command typed (arguments.Invocation): reportgen.toml's locale is
    the edition built and audited, and --locale overrides it."""
    from docx import Document

    shutil.copytree(FIXTURES / "minimal", tmp_path / "brief")
    (tmp_path / "reportgen.toml").write_text(
        f'[reportgen]\ndata = "brief"\ntemplates = "{TEMPLATES}"\nout = "built"\n'
        'formats = ["docx"]\nlocale = "az"\n', encoding="utf-8")
    result = run("build", cwd=tmp_path, env=NO_OFFICE)
    assert result.returncode == 0, result.stderr
    built = tmp_path / "built" / "brief"
    assert sorted(p.name for p in built.glob("*.docx")) == ["brief-briefing.az.docx"]
    assert Document(str(built / "brief-briefing.az.docx")).core_properties.language == "az"
    result = run("build", "--locale", "en", cwd=tmp_path, env=NO_OFFICE)
    assert result.returncode == 0, result.stderr
    assert Document(str(built / "brief-briefing.docx")).core_properties.language == "en"


def test_build_all_in_parallel_gives_the_bytes_of_a_serial_build(tmp_path: Path) -> None:
    for name in ("alpha", "broken", "gamma"):
        shutil.copytree(FIXTURES / "minimal", tmp_path / "datasets" / name)
    metrics = tmp_path / "datasets" / "broken" / "metrics.yaml"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace("value: 12", "value: x", 1),
                       encoding="utf-8")
    (tmp_path / "reportgen.toml").write_text(
        f'[reportgen]\ndatasets = "datasets"\ntemplates = "{TEMPLATES}"\nformats = ["pptx"]\n',
        encoding="utf-8")
    built = {}
    for jobs in ("1", "2"):
        result = run("build", "--all", "--jobs", jobs, "--out", f"out{jobs}", cwd=tmp_path)
        assert result.returncode == 1
        assert "1 of 3 builds failed: broken" in result.stderr
        assert "datasets/broken/metrics.yaml" in result.stderr  # the error, located
        # One dataset's lines after another's, in the datasets' order.
        # (each wrote a deck and a data annex)
        assert [line.split("/")[1] for line in result.stdout.splitlines()] == [
            "alpha", "alpha", "gamma", "gamma"]
        built[jobs] = {p.relative_to(tmp_path / f"out{jobs}"): p.read_bytes()
                       for p in sorted((tmp_path / f"out{jobs}").rglob("*")) if p.is_file()}
    # a deck, a data annex and a manifest each
    assert len(built["1"]) == 6 and built["1"] == built["2"]


def _batch(root: Path, names: tuple[str, ...], broken: str = "") -> None:
    """A project folder with copies of the small fixture under these names, decks only."""
    for name in names:
        shutil.copytree(FIXTURES / "minimal", root / "datasets" / name)
    if broken:
        metrics = root / "datasets" / broken / "metrics.yaml"
        metrics.write_text(metrics.read_text(encoding="utf-8").replace("value: 12", "value: x",
                                                                       1), encoding="utf-8")
    (root / "reportgen.toml").write_text(
        f'[reportgen]\ndatasets = "datasets"\ntemplates = "{TEMPLATES}"\nformats = ["pptx"]\n',
        encoding="utf-8")


def _files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_a_batch_starts_one_libreoffice_per_process_with_the_bytes_of_lone_builds(
        tmp_path: Path) -> None:
    """--jobs 1: one LibreOffice for the whole batch; --jobs 2: one per worker. Each briefing
    and PDF is still the bytes of the dataset built alone (which starts its own)."""
    require_soffice()
    names = ("alpha", "beta", "gamma")
    _batch(tmp_path, names)
    toml = tmp_path / "reportgen.toml"
    toml.write_text(toml.read_text().replace('["pptx"]', '["docx", "pdf"]'))
    log = tmp_path / "profiles.log"
    path = {"PATH": f"{soffice_shim(tmp_path, log)}{os.pathsep}{os.environ['PATH']}"}
    alone = tmp_path / "alone"
    for name in names:
        result = run("build", f"datasets/{name}", "--out", str(alone), cwd=tmp_path, env=path)
        assert result.returncode == 0, result.stderr
    assert len(log.read_text().split()) == len(names)  # alone: one LibreOffice each
    for jobs, most in (("1", 1), ("2", 2)):  # two workers: one of them may build all three
        log.unlink()
        result = run("build", "--all", "--jobs", jobs, "--out", f"out{jobs}", cwd=tmp_path,
                     env=path)
        assert result.returncode == 0, result.stderr
        assert 1 <= len(log.read_text().split()) <= most, (jobs, log.read_text())
        built = _files(tmp_path / f"out{jobs}")
        assert len(built) == 4 * len(names)  # a briefing, its PDF, data annex, manifest each
        assert built == _files(alone), jobs


def test_build_all_in_shards_gives_the_bytes_of_a_serial_build(tmp_path: Path) -> None:
    from reportgen.pipeline.batch import shard_of

    names = ("alpha", "beta", "gamma", "delta")
    assert {shard_of(n, 2) for n in names} == {1, 2}  # neither shard is empty
    _batch(tmp_path, names)
    serial = run("build", "--all", "--jobs", "1", "--out", "serial", cwd=tmp_path)
    assert serial.returncode == 0, serial.stderr
    built = set()
    for index in (1, 2):
        mine = [n for n in names if shard_of(n, 2) == index]
        result = run("build", "--all", "--shard", f"{index}/2", "--out", "sharded", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0] == f"shard {index}/2: {len(mine)} of 4 datasets"
        # in the datasets' order, each with its deck and data annex
        assert [line.split("/")[1] for line in lines[1:]] == [
            n for n in mine for _ in ("deck", "annex")]
        built |= set(mine)
    assert built == set(names)
    assert len(_files(tmp_path / "serial")) == 12  # a deck, a data annex, a manifest each
    assert _files(tmp_path / "sharded") == _files(tmp_path / "serial")
    # The gathered shards check as one serial build does.
    check = run("build", "--all", "--check", "--out", "sharded", cwd=tmp_path)
    assert check.returncode == 0 and check.stdout.count("up to date") == 4, check.stdout


def _shard_names(root: Path, count: int) -> list[set[str]]:
    """The datasets each shard would build, as --check lists their missing outputs."""
    found = []
    for index in range(1, count + 1):
        result = run("build", "--all", "--check", "--shard", f"{index}/{count}", cwd=root)
        found.append({line.split("/")[1] for line in result.stdout.splitlines()
                      if line.startswith("missing: ")})
    return found


def test_the_shards_partition_the_datasets_and_a_new_one_moves_no_other(tmp_path: Path) -> None:
    names = ("alpha", "beta", "gamma", "delta")
    _batch(tmp_path, names)
    before = _shard_names(tmp_path, 3)
    assert sorted(n for s in before for n in s) == sorted(names)
    shutil.copytree(FIXTURES / "minimal", tmp_path / "datasets" / "epsilon")
    after = _shard_names(tmp_path, 3)
    assert [s - {"epsilon"} for s in after] == before
    assert sum("epsilon" in s for s in after) == 1


def test_a_shard_without_a_dataset_says_so(tmp_path: Path) -> None:
    from reportgen.pipeline.batch import shard_of

    _batch(tmp_path, ("alpha",))
    empty = next(i for i in (1, 2) if shard_of("alpha", 2) != i)
    result = run("build", "--all", "--shard", f"{empty}/2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"shard {empty}/2: 0 of 1 datasets; nothing to build\n"
    assert not (tmp_path / "output").exists()
    quiet = run("-q", "build", "--all", "--shard", f"{empty}/2", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stdout == ""


@pytest.mark.parametrize(("args", "message"), [
    (["--all", "--shard", "0/3"], "Invalid value for '--shard': '0/3': I must be from 1 to 3"),
    (["--all", "--shard", "4/3"], "Invalid value for '--shard': '4/3': I must be from 1 to 3"),
    (["--all", "--shard", "1/0"], "Invalid value for '--shard': '1/0': N, the number of "
                                  "shards, must be at least 1"),
    (["--all", "--shard", "2"], "Invalid value for '--shard': '2' is not I/N"),
    (["--all", "--shard", "one/3"], "Invalid value for '--shard': 'one/3' is not I/N"),
    (["--shard", "1/2"], "--shard goes with --all"),
    (["datasets/alpha", "--shard", "1/2"], "--shard goes with --all"),
])
def test_bad_shards_are_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    _batch(tmp_path, ("alpha",))
    result = run("build", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_on_a_terminal_shows_a_progress_bar(tmp_path: Path, jobs: str) -> None:
    _batch(tmp_path, ("alpha", "broken", "gamma"), broken="broken")
    # rich takes stdout and stderr for a terminal (docs: FORCE_COLOR); wide enough for the bar.
    result = run("build", "--all", "--jobs", jobs, cwd=tmp_path,
                 env={"FORCE_COLOR": "1", "COLUMNS": "160", "TERM": "xterm"})
    assert result.returncode == 1
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", result.stderr)  # colours, cursor moves
    # Under the bar, the summary lines go above it, on its terminal (stderr).
    assert re.search(r"built ━+ 3/3 0:00:\d\d failed: broken\n", shown), shown
    for name in ("alpha", "gamma"):
        assert f"wrote output/{name}/{name}-deck.pptx\n" in shown
    assert shown.endswith("1 of 3 builds failed: broken\n")


@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1", "COLUMNS": "160"}])
def test_no_progress_bar_off_a_terminal_or_quiet(tmp_path: Path, env: dict[str, str]) -> None:
    _batch(tmp_path, ("alpha", "broken", "gamma"), broken="broken")
    quiet = ["-q"] if env else []  # on a terminal, --quiet leaves the bar out too
    result = run(*quiet, "build", "--all", "--jobs", "1", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert "━" not in result.stdout + result.stderr and "/3" not in result.stdout + result.stderr
    assert result.stdout == ("" if quiet else "wrote output/alpha/alpha-deck.pptx\n"
                                              "wrote output/alpha/alpha-data.xlsx\n"
                                              "wrote output/gamma/gamma-deck.pptx\n"
                                              "wrote output/gamma/gamma-data.xlsx\n")
    assert "datasets/broken/metrics.yaml" in result.stderr


def test_validate_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    data = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", data)
    metrics = data / "metrics.yaml"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace("{value: 12}",
                                                                   "{value: 0.12}"))
    lenient = run("validate", "--data", str(data))
    assert lenient.returncode == 0
    assert "warning: a change of 0.12% looks like a fraction" in lenient.stderr
    strict = run("validate", "--strict", "--data", str(data))
    assert strict.returncode == 1
    assert "metrics[1].change.value: a change of 0.12% looks like a fraction" in strict.stderr


def test_unknown_config_setting_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "reportgen.toml").write_text('[reportgen]\ndata_dir = "x"\n', encoding="utf-8")
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert "reportgen.toml: unknown setting(s) data_dir" in result.stderr


def test_locale_picks_the_wording_catalog(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    missing = run("build", "--data", str(FIXTURES / "minimal"), "--templates", str(templates),
                  "--out", str(tmp_path / "out"), "--format", "docx", "--locale", "xx")
    assert missing.returncode == 2  # a usage error, naming the catalogs there are
    assert "no wording catalog for locale 'xx'" in missing.stderr
    assert "(catalogs there: en, az, zh); choose one of them, or all" in missing.stderr
    assert not (tmp_path / "out").exists()
    # A British catalog with one label changed: the briefing shows it, and numbers follow en_GB.
    catalog = (templates / "locale" / "en.po").read_text(encoding="utf-8")
    (templates / "locale" / "en_GB.po").write_text(catalog.replace(
        'msgstr "Key figures"', 'msgstr "Figures at a glance"'), encoding="utf-8")
    built = run("build", "--data", str(FIXTURES / "minimal"), "--templates", str(templates),
                "--out", str(tmp_path / "out"), "--format", "docx", "--locale", "en_GB",
                env=NO_OFFICE)
    assert built.returncode == 0, built.stderr
    import docx

    # another language than the dataset's own (en) is an edition of its own name
    document = docx.Document(str(tmp_path / "out" / "minimal" / "minimal-briefing.en_GB.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Figures at a glance" in headings and "Key figures" not in headings


def _examples() -> list[str]:
    """Every example of every command's help, in the order the help shows them."""
    found = []
    for command in [cli, *cli.commands.values()]:
        text = command.help or ""
        found += [line.strip() for line in text.split("Examples:")[-1].splitlines()
                  if line.strip().startswith("reportgen")] if "Examples:" in text else []
    return found


def test_every_help_example_runs_as_written(tmp_path: Path) -> None:
    """A project folder like the repository's, with the dataset the examples name: each example
    runs in it, as a user would type it, and succeeds."""
    from .conftest import require_soffice

    require_soffice()  # `reportgen preview` renders pages
    shutil.copytree(DATA, tmp_path / "data" / DATA.name)
    shutil.copytree(FIXTURES / "minimal", tmp_path / "data" / "my-briefing")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    shutil.copytree(TEMPLATES, tmp_path / "my-templates")
    shutil.copy(ROOT / "reportgen.toml", tmp_path / "reportgen.toml")
    examples = _examples()
    assert len(examples) >= 15
    for example in examples:
        command = example.replace("reportgen", f"{sys.executable} -m reportgen", 1)
        result = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True,
                                text=True, check=False)
        assert result.returncode == 0, f"{example}\n{result.stderr}"
        assert "Traceback" not in result.stderr, example


def test_validate_takes_the_dataset_as_build_does() -> None:
    by_argument = run("validate", str(FIXTURES / "minimal"))
    assert by_argument.returncode == 0, by_argument.stderr
    assert by_argument.stdout.startswith(str(FIXTURES / "minimal"))
    both = run("validate", str(FIXTURES / "minimal"), "--data", str(FIXTURES / "minimal"))
    assert both.returncode == 2 and "either as an argument or with --data" in both.stderr


def test_a_command_that_writes_nothing_does_not_say_so(dataset_copy: Path) -> None:
    (dataset_copy / "metrics.yaml").write_text("metrics: [oops", encoding="utf-8")
    result = run("validate", str(dataset_copy))
    assert result.returncode == 1
    assert "1 data problem" in result.stderr and "nothing was written" not in result.stderr


def test_diff_before_a_folder_without_a_build_says_so(tmp_path: Path) -> None:
    result = run("diff", str(FIXTURES / "minimal"), "--before", str(tmp_path / "kept"),
                 "--pages", str(tmp_path / "pictures"))
    assert result.returncode == 1
    assert result.stderr == (f"{tmp_path / 'kept' / 'manifest.json'}: no previous build to "
                             "compare with; run reportgen build first\n")
    assert not (tmp_path / "pictures").exists()


def test_init_ci_wants_an_action_reference(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "new"), "--countries", "A", "B", "--year", "2031",
                 "--ci", "reportgen")
    assert result.returncode == 2
    assert "'reportgen' is not an action reference: give OWNER/REPO@REF" in result.stderr
    assert not (tmp_path / "new").exists()
