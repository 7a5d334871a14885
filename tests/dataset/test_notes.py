"""`reportgen validate`'s notes on what a new user writes (issue 21u): each fires only where the
field it names would change the sentence, and each can be answered; a source dated by its month."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
from click.testing import CliRunner

from reportgen.cli import cli

from ..conftest import FIXTURES, TEMPLATES, content_build, gathered


def _dataset(tmp_path: Path, *metrics: str, name: str = "data") -> Path:
    """The minimal fixture (Freedonia–Sylvania 2031) with these metrics (flow YAML) first."""
    data = tmp_path / name
    shutil.copytree(FIXTURES / "minimal", data)
    path = data / "metrics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("metrics:\n", "metrics:\n" + "".join(
        f"  - {m}\n" for m in metrics), 1), encoding="utf-8")
    return data


def _validate(data: Path) -> str:
    result = CliRunner().invoke(cli, ["validate", "--data", str(data), "--templates",
                                      str(TEMPLATES)])
    assert result.exit_code == 0, result.output
    return result.output


def _notes(output: str, metric: str) -> list[str]:
    return [line for line in output.splitlines() if f"({metric}): note:" in line]


def _prose(data: Path) -> str:
    return "\n".join(b.text for s in gathered(data).report.sections for b in s.section.blocks)


COUNT = ("{{id: accords, area: politics, label: {label}, short_label: Accords, value: 5,"
         " unit: count, period: {period}, sources: [almanac]{more}}}")


def test_the_verb_note_fires_for_a_count_of_one_day_and_verb_answers_it(tmp_path: Path) -> None:
    data = _dataset(tmp_path, COUNT.format(label="Accords", period="'2031-07-03'", more=""))
    [note] = _notes(_validate(data), "accords")
    assert "count on one day" in note and "`verb:`" in note
    assert "On 3 July 2031, there were five accords." in _prose(data)
    # Given, the sentence changes as the note says, and the note stops.
    done = _dataset(tmp_path, COUNT.format(label="Accords", period="'2031-07-03'",
                                           more=", verb: signed"), name="done")
    assert not _notes(_validate(done), "accords")
    assert "On 3 July 2031, five accords were signed." in _prose(done)


def test_the_verb_note_is_silent_where_the_count_is_not_of_one_day(tmp_path: Path) -> None:
    """Over a span of days (a visit of several days) or a month, a count is as often of things
    that exist; a capacity (`up_to`), a rate (`per:`) and a label that says what the things do
    are told by their own frames, which `verb:` would only spoil."""
    cases = {
        "span": COUNT.format(label="Accords", period="2031-07-01/2031-07-03", more=""),
        "month": COUNT.format(label="Accords", period="2031-07", more=""),
        "up_to": COUNT.format(label="Accords", period="'2031-07-03'", more=", qualifier: up_to"),
        "per": COUNT.format(label="Accords", period="'2031-07-03'", more=", per: week"),
        "label": COUNT.format(label="Ministers in the Sylvanian delegation",
                              period="'2031-07-03'", more=""),
        "capacity": COUNT.format(label="Migrants the centres could accommodate",
                                 period="'2031-07-03'", more=""),
    }
    for case, line in cases.items():
        data = _dataset(tmp_path, line, name=case)
        notes = _notes(_validate(data), "accords")
        assert not any("`verb:`" in n and "one day" in n for n in notes), (case, notes)


PLAN = ("{{id: park, area: economy, label: Sylvanian investment in food parks, short_label: "
        "Parks, value: 2000000000, unit: USD, period: 2031-02, status: planned, "
        "sources: [almanac]{more}}}")


def test_the_by_note_says_how_to_confirm_the_month_and_stops_when_told(tmp_path: Path) -> None:
    data = _dataset(tmp_path, PLAN.format(more=""))
    [note] = _notes(_validate(data), "park")
    assert "`by:`" in note and "`announced: true`" in note
    told = _dataset(tmp_path, PLAN.format(more=", announced: true"), name="told")
    assert not _notes(_validate(told), "park")
    sentence = "Plans announced in February 2031 put Sylvanian investment in food parks at $2 " \
        "billion."
    assert sentence in _prose(data) and sentence in _prose(told)  # the month was right
    both = _dataset(tmp_path, PLAN.format(more=", announced: true, by: 2034"), name="both")
    result = CliRunner().invoke(cli, ["validate", "--data", str(both), "--templates",
                                      str(TEMPLATES)])
    assert result.exit_code != 0 and "metrics.yaml" in result.output
    assert "remove `announced`, or remove `by:`" in result.output


def test_a_source_dated_by_its_month_or_year_is_shown_so(tmp_path: Path) -> None:
    data = _dataset(tmp_path)
    path = data / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    author: Hugo Hackenbush\n",
                        "    author: Hugo Hackenbush\n    date: 2031-10\n")
    text = text.replace("    kind: yearbook\n", "    kind: yearbook\n    date: 2031\n")
    path.write_text(text, encoding="utf-8")
    assert "ok" in _validate(data)
    paths = content_build(data, tmp_path / "out", formats=("docx",))
    document = docx.Document(str(paths["docx"]))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Published October 2031." in text and "Published 2031." in text
    assert "2031-10" not in text


INVESTMENT = ("{{id: inv{n}, area: economy, label: Freedonian investment in Sylvania, "
              "short_label: Investment, value: {value}, unit: USD, period: '{period}', "
              "sources: [almanac]{more}}}")


def test_a_change_and_its_compare_with_figure_are_told_together_and_must_agree(
        tmp_path: Path) -> None:
    """`change` and `compare_with` given together: both are told, the change as reported and
    the earlier figure beside it; where the two disagree, `validate` warns at the change."""
    earlier = INVESTMENT.format(n="_old", value=945000000, period="2030-03",
                                more=", context: true")
    agree = _dataset(tmp_path, INVESTMENT.format(
        n="", value=1040000000, period="2031-03",
        more=", change: {value: 10}, compare_with: inv_old"), earlier, name="agree")
    assert "disagrees" not in _validate(agree)
    assert "Freedonian investment in Sylvania rose 10% to $1.04 billion in March 2031, from " \
        "$945 million a year earlier." in _prose(agree)
    wrong = _dataset(tmp_path, INVESTMENT.format(
        n="", value=1040000000, period="2031-03",
        more=", change: {value: 25}, compare_with: inv_old"), earlier, name="wrong")
    output = _validate(wrong)
    assert "metrics.yaml" in output and "a change of 25% disagrees with `compare_with` " \
        "'inv_old'" in output and "+10.1%" in output and "check each against its source" in output
    # Hedged ("more than 20%"), the change may be anything above: no warning.
    hedged = _dataset(tmp_path, INVESTMENT.format(
        n="", value=1040000000, period="2031-03",
        more=", change: {value: 5, qualifier: more_than}, compare_with: inv_old"), earlier,
        name="hedged")
    assert "disagrees" not in _validate(hedged)


def test_a_fix_shared_by_several_notes_is_given_in_full_once(tmp_path: Path) -> None:
    """Eight plans with one note printed its paragraph eight times: the later ones point to the
    first, which keeps the fix in full."""
    second = PLAN.format(more="").replace("id: park", "id: port").replace(
        "food parks", "ports")
    output = _validate(_dataset(tmp_path, PLAN.format(more=""), second))
    [first], [later] = _notes(output, "park"), _notes(output, "port")
    assert "`by:`" in first and "`announced: true`" in first
    assert "`by:`" not in later
    line = first.split(":")[1]
    assert later.endswith(f"(the same fix as at line {line})")
