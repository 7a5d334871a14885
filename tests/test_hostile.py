"""A bad-input corpus: each case a small mutation of a copy of a dataset, its templates or its
environment, with the outcome it must have: exit 1 and a located error (file, line, field), or a
documented normalisation. Never a traceback, a hang, a file read outside the dataset, code run."""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli

from .conftest import DATA, FIXTURES, TEMPLATES

MINIMAL = FIXTURES / "minimal"
SECRET = "TOP-SECRET-CONTENT-OF-A-FOREIGN-FILE"


@dataclass(frozen=True)
class Err:
    """Exit 1 with a message naming the file, its line (None: the file has no line to name),
    the field (a substring of the dotted path) and what is wrong (a substring)."""

    file: str
    line: int | None
    field: str
    message: str


@dataclass(frozen=True)
class Ok:
    """Exit 0: the input is read as documented (a normalisation), output checked by `check`."""

    check: Callable[[str], bool] = lambda output: True


Mutate = Callable[[Path, Path], None]  # (dataset copy, scratch folder outside it)


def replace(name: str, old: str, new: str, count: int = 1) -> Mutate:
    def mutate(data: Path, _: Path) -> None:
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return mutate


def write(name: str, content: str | bytes) -> Mutate:
    def mutate(data: Path, _: Path) -> None:
        path = data / name
        path.unlink(missing_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return mutate


def prepend(name: str, content: bytes) -> Mutate:
    def mutate(data: Path, _: Path) -> None:
        path = data / name
        path.write_bytes(content + path.read_bytes())
    return mutate


def insert_raw(name: str, old: str, raw: bytes) -> Mutate:
    """Put raw bytes right after `old` (bytes no YAML editor would write)."""
    def mutate(data: Path, _: Path) -> None:
        path = data / name
        blob = path.read_bytes()
        assert old.encode() in blob
        path.write_bytes(blob.replace(old.encode(), old.encode() + raw, 1))
    return mutate


def symlink_out(name: str, content: str = f"{SECRET}: [\n") -> Mutate:
    """Replace a file by a symlink to a file outside the dataset holding a secret."""
    def mutate(data: Path, scratch: Path) -> None:
        foreign = scratch / "foreign.txt"
        foreign.write_text(content, encoding="utf-8")
        (data / name).unlink(missing_ok=True)
        (data / name).symlink_to(foreign)
    return mutate


def symlink_in(name: str) -> Mutate:
    def mutate(data: Path, _: Path) -> None:
        (data / "copies").mkdir()
        shutil.move(str(data / name), data / "copies" / name)
        (data / name).symlink_to(Path("copies") / name)
    return mutate


def make(name: str, kind: str) -> Mutate:
    def mutate(data: Path, _: Path) -> None:
        path = data / name
        path.unlink(missing_ok=True)
        if kind == "dir":
            path.mkdir()
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "dangling":
            path.symlink_to(data / "nowhere.yaml")
        elif kind == "loop":
            path.symlink_to(path)
    return mutate


def csv_rows(*rows: str) -> Mutate:
    return write("trade_by_year.csv", "year,exports,imports\n" + "".join(r + "\n" for r in rows))


def both(*steps: Mutate) -> Mutate:
    def mutate(data: Path, scratch: Path) -> None:
        for step in steps:
            step(data, scratch)
    return mutate


def deep_list(depth: int) -> str:
    return "[" * depth + "]" * depth


def deep_map(depth: int) -> str:
    return "".join("  " * i + f"k{i}:\n" for i in range(depth)) + "  " * depth + "v\n"


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n"
    for i in range(8))

METRIC = "  - id: bilateral_trade\n"  # the default dataset's metric on metrics.yaml line 30
VALUE = "value: 2440000000"  # its value, line 34
RANK = "value: 4\n    unit: rank"  # trading_partner_rank, line 67

