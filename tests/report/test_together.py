"""Related figures told together (issue 21f): figures of one kind in one sentence with the period
said once, a change with its amount, a figure's `with:` clauses, a label's clause after the
period; read back from the built briefing, in English and in the other editions; and the notes
`validate` gives where the data tells the figures apart."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from pptx import Presentation

from reportgen.audit.prose import check_briefing
from reportgen.pipeline.build import validate

from ..conftest import FIXTURES, TEMPLATES, content_build


def _m(id_: str, area: str, label: str, value: float | None, unit: str, period: Any,
       **more: Any) -> dict[str, Any]:
    figure = {"id": id_, "area": area, "label": label, "short_label": label[:40],
              "unit": unit, "period": period, "sources": ["almanac"], **more}
    if value is not None:
        figure["value"] = value
    return figure


FIGURES = [
    # Energy: a lead figure, then two of one shape (a change, 2031), then four of another
    # (a change, January–November 2031): three to a sentence, the fourth apart.
    _m("energy_trade", "energy", "Energy trade between Freedonia and Sylvania", 86_700_000,
       "EUR", 2031, change={"value": 9.2}),
    _m("gas_exports", "energy", "Freedonian gas exports to Sylvania", 58_300_000, "EUR", 2031,
       change={"value": 9.1}),
    _m("gas_imports", "energy", "Freedonian gas imports from Sylvania", 28_400_000, "EUR", 2031,
       change={"value": 9.6}),
    *(_m(f"{name}_exports", "energy", f"Freedonian {name} exports to Sylvania", value, "EUR",
         "2031-01/2031-11", change={"value": growth})
      for name, value, growth in (("oil", 16_500_000, 46.3), ("coal", 2_300_000, 16.9),
                                  ("power", 2_100_000, 18), ("wood", 1_100_000, 4))),
    # Transport: changes with their amounts.
    _m("freight_exports", "transport", "Freedonian freight exports to Sylvania", 49_400_000,
       "EUR", "2031-01/2031-06",
       change={"value": 5.7, "amount": 2_600_000, "amount_qualifier": "more_than"}),
    _m("freight_imports", "transport", "Freedonian freight imports from Sylvania", None, "EUR",
       "2031-01/2031-06", change={"value": 5.2, "amount": 2_000_000}),
    _m("transport_surplus", "transport", "Freedonia's transport surplus with Sylvania",
       29_900_000, "EUR", 2031, change={"amount": 2_300_000}),
    # Plain values of one period: two of one thing share a sentence, a third of another not.
    _m("deposits", "transport", "Freedonian deposits at the Sylvanian central bank",
       10_300_000, "EUR", "2031-09"),
    _m("short_deposits", "transport", "Freedonian short-term deposits at the Sylvanian central "
       "bank", 5_000_000, "EUR", "2031-09"),
    _m("medium_deposits", "transport", "Freedonian medium-term deposits at the Sylvanian "
       "central bank", 5_300_000, "EUR", "2031-09"),
    _m("port_investment", "transport", "Freedonian investment in Sylvanian ports", 35_000_000,
       "EUR", "2031-09"),
    # People: a rank with its count and share as clauses; a context figure whose label carries
    # a clause.
    _m("visitor_rank", "humanitarian", "Freedonia's rank among Sylvania's tourist markets", 1,
       "rank", 2031, holder="Freedonia", among="Sylvania's tourist markets",
       **{"with": ["visitors", "visitor_share"]}),
    _m("visitors", "humanitarian", "Visitors from Freedonia to Sylvania", 4_500_000, "count",
       2031, noun="visitors"),
    _m("visitor_share", "humanitarian", "Share of Freedonians in Sylvania's foreign arrivals",
       25.98, "percent", 2031, noun="foreign arrivals"),
    _m("trade_at_ties", "humanitarian", "Two-way trade when diplomatic ties were established",
       5_000_000, "EUR", 2001, context=True),
    # Economy (issue 21h): two ranks of one holder and period; exports and imports that moved
    # apart; a cumulative period superseded by a later one from the same start.
    _m("rank_north", "economy", "Freedonia's rank among Sylvania's trading partners in the "
       "north", 1, "rank", 2031, holder="Freedonia", among="Sylvania's trading partners in the "
       "north"),
    _m("rank_south", "economy", "Freedonia's rank among Sylvania's trading partners in the "
       "south", 2, "rank", 2031, holder="Freedonia", among="Sylvania's trading partners in the "
       "south"),
    _m("wine_exports_apr", "economy", "Freedonian wine exports to Sylvania", 3_910_000, "EUR",
       "2031-01/2031-04", change={"value": -29.9}),
    _m("wine_exports_may", "economy", "Freedonian wine exports to Sylvania", 5_000_000, "EUR",
       "2031-01/2031-05", change={"value": -33.1}),
    _m("wine_imports_may", "economy", "Freedonian wine imports from Sylvania", 5_000_000, "EUR",
       "2031-01/2031-05", change={"value": 1.2}),
    # Counts of things done on one day: parts of the largest; one with the amount it is worth.
    _m("ministers", "humanitarian", "Freedonian ministers in the delegation", 9, "count",
       "2031-10-05", noun="ministers", verb="included in the delegation"),
    _m("business_leaders", "humanitarian", "Freedonian business leaders in the delegation", 40,
       "count", "2031-10-05", noun="business leaders", verb="included in the delegation",
       qualifier="about"),
    _m("delegation", "humanitarian", "Members of the Freedonian delegation", 120, "count",
       "2031-10-05", noun="leading Freedonian figures", verb="included in the delegation",
       qualifier="more_than"),
    _m("deal_count", "transport", "Agreements signed at the palace", 22, "count", "2031-10-28",
       noun="agreements", verb="signed"),
    _m("deal_value", "transport", "Contracts and agreements signed during the visit",
       10_000_000_000, "EUR", "2031-10-28", qualifier="up_to"),
    # A rank and its holder's share of one section and period, with no `with:`.
    _m("export_rank", "transport", "Freedonia's rank among destinations of Sylvanian exports",
       3, "rank", "2031-01/2031-05", holder="Freedonia",
       among="destinations of Sylvanian exports"),
    _m("export_share", "transport", "Freedonia's share of Sylvanian exports", 3.61, "percent",
       "2031-01/2031-05"),
    # A length of time: a small whole number in words.
    _m("talks_days", "energy", "Length of the energy talks", 3, "days", "2031-04"),
    # Outlook: two targets of one thing.
    _m("target_2035", "outlook", "Energy trade target agreed by the two governments",
       100_000_000, "EUR", 2035, status="target", context=True),
    _m("target_2040", "outlook", "Longer-term energy trade target agreed by the two governments",
       150_000_000, "EUR", 2040, status="target", context=True),
]


def _dataset(tmp_path: Path, figures: list[dict[str, Any]]) -> Path:
    data = tmp_path / "together"
    shutil.copytree(FIXTURES / "minimal", data)
    metrics = yaml.safe_load((data / "metrics.yaml").read_text(encoding="utf-8"))["metrics"]
    (data / "metrics.yaml").write_text(yaml.safe_dump({"metrics": metrics + figures},
                                                      allow_unicode=True), encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("together")
    return content_build(_dataset(tmp, FIGURES), tmp / "out")


def _sentences(built: dict[str, Path]) -> list[str]:
    """The briefing's sentences, without footnote markers (Word's superscript numbers) and
    without the chart reference that closes a sentence ("… (see Figure 3).")."""
    text = []
    for p in Document(str(built["docx"])).paragraphs:
        text.append(re.sub(r" \(see Figure \d+\)(?=\.)", "",
                           "".join(r.text for r in p.runs if not r.font.superscript)))
    return [s for t in text for s in re.split(r"(?<=\.)\s+(?=[A-Z])", t) if s]


TOLD = [
    # A total leads with its parts, the period once: "…, with … up …".
    "Energy trade between Freedonia and Sylvania rose 9.2% to €86.7 million in 2031, with "
    "Freedonian gas exports to Sylvania up 9.1% to €58.3 million and gas imports from Sylvania "
    "up 9.6% to €28.4 million.",
    # Three to a sentence, each with its own direction; the fourth in a sentence of its own.
    "Freedonian oil exports to Sylvania rose 46.3% to €16.5 million in January–November 2031, "
    "with coal exports to Sylvania up 16.9% to €2.3 million and power exports to Sylvania up 18% "
    "to €2.1 million.",
    "Freedonian wood exports to Sylvania reached €1.1 million in January–November 2031, 4% more "
    "than a year earlier.",
    # Targets of one thing: each year once.
    "The energy trade target agreed by the two governments is €100 million by 2035 and €150 "
    "million by 2040.",
    # A change with its amount; an amount alone.
    "Freedonian freight exports to Sylvania rose 5.7%, or more than €2.6 million, to €49.4 "
    "million in January–June 2031, with freight imports from Sylvania up 5.2%, or €2 million.",
    "Freedonia's transport surplus with Sylvania rose by €2.3 million to €29.9 million in 2031.",
    # The figures a figure lists in `with`, as its clauses.
    # A first rank as what the holder is (issue 21): never "ranked first among".
    "Freedonia was Sylvania's largest tourist market in 2031, with 4.5 million visitors, "
    "25.98% of foreign arrivals.",
    # A label that carries a clause: the clause after the period.
    "In 2001, when diplomatic ties were established, two-way trade totalled €5 million.",
    # Issue 21h: two that moved apart, the latest of overlapping periods.
    "Freedonian wine exports to Sylvania fell 33.1% to €5 million in January–May 2031, while "
    "wine imports from Sylvania rose 1.2% to €5 million.",
    # Ranks of one holder and period: the group's shared words once.
    "Freedonia was Sylvania's largest trading partner in the north in 2031 and second in "
    "the south.",
    # Counts of one day's deed: parts of the largest; a count with the amount it is worth.
    "On 5 October 2031, nine ministers and about 40 business leaders were among more than 120 "
    "leading Freedonian figures included in the delegation.",
    "On 28 October 2031, 22 agreements worth up to €10 billion were signed.",
    "The energy talks lasted three days in April 2031.",
    # A total with the two parts that add up to it.
    "Freedonian deposits at the Sylvanian central bank totalled €10.3 million in September 2031, "
    "with short-term deposits at the Sylvanian central bank at €5 million and medium-term "
    "deposits at the Sylvanian central bank at €5.3 million.",
    "Freedonia ranked third among destinations of Sylvanian exports in January–May 2031, with a "
    "share of 3.61%.",
]


@pytest.mark.parametrize("sentence", TOLD, ids=range(len(TOLD)))
def test_related_figures_are_told_as_an_editor_writes_them(built: dict[str, Path],
                                                           sentence: str) -> None:
    assert sentence in _sentences(built)


def test_a_figure_told_as_another_s_clause_has_no_sentence_of_its_own(
        built: dict[str, Path]) -> None:
    assert not [s for s in _sentences(built) if "visitors" in s and s.startswith("In 2031")]


def test_a_superseded_period_leaves_the_body_for_the_key_figures_table(
        built: dict[str, Path]) -> None:
    """January–April of a measure told with January–May is said once, with the later period;
    the earlier figure stays where a reader sees it: the key figures table, not the deck."""
    doc = Document(str(built["docx"]))
    # (the notes on the figures still say how its estimate was derived)
    assert not [s for s in _sentences(built) if "€3.91 million" in s
                and not s.startswith("Estimate:")]
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    assert any("€3.91 million" in " ".join(r) and "January–April 2031" in " ".join(r)
               for r in rows), rows
    deck = " ".join(sh.text_frame.text for slide in Presentation(str(built["pptx"])).slides
                    for sh in slide.shapes if sh.has_text_frame)
    assert "€3.91 million" not in deck


def test_each_count_of_a_deed_is_told_once(built: dict[str, Path]) -> None:
    """The counts told together and the amount a count is worth have no sentences of their
    own."""
    said = _sentences(built)
    assert [s for s in said if "ministers" in s] == [TOLD[-5]]
    assert [s for s in said if "€10 billion" in s] == [TOLD[-4]]


def test_the_briefing_passes_the_house_style_check_and_the_deck_is_built(
        built: dict[str, Path]) -> None:
    assert check_briefing(built["docx"].read_bytes(), built["docx"].name) == []
    assert len(Presentation(str(built["pptx"])).slides) > 3


@pytest.mark.parametrize("locale", ["az", "zh"])
def test_the_other_editions_tell_them_together_in_their_own_grammar(
        tmp_path: Path, locale: str, no_layout: None) -> None:
    paths = content_build(_dataset(tmp_path, FIGURES), tmp_path / "out", locale=locale)
    text = " ".join(p.text for p in Document(str(paths["docx"])).paragraphs)
    if locale == "zh":  # each clause with its own verb, joined by a semicolon
        assert re.search(r"增长9\.1%，达到[^；。]+；[^；。]*增长9\.6%，达到", text), text
        assert "增长5.7%（超过" in text
    else:
        assert re.search(r"9,1% artıb, [^;.]+ təşkil edib; [^;.]*9,6% artıb", text), text
    assert "{" not in text and "None" not in text


def test_validate_notes_figures_told_apart_that_belong_together(tmp_path: Path) -> None:
    from reportgen.report.together_notes import together_notes

    figures = [
        _m("exports", "economy", "Freedonian exports to Sylvania", 49_400_000, "EUR", 2031,
           change={"value": 5.7}),
        _m("export_rise", "economy", "Increase in Freedonian exports to Sylvania on a year "
           "earlier", 2_600_000, "EUR", 2031, qualifier="more_than"),
        _m("rank", "humanitarian", "Freedonia's rank among Sylvania's tourist markets", 1,
           "rank", 2031),
        _m("visitors", "humanitarian", "Visitors from Freedonia", 4_500_000, "count", 2031,
           noun="visitors"),
        _m("share", "humanitarian", "Share of Freedonians in arrivals", 25.98, "percent", 2031),
    ]
    dataset, _ = validate(_dataset(tmp_path, figures), TEMPLATES, strict=True)
    notes = {n.field.split("(")[-1].rstrip(")"): n for n in together_notes(dataset)}
    assert set(notes) == {"export_rise", "rank"}
    assert "`exports`" in notes["export_rise"].message
    assert "change: {amount: 2600000, amount_qualifier: more_than}" in notes["export_rise"].hint
    assert "with: [visitors, share]" in notes["rank"].hint
    lines = (tmp_path / "together" / "metrics.yaml").read_text(encoding="utf-8").splitlines()
    assert "export_rise" in lines[notes["export_rise"].line - 1] + lines[notes["export_rise"].line]
    assert all(n.message.startswith("note: ") and not n.warning for n in notes.values())
    # With the fix, no note: the change on the figure, the rank with its clauses.
    figures[0]["change"]["amount"] = 2_600_000
    del figures[1]
    figures[1]["with"] = ["visitors", "share"]
    shutil.rmtree(tmp_path / "together")
    dataset, _ = validate(_dataset(tmp_path, figures), TEMPLATES, strict=True)
    assert together_notes(dataset) == []


def test_a_change_needs_its_value_or_its_amount(tmp_path: Path) -> None:
    from reportgen.errors import DataError

    figure = _m("exports", "economy", "Freedonian exports", 5, "EUR", 2031,
                change={"qualifier": "about"})
    with pytest.raises(DataError) as raised:
        validate(_dataset(tmp_path, [figure]), TEMPLATES)
    assert "`value` (in percent) or its `amount`" in str(raised.value)


def test_plain_values_share_a_sentence_only_when_they_measure_one_thing(
        built: dict[str, Path]) -> None:
    """Deposits of two terms in one sentence; an investment of the same unit and month in a
    sentence of its own, never "deposits came to …, and investment in ports …"."""
    sentences = _sentences(built)
    assert any("€5 million" in s and "€5.3 million" in s for s in sentences), sentences
    assert not any("€35 million" in s and "deposits" in s for s in sentences), sentences


def test_validate_notes_a_negative_amount_and_an_amount_told_apart_from_its_share(
        tmp_path: Path) -> None:
    """A negative amount reads "-$10.8 billion"; an amount and a share of one section and
    period are told apart: each gets a note naming the figure and the field that fixes it."""
    from reportgen.report.together_notes import together_notes

    figures = [
        _m("trade_change", "economy", "Change in trade between Freedonia and Sylvania",
           -10_800_000, "EUR", 2031),
        _m("fdi_stock", "energy", "Freedonian direct investment stock in Sylvania", 8_100_000,
           "EUR", 2030, context=True),
        _m("fdi_share", "energy", "Freedonia's share of foreign capital in Sylvania", 30.8,
           "percent", 2030, context=True),
    ]
    dataset, _ = validate(_dataset(tmp_path, figures), TEMPLATES, strict=True)
    notes = {n.field.split("(")[-1].rstrip(")"): n for n in together_notes(dataset)}
    assert set(notes) == {"trade_change", "fdi_stock"}
    assert "negative amount" in notes["trade_change"].message
    assert "`change: {amount: …}`" in notes["trade_change"].hint
    assert "with: [fdi_share]" in notes["fdi_stock"].hint and "`noun:`" in notes["fdi_stock"].hint
    # With the fix, no note; the share is told as the amount's clause.
    figures[0]["value"] = 10_800_000
    figures[1]["with"] = ["fdi_share"]
    figures[2]["noun"] = "foreign capital in Sylvania"
    shutil.rmtree(tmp_path / "together")
    data = _dataset(tmp_path, figures)
    dataset, _ = validate(data, TEMPLATES, strict=True)
    assert together_notes(dataset) == []
    text = " ".join(p.text for p in Document(str(content_build(data, tmp_path / "out")["docx"]))
                    .paragraphs)
    assert "€8.1 million in 2030, with 30.8% of foreign capital in Sylvania" in text, text


def test_an_event_tells_its_own_figures_together_and_a_year_earlier_once(
        tmp_path: Path, no_layout: None) -> None:
    """An event's own figures (`metrics:`) are told as a section's are: a delegation's counts as
    parts of the largest, a visit's length as a length; a figure compared with the same months
    of the year before says "a year earlier", not the period again."""
    figures = [
        _m("visit_ministers", "politics", "Sylvanian ministers with the Queen", 4, "count",
           "2031-03-02", noun="ministers", verb="included in the delegation"),
        _m("visit_members", "politics", "Members of the Queen's delegation", 60, "count",
           "2031-03-02", noun="delegation members", verb="included in the delegation",
           qualifier="more_than"),
        _m("visit_days", "politics", "Length of the state visit", 3, "days", "2031-03"),
        _m("visit_gap", "politics", "Time since the last state visit", 12, "years", "2031-03"),
        _m("line_cost", "economy", "Cost of the new power line", 4_000_000_000, "EUR",
           "2031-05", status="expected"),
        _m("power", "economy", "Freedonia's power exports to Sylvania", 672_300_000, "kWh",
           "2031-01/2031-06", change={"value": 88}, compare_with="power_before"),
        _m("power_before", "economy", "Freedonia's power exports to Sylvania", 357_400_000,
           "kWh", "2030-01/2030-06", context=True),
        _m("surplus", "economy", "Freedonia's trade surplus with Sylvania", 69_000_000, "EUR",
           "2031-01/2031-09", compare_with="surplus_before"),
        _m("surplus_before", "economy", "Freedonia's trade surplus with Sylvania", 4_750_000_000,
           "EUR", "2030-01/2030-09", context=True),
    ]
    data = _dataset(tmp_path, figures)
    events = yaml.safe_load((data / "events.yaml").read_text(encoding="utf-8"))
    events["events"][0]["metrics"] = ["visit_days", "visit_ministers", "visit_members",
                                      "visit_gap"]
    (data / "events.yaml").write_text(yaml.safe_dump(events, allow_unicode=True),
                                      encoding="utf-8")
    said = _sentences(content_build(data, tmp_path / "out"))
    assert [s for s in said if "ministers" in s] == [
        "During the visit, four ministers were among more than 60 delegation members included "
        "in the delegation."], said  # of the event's day: dated by the event (issue 21m)
    # Its length is said in the visit's kind ("a three-day state visit", issue 21q).
    assert [s for s in said if "three-day" in s] and "The visit lasted three days." not in said \
        and not [s for s in said if "length" in s]
    # Twelve years is no event's length: a figure of its own, never "The visit lasted 12 years".
    assert [s for s in said if "12 years" in s or "twelve years" in s], said
    assert not [s for s in said if "lasted 12" in s or "lasted twelve" in s], said
    # An expectation dated by the month it was reported: never "should reach … in May 2031";
    # a cost of a thing told of the thing (figure_clauses.py), without the month.
    assert "The new power line is expected to cost €4 billion." in said, said
    # A change on a year earlier and the earlier value: "a year earlier" said once.
    power = [s for s in said if "672.3 million kWh" in s]
    assert len(power) == 1 and "357.4 million kWh" in power[0], said
    assert power[0].count("a year earlier") == 1, power
    # Beside its earlier value with no change reported: which way it moved.
    assert "Freedonia's trade surplus with Sylvania fell to €69 million in January–September "\
           "2031, from €4.75 billion a year earlier." in said, said