# (id, dataset, mutation, expected)
CASES: list[tuple[str, Path, Mutate, Err | Ok]] = [
    # --- files that are no YAML a dataset can hold
    ("empty briefing", DATA, write("briefing.yaml", ""),
     Err("briefing.yaml", None, "", "required field is missing")),
    ("comment-only briefing", DATA, write("briefing.yaml", "# nothing yet\n"),
     Err("briefing.yaml", None, "", "required field is missing")),
    ("empty optional file", DATA, write("events.yaml", ""), Ok()),
    ("top-level list", DATA, write("sources.yaml", "- a\n- b\n"),
     Err("sources.yaml", 1, "", "expected a mapping of fields at the top level")),
    ("top-level scalar", DATA, write("facts.yaml", "just text\n"),
     Err("facts.yaml", 1, "", "expected a mapping of fields at the top level")),
    ("two documents", DATA, prepend("sources.yaml", b"a: 1\n---\n"),
     Err("sources.yaml", 2, "", "not valid YAML: but found another document")),
    ("raw control character", DATA, insert_raw("metrics.yaml", "label: Bilateral", b"\x01"),
     Err("metrics.yaml", 32, "", "character U+0001 may not appear")),
    ("raw NUL byte", DATA, insert_raw("metrics.yaml", "label: Bilateral", b"\x00"),
     Err("metrics.yaml", 32, "", "character U+0000 may not appear")),
    ("escaped NUL in prose", DATA, replace("metrics.yaml", "label: Bilateral trade turnover",
                                           'label: "Bilateral\\0 trade turnover"'),
     Err("metrics.yaml", 32, "metrics[2].label", "control character (U+0000)")),
    ("escaped U+001F in prose", DATA, replace("metrics.yaml", "label: Bilateral trade turnover",
                                              'label: "Bilateral\\x1f trade"'),
     Err("metrics.yaml", 32, "metrics[2].label", "control character (U+001F)")),
    ("lone surrogate in prose", DATA, replace("metrics.yaml", "label: Bilateral trade turnover",
                                              'label: "Bilateral \\ud800 trade"'),
     Err("metrics.yaml", 32, "metrics[2].label", "lone surrogate (U+D800)")),
    ("latin-1 byte", DATA, insert_raw("sources.yaml", "publisher: Report", b" \xe9"),
     Err("sources.yaml", None, "", "not UTF-8 text (byte 0xe9 on line 5)")),
    ("surrogate encoded in UTF-8", DATA, insert_raw("sources.yaml", "publisher: Report",
                                                    b" \xed\xa0\x80"),
     Err("sources.yaml", None, "", "not UTF-8 text (byte 0xed on line 5)")),
    ("UTF-8 byte order mark", DATA, prepend("briefing.yaml", b"\xef\xbb\xbf"), Ok()),
    ("CRLF line ends", DATA, lambda d, _: (d / "facts.yaml").write_bytes(
        (d / "facts.yaml").read_bytes().replace(b"\n", b"\r\n")), Ok()),
    ("nested thousands deep", DATA, write("events.yaml", "events: " + deep_list(5000) + "\n"),
     Err("events.yaml", 1, "", "nested more than 64 levels deep")),
    ("mappings nested 1,000 deep", DATA, write("events.yaml", deep_map(1000)),
     Err("events.yaml", 65, "", "nested more than 64 levels deep")),
    ("mappings nested 100 deep", DATA, write("events.yaml", deep_map(100)),
     Err("events.yaml", None, "", "nested more than 64 levels deep")),
    ("alias bomb", DATA, write("events.yaml", BOMB),
     Err("events.yaml", None, "", "anchors and aliases expand to more than")),
    ("a small alias is expanded", DATA, both(
        replace("metrics.yaml", "sources: [report, azeri_observer]",
                "sources: &both [report, azeri_observer]"),
        replace("metrics.yaml", "sources: [azeri_observer]", "sources: *both")), Ok()),
    ("merge keys, a key beside them", DATA, both(
        replace("events.yaml", "  - id: state_visit\n    area: politics\n",
                "  - &politics\n    id: state_visit\n    area: politics\n"),
        replace("events.yaml", "  - id: sco_summit_visit\n    area: politics\n",
                "  - <<: *politics\n    id: sco_summit_visit\n")), Ok()),
    ("unquoted day dates", DATA, replace(
        "events.yaml", "period: {start: 2025-08, end: 2025-09, start_part: late, end_part: early}",
        "period: {start: 2025-08-28, end: 2025-09-03}"), Ok()),
    ("a source's copy missing: a warning", DATA, lambda d, _: (
        d / "sources" / "000_b6965fcedea696f3.txt").unlink(),
     Ok(lambda out: "sources.yaml:9:5: sources[0].file: warning: "
                    "'sources/000_b6965fcedea696f3.txt' file not found" in out)),
    ("a source's copy outside the dataset", DATA, replace(
        "sources.yaml", "file: sources/000_b6965fcedea696f3.txt", "file: ../briefing.yaml"),
     Ok(lambda out: "sources[0].file: warning: '../briefing.yaml' is not a path inside "
                    "the dataset folder" in out)),
    ("a source's copy through a symlink out", DATA, lambda d, scratch: (
        (scratch / "secret.txt").write_text("x"),
        (d / "sources" / "000_b6965fcedea696f3.txt").unlink(),
        (d / "sources" / "000_b6965fcedea696f3.txt").symlink_to(scratch / "secret.txt")),
     Ok(lambda out: "sources[0].file: warning: 'sources/000_b6965fcedea696f3.txt' lies "
                    "outside the dataset folder" in out)),
    ("a language without a catalog", DATA, replace("briefing.yaml", "language: en",
                                                   "language: ru"),
     Err("briefing.yaml", 5, "language", "no wording catalog for 'ru'")),
    ("an unquoted day date", DATA, replace("events.yaml", "period: 2025-04\n",
                                           "period: 2025-04-17\n"), Ok()),
    ("duplicate key", DATA, replace("metrics.yaml", "    short_label: Bilateral trade\n",
                                    "    short_label: Bilateral trade\n    label: Again\n"),
     Err("metrics.yaml", 34, "metrics[2].label", "appears twice")),
    ("unclosed quote", DATA, replace("briefing.yaml", "subtitle: Annual",
                                     'subtitle: "Annual'),
     Err("briefing.yaml", 27, "", "(is the quote opened on line 4 closed?)")),
    ("tab indentation", DATA, replace("metrics.yaml", "    area: economy\n    label: Bilateral",
                                      "\tarea: economy\n    label: Bilateral"),
     Err("metrics.yaml", 31, "", "not valid YAML: found character '\\t'")),
    ("python object tag", DATA, replace("briefing.yaml", "subtitle: Annual",
                                        "subtitle: !!python/object/apply:os.system ['true']\n"
                                        "x: Annual"),
     Err("briefing.yaml", 4, "", "not valid YAML: could not determine a constructor")),
    # --- numbers: finite, not a boolean, of the kind the unit needs
    ("NaN value", DATA, replace("metrics.yaml", VALUE, "value: .nan"),
     Err("metrics.yaml", 34, "metrics[2].value", "expected a finite number")),
    ("infinite value", DATA, replace("metrics.yaml", VALUE, "value: .inf"),
     Err("metrics.yaml", 34, "metrics[2].value", "expected a finite number")),
    ("minus infinity", DATA, replace("metrics.yaml", VALUE, "value: -.inf"),
     Err("metrics.yaml", 34, "metrics[2].value", "expected a finite number")),
    ("1.0e400 overflows", DATA, replace("metrics.yaml", VALUE, "value: 1.0e400"),
     Err("metrics.yaml", 34, "metrics[2].value", "expected a finite number")),
    ("1e400 as text", DATA, replace("metrics.yaml", VALUE, "value: '1e400'"),
     Err("metrics.yaml", 34, "metrics[2].value", "expected a finite number")),
    ("1e308 is no figure", DATA, replace("metrics.yaml", VALUE, "value: 1.0e308"),
     Err("metrics.yaml", 34, "metrics[2].value", "1e+308 is too large for a figure")),
    ("a change of 1e300 percent", DATA, replace("metrics.yaml", "change: {value: 21.9}",
                                                "change: {value: 1.0e300}"),
     Err("metrics.yaml", 37, "metrics[2].change.value", "too large for a figure")),
    ("true as a number", DATA, replace("metrics.yaml", VALUE, "value: true"),
     Err("metrics.yaml", 34, "metrics[2].value", "expected a number, got true")),
    ("false as a change", DATA, replace("metrics.yaml", "change: {value: 21.9}",
                                        "change: {value: false}"),
     Err("metrics.yaml", 37, "metrics[2].change.value", "expected a number, got false")),
    ("true as a year", DATA, replace("briefing.yaml", "year: 2025", "year: true"),
     Err("briefing.yaml", 6, "year", "expected a number, got true")),
    ("NaN change", DATA, replace("metrics.yaml", "change: {value: 21.9}",
                                 "change: {value: .nan}"),
     Err("metrics.yaml", 37, "metrics[2].change.value", "finite number")),
    ("text as a number", DATA, replace("metrics.yaml", VALUE, "value: n/a"),
     Err("metrics.yaml", 34, "metrics[2].value", "expected a number")),
    ("list as a number", DATA, replace("metrics.yaml", VALUE, "value: [1, 2]"),
     Err("metrics.yaml", 34, "metrics[2].value", "expected a number")),
    ("rank of 2.5", DATA, replace("metrics.yaml", RANK, "value: 2.5\n    unit: rank"),
     Err("metrics.yaml", 63, "metrics[5]", "a rank is a whole number of at least 1, got 2.5")),
    ("NaN rank", DATA, replace("metrics.yaml", RANK, "value: .nan\n    unit: rank"),
     Err("metrics.yaml", 67, "metrics[5].value", "finite number")),
    ("rank 0", DATA, replace("metrics.yaml", RANK, "value: 0\n    unit: rank"),
     Err("metrics.yaml", 63, "metrics[5]", "at least 1, got 0")),
    ("ordinal 0", DATA, replace("metrics.yaml", "value: 3\n    unit: ordinal",
                                "value: 0\n    unit: ordinal"),
     Err("metrics.yaml", 42, "metrics[3]", "an ordinal is a whole number of at least 1, got 0")),
    ("count 2.5", DATA, replace("metrics.yaml", "value: 20\n    unit: count",
                                "value: 2.5\n    unit: count"),
     Err("metrics.yaml", 7, "metrics[0]", "a count is a whole number of at least 0")),
    ("negative count", DATA, replace("metrics.yaml", "value: 20\n    unit: count",
                                     "value: -3\n    unit: count"),
     Err("metrics.yaml", 7, "metrics[0]", "a count cannot be negative, got -3")),
    ("integer for a decimal", DATA, replace("metrics.yaml", "change: {value: 21.9}",
                                            "change: {value: 22}"), Ok()),
    ("weekday 8", DATA, replace("briefing.yaml", "weekday: 4", "weekday: 8"),
     Err("briefing.yaml", 27, "occasion.weekday", "less than or equal to 7")),
    # --- dates and periods
    ("month 13 in a source date", DATA, replace("sources.yaml", "    website: report.az\n",
                                                "    website: report.az\n    date: 2025-13-01\n"),
     Err("sources.yaml", 7, "", "'2025-13-01' cannot be read: month must be in 1..12")),
    ("30 February", DATA, replace("sources.yaml", "    website: report.az\n",
                                  "    website: report.az\n    date: 2025-02-30\n"),
     Err("sources.yaml", 7, "", "day is out of range for month")),
    ("month 13 as of", DATA, replace("briefing.yaml", "as_of: 2025-12", "as_of: 2025-13"),
     Err("briefing.yaml", 9, "as_of", "")),
    ("month 0 in a period", DATA, replace("metrics.yaml", "period: 2025-01/2025-10",
                                          "period: 2025-00/2025-10"),
     Err("metrics.yaml", 36, "metrics[2].period.month", "greater than or equal to 1")),
    # --- schema
    ("unknown field", DATA, replace("metrics.yaml", "    short_label: Bilateral trade\n",
                                    "    short_lable: Bilateral trade\n"),
     Err("metrics.yaml", 33, "metrics[2].short_lable", "unknown field")),
    ("missing field", DATA, replace("metrics.yaml", "    short_label: Bilateral trade\n", ""),
     Err("metrics.yaml", 30, "metrics[2].short_label", "required field is missing")),
    ("id in capitals", DATA, replace("metrics.yaml", METRIC, "  - id: Bilateral_Trade\n"),
     Err("metrics.yaml", 30, "metrics[2].id", "not a valid id")),
    ("very long label", DATA, replace("metrics.yaml", "label: Bilateral trade turnover",
                                      "label: " + "turnover " * 2000), Ok()),
    ("right-to-left override kept", DATA, replace(
        "metrics.yaml", "label: Bilateral trade turnover", "label: Bilateral \u202etrade"),
     Ok()),
    # --- files outside the dataset, or no regular file
    ("data file symlinked outside", DATA, symlink_out("events.yaml"),
     Err("events.yaml", None, "", "lies outside the dataset folder")),
    ("required file symlinked outside", DATA, symlink_out("briefing.yaml"),
     Err("briefing.yaml", None, "", "lies outside the dataset folder")),
    ("data file symlinked inside", DATA, symlink_in("events.yaml"), Ok()),
    ("data file is a folder", DATA, make("events.yaml", "dir"),
     Err("events.yaml", None, "", "is a folder, not a file")),
    ("data file is a named pipe", DATA, make("events.yaml", "fifo"),
     Err("events.yaml", None, "", "not a regular file")),
    ("dangling symlink", DATA, make("briefing.yaml", "dangling"),
     Err("briefing.yaml", None, "", "not found")),
    ("symlink loop", DATA, make("events.yaml", "loop"),
     Err("events.yaml", None, "", "cannot be resolved")),
    ("series file absolute", MINIMAL, replace("series.yaml", "file: trade_by_year.csv",
                                              "file: /etc/passwd"),
     Err("series.yaml", 5, "series[0].file", "must be named relative to the dataset folder")),
    ("series file climbs out", MINIMAL, replace("series.yaml", "file: trade_by_year.csv",
                                                "file: ../foreign.csv"),
     Err("series.yaml", 5, "series[0].file", "must be named relative to the dataset folder")),
    ("series file climbs out and back", MINIMAL, replace(
        "series.yaml", "file: trade_by_year.csv", "file: sub/../trade_by_year.csv"),
     Err("series.yaml", 5, "series[0].file", "must be named relative")),
    ("series file with backslash", MINIMAL, replace(
        "series.yaml", "file: trade_by_year.csv", "file: '..\\foreign.csv'"),
     Err("series.yaml", 5, "series[0].file", "must be named relative")),
    ("series file symlinked outside", MINIMAL, symlink_out(
        "trade_by_year.csv", f"year,exports,imports\n{SECRET},1,2\n"),
     Err("series.yaml", 5, "series[0].file", "lies outside the dataset folder")),
    ("series file is a folder", MINIMAL, make("trade_by_year.csv", "dir"),
     Err("series.yaml", 5, "series[0].file", "is a folder")),
    ("series file is a named pipe", MINIMAL, make("trade_by_year.csv", "fifo"),
     Err("series.yaml", 5, "series[0].file", "not a regular file")),
    ("series file missing", MINIMAL, lambda d, _: (d / "trade_by_year.csv").unlink(),
     Err("series.yaml", 5, "series[0].file", "not found")),
    ("series file in a subfolder", MINIMAL, both(
        lambda d, _: (d / "csv").mkdir(),
        lambda d, _: shutil.move(str(d / "trade_by_year.csv"), d / "csv" / "t.csv"),
        replace("series.yaml", "file: trade_by_year.csv", "file: csv/t.csv")), Ok()),
    # --- CSV cells
    ("NaN cell", MINIMAL, csv_rows("2027,nan,1", "2028,2,3"),
     Err("trade_by_year.csv", 2, "exports", "expected a number, got 'nan'")),
    ("inf cell", MINIMAL, csv_rows("2027,1,inf", "2028,2,3"),
     Err("trade_by_year.csv", 2, "imports", "expected a number, got 'inf'")),
    ("1e400 cell", MINIMAL, csv_rows("2027,1e400,1", "2028,2,3"),
     Err("trade_by_year.csv", 2, "exports", "expected a finite number below 1e+15, got '1e400'")),
    ("1e300 cell", MINIMAL, csv_rows("2027,1e300,1", "2028,2,3"),
     Err("trade_by_year.csv", 2, "exports", "expected a finite number below 1e+15")),
    ("empty cell", MINIMAL, csv_rows("2027,,1", "2028,2,3"),
     Err("trade_by_year.csv", 2, "exports", "missing value")),
    ("short row", MINIMAL, csv_rows("2027,1", "2028,2,3"),
     Err("trade_by_year.csv", 2, "imports", "")),
    ("long row", MINIMAL, csv_rows("2027,1,2", "2028,2,3,4"),
     Err("trade_by_year.csv", 3, "", "not valid CSV")),
    ("header only: a warning, the chart left out", MINIMAL, csv_rows(),
     Ok(lambda out: "charts[3]: warning: chart 'exports_by_year' has nothing to show: "
                    "series 'trade_by_year' has no rows" in out)),
    ("empty CSV", MINIMAL, write("trade_by_year.csv", ""),
     Err("trade_by_year.csv", None, "", "not valid CSV")),
    ("period twice in two forms", MINIMAL, both(
        replace("series.yaml", "period_column: year", "period_column: month"),
        write("trade_by_year.csv", "month,exports,imports\n2031-1,1,2\n2031-01,3,4\n")),
     Err("trade_by_year.csv", 3, "month", "period 2031-01 appears twice")),
    ("period twice", MINIMAL, csv_rows("2027,1,2", "2027,3,4"),
     Err("trade_by_year.csv", 3, "year", "period 2027 appears twice")),
    ("bad period", MINIMAL, csv_rows("20x7,1,2", "2028,3,4"),
     Err("trade_by_year.csv", 2, "year", "'20x7' is not a period")),
    ("underscore digits", MINIMAL, csv_rows("2027,1_000,2", "2028,3,4"),
     Err("trade_by_year.csv", 2, "exports", "expected a number, got '1_000'")),
    ("Arabic-Indic digits", MINIMAL, csv_rows("2027,\u0663,2", "2028,3,4"),
     Err("trade_by_year.csv", 2, "exports", "expected a number")),
    ("true as a cell", MINIMAL, csv_rows("2027,true,2", "2028,3,4"),
     Err("trade_by_year.csv", 2, "exports", "expected a number, got 'true'")),
    ("latin-1 CSV", MINIMAL, write("trade_by_year.csv", b"year,exports,imports\n2027,1,\xe9\n"),
     Err("series.yaml", 5, "series[0].file", "not UTF-8 text")),
    ("NUL in CSV", MINIMAL, csv_rows("2027,1\x00,2", "2028,3,4"),
     Err("trade_by_year.csv", 2, "exports", "expected a number")),
    ("undeclared column", MINIMAL, write("trade_by_year.csv",
                                         "year,exports,imports,other\n2027,1,2,3\n"),
     Err("trade_by_year.csv", 1, "column 'other'", "not declared in series.yaml")),
    ("spaces around cells", MINIMAL, csv_rows("2027, 1 ,2", "2028,3,4"), Ok()),
]


def _location(err: Err) -> re.Pattern[str]:
    where = re.escape(err.file) + (f":{err.line}:\\d+" if err.line else "(:\\d+:\\d+)?")
    field = f"{re.escape(err.field)}[^:]*: " if err.field else ""
    return re.compile(rf"{where}: (warning: )?{field}.*{re.escape(err.message)}")


@pytest.mark.parametrize(("base", "mutate", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_a_bad_input_gives_its_documented_outcome(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base: Path, mutate: Mutate,
        expected: Err | Ok) -> None:
    data = tmp_path / "data" / base.name
    shutil.copytree(base, data)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    mutate(data, scratch)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate", str(data), "--templates", str(TEMPLATES)])
    output = result.output
    assert "Traceback" not in output and result.exception is None or \
        isinstance(result.exception, SystemExit), (output, result.exception)
    assert SECRET not in output
    if isinstance(expected, Ok):
        assert result.exit_code == 0, output
        assert expected.check(output), output
        return
    assert result.exit_code == 1, output
    assert _location(expected).search(output), output


# --- templates and environment: `check` and `build` (docx or pptx only) of the minimal dataset

def _office(blob: bytes, part: str | None = None) -> bytes:
    """A copy of an Office file with one XML part cut in half (None: the file cut in half)."""
    import io

    if part is None:
        return blob[:len(blob) // 2]
    source, out = zipfile.ZipFile(io.BytesIO(blob)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, data[:len(data) // 2] if info.filename == part else data)
    return out.getvalue()


DOCX = (TEMPLATES / "briefing.docx").read_bytes()
PPTX = (TEMPLATES / "deck.pptx").read_bytes()
TemplateMutate = Callable[[Path], None]


def put(name: str, content: bytes | str) -> TemplateMutate:
    def mutate(templates: Path) -> None:
        path = templates / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return mutate


def edit(name: str, old: str, new: str) -> TemplateMutate:
    def mutate(templates: Path) -> None:
        path = templates / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return mutate


NOT_WORD = "briefing.docx: not a usable Word template"
NOT_POWERPOINT = "deck.pptx: not a usable PowerPoint template"
# (id, mutation of a templates copy, format built, message both `check` and `build` give;
# check=False: a template `check` does not read, so `build` alone)
TEMPLATE_CASES: list[tuple[str, TemplateMutate, str, str, bool]] = [
    ("Word template not a zip", put("briefing.docx", b"not a zip"), "docx", NOT_WORD, True),
    ("Word template empty", put("briefing.docx", b""), "docx", NOT_WORD, True),
    ("Word template truncated", put("briefing.docx", _office(DOCX)), "docx", NOT_WORD, True),
    ("Word template is a deck", put("briefing.docx", PPTX), "docx",
     "briefing.docx: not a Word file: it is a PowerPoint file", True),
    ("Word template malformed XML", put("briefing.docx", _office(DOCX, "word/document.xml")),
     "docx", "briefing.docx: word/document.xml: malformed XML", True),
    ("Word styles malformed XML", put("briefing.docx", _office(DOCX, "word/styles.xml")),
     "docx", "briefing.docx: word/styles.xml: malformed XML", True),
    ("deck template not a zip", put("deck.pptx", b"PK\x03\x04 and nothing"), "pptx",
     NOT_POWERPOINT, True),
    ("deck template truncated", put("deck.pptx", _office(PPTX)), "pptx", NOT_POWERPOINT, True),
    ("deck template is a briefing", put("deck.pptx", DOCX), "pptx", NOT_POWERPOINT, True),
    ("deck template malformed XML", put("deck.pptx", _office(PPTX, "ppt/presentation.xml")),
     "pptx", "deck.pptx: ppt/presentation.xml: malformed XML", True),
    ("syntax error in _say.j2", put("narrative/_say.j2", "{% macro {{ x() %}{% endmacro %}\n"),
     "docx", "_say.j2:", False),
    ("type error in a section", edit("narrative/summary.j2", "{% block body %}",
                                     "{% block body %}{{ 1 + 'a' }}"), "docx",
     "summary.j2:", False),
    ("endless recursion in a section", edit(
        "narrative/summary.j2", "{% block body %}",
        "{% block body %}{% macro again() %}{{ again() }}{% endmacro %}{{ again() }}"), "docx",
     "template recursion too deep", False),
    ("template reaches for os", edit(
        "narrative/summary.j2", "{% block body %}",
        "{% block body %}{{ lipsum.__globals__['os'].system('touch CANARY') }}"), "docx",
     "summary.j2:", False),
]


@pytest.mark.parametrize(("mutate", "fmt", "message", "checked"),
                         [c[1:] for c in TEMPLATE_CASES], ids=[c[0] for c in TEMPLATE_CASES])
def test_a_broken_template_gives_a_located_error_in_check_and_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mutate: TemplateMutate, fmt: str,
        message: str, checked: bool) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    mutate(templates)
    monkeypatch.chdir(tmp_path)
    commands = [["build", str(MINIMAL), "--templates", str(templates), "--out",
                 str(tmp_path / "out"), "--format", fmt]]
    if checked:
        commands.append(["check", "--templates", str(templates)])
    for args in commands:
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, (args[0], result.output, result.exception)
        assert "Traceback" not in result.output
        assert message in result.output, (args[0], result.output)
    assert not (tmp_path / "CANARY").exists()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.docx"))


def linked_out(name: str, content: bytes) -> TemplateMutate:
    """Replace a template file (or put one the folder may hold: _say.j2) by a symlink to a
    file outside the templates folder."""
    def mutate(templates: Path) -> None:
        foreign = templates.parent / "foreign" / Path(name).name
        foreign.parent.mkdir(exist_ok=True)
        foreign.write_bytes(content)
        (templates / name).unlink(missing_ok=True)
        (templates / name).symlink_to(foreign)
    return mutate


OUTSIDE = "lies outside the templates folder"
# (id, mutation, format built, message; `check` reads each of these files too, and `build`
# renders the includes, which `check` only lints)
TEMPLATE_LINKS: list[tuple[str, TemplateMutate, str, str]] = [
    ("section template", linked_out("narrative/summary.j2", SECRET.encode()), "docx",
     f"narrative/summary.j2: {OUTSIDE}"),
    ("shared macros", linked_out("narrative/_say.j2", SECRET.encode()), "docx",
     f"narrative/_say.j2: {OUTSIDE}"),
    ("wording catalog", linked_out("locale/en.po", f'msgid "{SECRET}"\n'.encode()), "docx",
     f"locale/en.po: {OUTSIDE}"),
    ("report.yaml", linked_out("report.yaml", f"{SECRET}: [\n".encode()), "docx",
     f"report.yaml: {OUTSIDE}"),
    ("Word template", linked_out("briefing.docx", DOCX), "docx", f"briefing.docx: {OUTSIDE}"),
    ("PowerPoint template", linked_out("deck.pptx", PPTX), "pptx", f"deck.pptx: {OUTSIDE}"),
    ("include of an absolute path", edit("narrative/summary.j2", "{% block body %}",
                                         '{% block body %}{% include "/etc/hostname" %}'),
     "docx", "summary.j2"),
    ("include of ..", edit("narrative/summary.j2", "{% block body %}",
                           '{% block body %}{% include "../report.yaml" %}'), "docx",
     "summary.j2"),
]


@pytest.mark.parametrize(("mutate", "fmt", "message"), [c[1:] for c in TEMPLATE_LINKS],
                         ids=[c[0] for c in TEMPLATE_LINKS])
def test_the_templates_folder_is_confined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          mutate: TemplateMutate, fmt: str,
                                          message: str) -> None:
    """Symlinks out of the templates folder, absolute and `..` names: refused at the link's own
    name, the target neither read nor named."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    mutate(templates)
    monkeypatch.chdir(tmp_path)
    commands = [["build", str(MINIMAL), "--templates", "templates", "--out", "out", "--format",
                 fmt]] + ([] if message == "summary.j2" else [["check", "--templates",
                                                                "templates"]])
    for args in commands:
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, (args[0], result.output)
        assert "Traceback" not in result.output
        assert message in result.output, (args[0], result.output)
        assert SECRET not in result.output and "foreign" not in result.output
    assert not (tmp_path / "out").exists()


def test_init_copies_no_scaffold_file_from_outside(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    linked_out("scaffold/metrics.yaml", f"# {SECRET}\n".encode())(templates)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init", "new", "--countries", "A", "B", "--year", "2031",
                                      "--templates", "templates"])
    assert result.exit_code == 1, result.output
    assert f"scaffold/metrics.yaml: {OUTSIDE}" in result.output
    assert SECRET not in result.output
    assert not any(SECRET in p.read_text() for p in (tmp_path / "new").rglob("*.yaml"))


@pytest.mark.parametrize(("toml", "message"), [
    ('[reportgen]\nformats = "docx"\n', "formats: expected a list of text, got 'docx'"),
    ("[reportgen]\ndata = 3\n", "data: expected text, got 3"),
    ("[reportgen]\nformats = [1, 2]\n", "formats: expected a list of text"),
    ("[reportgen]\nout = true\n", "out: expected text, got True"),
    ("[reportgen]\ncolour = 'red'\n", "unknown setting(s) colour"),
    ("[reportgen\n", "reportgen.toml: "),
    (b"[reportgen]\ndata = '\xff'\n", "reportgen.toml: "),
], ids=["formats text", "data number", "formats numbers", "out boolean", "unknown",
        "broken TOML", "not UTF-8"])
def test_wrong_settings_in_reportgen_toml_are_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str | bytes, message: str) -> None:
    path = tmp_path / "reportgen.toml"
    path.write_bytes(toml if isinstance(toml, bytes) else toml.encode())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate", str(MINIMAL), "--templates", str(TEMPLATES)])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
