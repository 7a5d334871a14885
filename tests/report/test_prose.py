"""Prose for any dataset: every item placed, figures in sentences, no debris; tailoring without
forking; a template that drops an item fails the build at that item's line."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from reportgen.errors import TemplateError
from reportgen.pipeline.build import BuildOptions, build, validate
from reportgen.report.tree import Report

from ..conftest import DATA, FIXTURES, TEMPLATES, gathered

# Written from real press articles, from docs/dataset.md alone (sources/ holds the texts):
RICH = FIXTURES / "kazakhstan-uzbekistan-2025"  # 40+ items, five events in one month
SPARSE = FIXTURES / "georgia-armenia-2024"  # two sections, no events, no speakers or changes
DATASETS = [DATA, RICH, SPARSE, FIXTURES / "minimal"]


def _items(folder: Path) -> dict[str, list[dict]]:
    found = {}
    for name in ("metrics", "facts", "events", "series"):
        path = folder / f"{name}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
        found[name] = (data or {}).get(name) or []
    return found


def _prose(report: Report) -> str:
    return "\n".join(b.text for s in report.sections for b in s.section.blocks)


@pytest.fixture(scope="module", params=DATASETS, ids=lambda p: p.name)
def composed(request: pytest.FixtureRequest) -> tuple[Path, Report]:
    return request.param, gathered(request.param).report


def test_every_fact_and_event_is_in_the_prose(composed: tuple[Path, Report]) -> None:
    folder, report = composed
    cited = {r.cite for s in report.sections for b in s.section.blocks for r in b.runs}
    items = _items(folder)
    for kind in ("facts", "events"):
        missing = [i["id"] for i in items[kind] if i.get("publish", True) and i["id"] not in cited]
        assert not missing, (kind, missing)


def test_every_figure_is_in_a_sentence_with_its_period(composed: tuple[Path, Report]) -> None:
    """Not only in the key-figures table: each figure is cited in a section's prose."""
    folder, report = composed
    cited = {r.cite for s in report.sections for b in s.section.blocks for r in b.runs}
    missing = [m["id"] for m in _items(folder)["metrics"] if m["id"] not in cited]
    assert not missing


def test_no_debris_in_the_prose(composed: tuple[Path, Report]) -> None:
    _, report = composed
    text = _prose(report) + "\n".join(
        " ".join([s.section.headline, *(t.text for t in s.section.takeaways)])
        for s in report.sections)
    for debris in ("None", "nan", "{", "}", "reportgen", " ,", ",,", "..", " .", "  "):
        assert debris not in text, (debris, re.findall(rf".{{0,40}}{re.escape(debris)}.{{0,40}}",
                                                       text)[:3])


def test_sparse_reads_without_events_or_changes() -> None:
    report = gathered(SPARSE).report
    titles = [s.section.title for s in report.sections]
    assert len(titles) == 3 and titles[0] == "Executive summary"  # summary + its two areas
    prose = _prose(report)
    assert "on the same period a year earlier" not in prose  # no change reported
    assert "Prior-year values" not in prose  # no estimate made, so no word on estimates
    assert "summits" not in prose and "Leader-level" not in prose
    assert not report.timeline.rows


def test_rich_narrates_figures_with_their_change_and_estimate() -> None:
    report = gathered(RICH).report
    economy = next(s for s in report.sections if s.section.id == "economy")
    text = " ".join(b.text for b in economy.section.blocks)
    assert re.search(r"Bilateral trade since the beginning of the year reached nearly \$4 "
                     r"billion in January to mid-November 2025, about 15% more than a year "
                     r"earlier\.", text)
    # The estimate is a note on the figure, not a sentence of the body; rounded so that it
    # differs from the figure it comes from (nearly $4 billion, +15%: about $3.5 billion).
    assert "estimated" not in text and "$3.5 billion" in report.notes["bilateral_trade"]
    politics = next(s for s in report.sections if s.section.id == "politics")
    told = " ".join(b.text for b in politics.section.blocks)
    # Events told as what happened, not as records: who met, where and when, then what came
    # of it; a person the summary named with his office is named by name alone, one named here
    # first with his office.
    assert ("Murat Nurtleu and Foreign Minister Bakhtiyor Saidov held the first meeting of the "
            "Council of Foreign Ministers of Kazakhstan and Uzbekistan, Khiva, in March 2025. "
            "During the meeting, the two sides signed a protocol") in told
    assert "resulted in" not in told
    assert "brought together" not in told and "Outcomes included" not in told
    # The summary's assessment is its speaker's, and says so.
    summary = " ".join(b.text for b in report.sections[0].section.blocks)
    assert "in all areas, Murat Nurtleu said." in summary
    for s in report.sections:
        assert s.section.headline, s.section.id
        # the summary's slide: three to five claims; a section's beside its chart: one to three
        most = 5 if s.section.id == "summary" else 3
        assert 1 <= len(s.section.takeaways) <= most, s.section.id


def test_the_build_records_where_every_item_went(tmp_path: Path, no_layout: None) -> None:
    build(BuildOptions(data=RICH, templates=TEMPLATES, out=tmp_path, formats=("docx",)))
    manifest = json.loads((tmp_path / RICH.name / "manifest.json").read_text(encoding="utf-8"))
    placed = manifest["placements"]
    items = _items(RICH)
    expected = {f"{kind}:{i['id']}" for kind, found in items.items() for i in found}
    assert expected <= set(placed)
    assert all(places for places in placed.values())
    assert any(p.startswith("section:") for p in placed["metrics:bilateral_trade"])


def test_a_template_that_drops_an_item_fails_at_its_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(RICH, data)
    (data / "narrative").mkdir()
    # A dataset's own section template that forgets the facts of its section.
    forgetful = ("{% block title %}{{ section.title }}{% endblock %}\n{% block body %}\n"
                 "{% for x in metrics_in(section.id) %}{{ prose.figure(x) }}\n{% endfor %}\n"
                 "{% for e in events_in(section.id) %}{{ prose.event(e) }}\n{% endfor %}\n"
                 "{% endblock %}\n")
    for name in ("section.j2", "summary.j2"):
        (data / "narrative" / name).write_text(forgetful, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        gathered(data)
    problems = caught.value.problems
    lines = (data / "facts.yaml").read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines, 1) if line.strip().startswith("- id:"))
    assert all(p.file.endswith("facts.yaml") for p in problems)
    assert problems[0].line == first and "appears nowhere in the briefing" in problems[0].message
    assert "publish: false" in problems[0].hint


def test_publish_false_leaves_an_item_out_on_purpose(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(RICH, data)
    text = (data / "facts.yaml").read_text(encoding="utf-8")
    fact_id = yaml.safe_load(text)["facts"][0]["id"]
    (data / "facts.yaml").write_text(text.replace(f"id: {fact_id}\n", f"id: {fact_id}\n"
                                                  "    publish: false\n", 1), encoding="utf-8")
    report = gathered(data).report
    assert fact_id not in {r.cite for s in report.sections for b in s.section.blocks
                           for r in b.runs}


def test_a_dataset_brings_its_own_sections(tmp_path: Path) -> None:
    """Add a section the shipped report.yaml lacks, drop the rest: no code or template change."""
    data = tmp_path / "data"
    shutil.copytree(SPARSE, data)
    structure = yaml.safe_load((TEMPLATES / "report.yaml").read_text(encoding="utf-8"))
    structure["sections"] = [s for s in structure["sections"] if s["id"] in ("summary",
                                                                             "economy")]
    structure["sections"].append({"id": "politics", "title": "Diplomacy and security"})
    structure["deck"] = [d for d in structure["deck"] if d["content"] in ("title", "sources")]
    del structure["briefing"]  # the default order: the first section, key figures, the rest
    (data / "report.yaml").write_text(yaml.safe_dump(structure), encoding="utf-8")
    report = gathered(data).report
    assert [s.section.title for s in report.sections][-1] == "Diplomacy and security"


def test_no_events_no_timeline_in_the_briefing(tmp_path: Path, no_layout: None) -> None:
    from docx import Document

    build(BuildOptions(data=SPARSE, templates=TEMPLATES, out=tmp_path, formats=("docx",)))
    doc = Document(str(tmp_path / SPARSE.name / f"{SPARSE.name}-briefing.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Timeline of events" not in headings and headings[-1] == "Sources"
    assert all(len(table.rows) > 1 for table in doc.tables)


def _empty_timeline(data: Path) -> None:
    path = data / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("high_level: true",
                                                             "high_level: false"),
                    encoding="utf-8")


def _empty_series(data: Path) -> None:
    path = data / "trade_by_year.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def _unpublished_bars(data: Path) -> None:
    with (data / "charts.yaml").open("a", encoding="utf-8") as charts:
        charts.write("  - {id: hidden, area: economy, kind: bars, title: Hidden figures, "
                     "metrics: [hidden_a, hidden_b]}\n")
    with (data / "metrics.yaml").open("a", encoding="utf-8") as metrics:
        for metric_id in ("hidden_a", "hidden_b"):
            metrics.write(f"  - {{id: {metric_id}, area: economy, label: Hidden, short_label: "
                          "Hidden, value: 3, unit: t, period: '2031', publish: false, "
                          "sources: [almanac]}\n")


@pytest.mark.parametrize(("change", "chart", "why"), [
    (_empty_timeline, "timeline", "no published event is `high_level`"),
    (_empty_series, "exports_by_year", "series 'trade_by_year' has no rows"),
    (_unpublished_bars, "hidden", "every metric it charts is `publish: false`"),
])
def test_a_chart_with_nothing_to_show_warns_at_its_line_and_is_left_out(
        tmp_path: Path, change: Any, chart: str, why: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    change(data)
    _, warnings = validate(data, TEMPLATES)
    lines = (data / "charts.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if f"id: {chart}," in text)
    ours = [w for w in warnings if w.file.endswith("charts.yaml")]
    assert [(w.line, w.message) for w in ours] == [(line, f"chart '{chart}' has nothing to "
                                                          f"show: {why}")]
    assert ours[0].warning and "remove the chart" in ours[0].hint
    report = gathered(data).report
    placed = [c.id for s in report.sections for c in s.charts]
    placed += [report.timeline_chart.id] if report.timeline_chart else []
    assert chart not in placed and placed  # the other charts are still there
    assert not any(r.ref == chart for s in report.sections for b in s.section.blocks
                   for r in b.runs)


def test_the_summary_narrates_its_own_events(tmp_path: Path) -> None:
    """An event of the summary area is told there, outcomes and anniversary included, with
    entity names in place of their {placeholders} (found by test_any_dataset)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    with (data / "events.yaml").open("a", encoding="utf-8") as events:
        events.write("  - {id: envoys_meet, area: summary, title: Envoys meet, short_title: "
                     "Envoys meet, period: 2031-05, outcomes: ['a renewed {duck_accord}'], "
                     "anniversary: 5, commemorates: 'the {duck_accord}', sources: [gazette]}\n")
    report = gathered(data).report
    summary = "\n".join(b.text for b in report.sections[0].section.blocks)
    assert report.sections[0].section.id == "summary"
    assert "a renewed Accord of the 4 Marx Brothers" in summary
    assert "anniversary of the Accord of the 4 Marx Brothers" in summary and "{" not in summary


def test_a_section_with_a_series_alone_shows_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    path = data / "series.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("area: economy", "area: energy"),
                    encoding="utf-8")
    report = gathered(data).report
    energy = next(s for s in report.sections if s.section.id == "energy")
    assert [t.title for t in energy.tables] == ["Bilateral trade in goods by year"]


def test_entity_names_are_substituted_in_chart_titles_too(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    charts = yaml.safe_load((data / "charts.yaml").read_text(encoding="utf-8"))
    charts["charts"][0]["title"] += " from {sylvania_city}"
    (data / "charts.yaml").write_text(yaml.safe_dump(charts), encoding="utf-8")
    report = gathered(data).report
    captions = [c.caption for s in report.sections for c in s.charts]
    assert any("from Sylvania City" in c for c in captions), captions
    assert not any("{" in c for c in captions)


def test_the_summary_states_headlines_briefly_and_the_events_in_a_sentence() -> None:
    report = gathered(RICH).report
    summary = [b.text for b in report.sections[0].section.blocks]
    text = " ".join(summary)
    assert ("Bilateral trade since the beginning of the year rose about 15% to nearly $4 billion "
            "in January to mid-November 2025, and Kazakhstan–Uzbekistan rail transportation "
            "rose 16% to 28.5 million tonnes in January–November 2025.") in text
    # The year's main event as a sentence, briefly (issue 21e), not a list of events.
    assert "President Kassym-Jomart Tokayev paid a state visit to Uzbekistan in November 2025." \
        in text
    assert "high-level events included" not in text
    assert not any(p.endswith(":") for p in summary)
    assert "Looking ahead" not in _prose(report) and "was confident" not in _prose(report)
    # Said once: no sentence of a section is the summary's.
    sections = {b.text for s in report.sections[1:] for b in s.section.blocks}
    assert not sections & set(summary) - {""}


def test_a_slide_is_titled_with_its_sections_main_point() -> None:
    report = gathered(RICH).report
    headline = {s.section.id: s.section.headline for s in report.sections}
    # The weightiest high-level event (participants, outcomes, figures), not the first or last:
    # the figure that came of it, as a claim, never "Event: figure".
    assert headline["politics"] == "Joint projects launched at about $1.3 billion"
    assert not [h for h in headline.values() if " · " in h or re.match(r"^[^:]{3,60}: ", h)]
    assert headline["outlook"] == "Trade target of $10 billion by 2030"
    points = [b.text for s in report.sections for b in s.section.points]
    assert "78 industrial facilities in March 2025" in points
    assert not [p for p in points if re.match(r"^[^:]{3,60}: [^:]*\d", p)]  # no "Label: value"


def test_the_points_beside_a_chart_are_that_charts_figures() -> None:
    report = gathered(SPARSE).report
    charts = yaml.safe_load((SPARSE / "charts.yaml").read_text(encoding="utf-8"))["charts"]
    metrics = {m["id"]: m for m in _items(SPARSE)["metrics"]}
    for area in report.sections:
        for chart_id, lines in area.section.chart_points.items():
            chart = next(c for c in charts if c["id"] == chart_id)
            # Its figures, and the earlier figures its bars set them against.
            shown = {*chart["metrics"], *(metrics[m].get("compare_with") for m in
                                          chart["metrics"])}
            cited = {r.cite for b in lines for r in b.runs if r.cite}
            assert lines and cited <= shown, (chart_id, cited)
    economy = next(s for s in report.sections if s.section.id == "economy")
    # a title rounds its amounts (issue 21o): "$854 million", not "$853.7 million"
    assert economy.section.headline == "Bilateral trade down to $854 million, from $1.12 billion"


# Figures whose frame the data decides (docs/prose.md, "Figures"): each line a metric of the
# minimal dataset (Freedonia–Sylvania 2031), written as the docs teach.
TOLD = [
    "{id: envoys, area: politics, label: 'Envoys, resident and accredited', short_label: Envoys,"
    " value: 4, unit: count, period: '2031', sources: [almanac]}",
    "{id: partner_rank, area: economy, label: Sylvania's rank among Freedonia's trading partners,"
    " short_label: Trading partner, value: 3, unit: rank, period: 2030-04/2031-03,"
    " context: true, sources: [almanac]}",
    "{id: export_rank, area: economy, label: Sylvania's rank among Freedonian export markets,"
    " short_label: Export market, holder: Sylvania, among: Freedonian export markets, value: 2,"
    " unit: rank, period: 2030-04/2031-03, context: true, sources: [almanac]}",
    "{id: accords, area: politics, label: Accords signed during the visit, short_label: Accords,"
    " noun: accords, value: 5, unit: count, period: '2031-07-03', sources: [almanac],"
    " alternatives: [{value: 4, sources: [gazette]}]}",
    "{id: signed, area: politics, label: Agreements signed at the summit, short_label: Signed,"
    " noun: agreements, verb: signed, value: 7, unit: count, period: '2031-07-04',"
    " sources: [almanac]}",
    "{id: cheese_shops, area: economy, label: Cheese shops in Sylvania, short_label: Shops,"
    " noun: cheese shops, value: 78, unit: count, period: 2031-03, sources: [almanac]}",
    "{id: ferries, area: economy, label: Ferries between the two capitals, short_label: Ferries,"
    " noun: ferries, value: 3, unit: count, per: week, period: 2031-03, sources: [almanac]}",
    "{id: share, area: economy, label: Sylvania's share of Freedonian exports, short_label: Share,"
    " value: 13.2, unit: percent, period: 2031-04, sources: [almanac]}",
    "{id: term, area: economy, label: Term of the cheese supply accord, short_label: Term,"
    " value: 15, unit: years, period: '2031-07-03', sources: [almanac]}",
    "{id: park, area: economy, label: Sylvanian investment in food parks, short_label: Food parks,"
    " value: 2000000000, unit: USD, period: 2031-02, status: planned, sources: [almanac]}",
    "{id: port, area: economy, label: Sylvanian investment in the port, short_label: Port,"
    " value: 500000000, unit: USD, period: 2031-02, status: planned, by: 2034,"
    " sources: [almanac]}",
]


def _told(tmp_path: Path, told: list[str] = TOLD, keys: bool = True) -> Path:
    """The minimal fixture with these figures first (without its key figures if not `keys`)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    path = data / "metrics.yaml"
    text = path.read_text(encoding="utf-8")
    text = text if keys else text.replace("    key: true\n", "")
    path.write_text(text.replace("metrics:\n", "metrics:\n" + "".join(
        f"  - {line}\n" for line in told), 1), encoding="utf-8")
    return data


def test_validate_notes_each_figure_that_falls_back_to_a_plain_sentence(tmp_path: Path) -> None:
    from reportgen.report.plain import plain_sentences

    data = _told(tmp_path)
    dataset, warnings = validate(data, TEMPLATES, strict=True)
    notes = {n.field.split("(")[-1].rstrip(")"): n for n in plain_sentences(dataset)}
    # Each figure the data cannot tell, with the field that would fix it; none for the others
    # (not `accords`, whose label says already that they were signed: issue 21u).
    assert {k: re.findall(r"`(\w+):`", n.hint) for k, n in notes.items()} == {
        "envoys": ["noun"], "partner_rank": ["holder", "among"], "park": ["by"]}
    lines = (data / "metrics.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[notes["envoys"].line - 1].lstrip().startswith("- {id: envoys")
    assert all(n.message == "note: falls back to a plain sentence" and not n.warning
               and n.file.endswith("metrics.yaml") for n in notes.values())


def test_a_figure_is_told_as_what_it_is(tmp_path: Path) -> None:
    """The frame comes from the unit, status, period and the optional fields: a rank with its
    holder, things done and things that exist, a rate, a share and a term that "was", a plan by
    the year it aims at or as announced, a fiscal year as an editor writes it."""
    prose = _prose(gathered(_told(tmp_path)).report)
    for sentence in (
            "Sylvania ranked second among Freedonian export markets in 2030–31.",
            "Sylvania's rank among Freedonia's trading partners was third in 2030–31.",
            # Things done, with what their label says of where (issue 21l); without `verb:`
            # the label's participle says it; two neighbouring counts "four or five".
            "Seven agreements were signed at the summit on 4 July 2031.",
            "Four or five accords were signed during the visit on 3 July 2031, depending on the "
            "source.",
            "In March 2031, there were 78 cheese shops in Sylvania.",
            "In March 2031, there were three ferries a week.",
            "Sylvania accounted for 13.2% of Freedonian exports in April 2031.",
            # A term told of its thing, without the day it was reported (issue 21).
            "The cheese supply accord runs for 15 years.",
            "Plans announced in February 2031 put Sylvanian investment in food parks at $2 "
            "billion.",
            "Sylvanian investment in the port is planned to reach $500 million by 2034."):
        assert sentence in prose, (sentence, prose)
    assert "about 1,250 tonnes in January–June 2031" in prose  # a unit that reads (table: t)
    for record in ("came to 13.2%", "came to 15 years", "according to plans", "April 2030"):
        assert record not in prose


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", ["2030–2031年度，Sylvania在Freedonian export markets中排名第二", "2031年7月4日，"
            "signedagreements共计7"]),
    ("az", ["Sylvania 2030–2031 ərzində Freedonian export markets arasında ikinci yeri tutub",
            "4 iyul 2031 tarixində 7 agreements signed"])])
def test_every_edition_tells_a_figure_in_its_own_grammar(tmp_path: Path, language: str,
                                                         expected: list[str]) -> None:
    from reportgen.dataset.loading import load_dataset
    from reportgen.report.catalog import load_catalog
    from reportgen.report.formatting import Formatter
    from reportgen.report.prose import Prose
    from reportgen.report.views import build_views

    views = build_views(load_dataset(_told(tmp_path)),
                        Formatter(load_catalog(TEMPLATES, language), language))
    prose = Prose(views, lambda *ids: "", lambda chart: "")
    told = " ".join(prose.figure(x, chart=False) for x in views.metrics.values())
    for words in expected:
        assert words in told, (words, told)


def _paragraphs(report: Report, section: str) -> list[str]:
    found = next(s for s in report.sections if s.section.id == section)
    return [b.text for b in found.section.blocks if b.kind == "paragraph"]


def test_an_event_is_told_as_what_happened_with_its_ordinals_woven_in() -> None:
    report = gathered(FIXTURES / "india-uae-2024").report
    politics = " ".join(_paragraphs(report, "politics"))
    # The visitor (whom the title names in full), where and when, and whom they met (issue
    # 21i: a visit told as a visit); what number of its kind it was; then what came of it,
    # three outcomes at most to a sentence, its signings as one.
    assert ("Prime Minister Narendra Modi paid an official visit to the United Arab Emirates on "
            "13–14 February 2024 for talks with President Sheikh Mohamed bin Zayed Al Nahyan and "
            "Sheikh Mohammed bin Rashid Al Maktoum.") in politics
    assert ("It was the fifth meeting of Prime Minister Modi and President Mohamed bin Zayed in "
            "eight months and the fifth or seventh visit of Prime Minister Modi to the UAE, "
            "depending on the source.") in politics
    # What came of it is what the two sides did (issue 21m), after the count of its day.
    assert "During the visit, 10 memoranda and agreements were signed." in politics
    assert ("The two sides signed the Bilateral Investment Treaty and the framework agreement "
            "on") in politics
    assert "and the signing of the framework" not in politics and "resulted in" not in politics
    assert "The visit also brought the formal unveiling of" in politics
    assert "brought together" not in politics and ". The leaders' meeting" not in politics
    # An opinion is its speaker's; without one, it is stated and its footnote names the sources.
    summary = " ".join(_paragraphs(report, "summary"))
    assert "under the visionary leadership of both countries, Droupadi Murmu said." in summary
    economy = " ".join(_paragraphs(report, "economy"))
    assert "The Bilateral Investment Treaty will be" in economy and "According to" not in economy


@pytest.mark.parametrize("data", [DATA, RICH, FIXTURES / "india-uae-2024",
                                  FIXTURES / "turkey-hungary-2025"], ids=lambda p: p.name)
def test_no_paragraph_of_one_sentence_where_a_neighbour_can_take_it(data: Path) -> None:
    report = gathered(data).report
    for s in report.sections:
        if s.section.id == "summary":
            continue  # the occasion opens the summary on its own
        paragraphs = [re.sub(r"\[[\^@][a-z0-9_]+\]", "", b.text)
                      for b in s.section.blocks if b.kind == "paragraph"]
        # A paragraph only pointing to a chart, or a one-sentence paragraph beside another.
        assert not any(p.startswith(("The chart “", "The high-level events of the year are"))
                       for p in paragraphs), s.section.id
        ends = [len(re.findall(r"[.!?](?=\s|$)", p)) for p in paragraphs]
        assert len(paragraphs) < 2 or 1 not in ends, (s.section.id, paragraphs)


# A section's figures as the summary would have told them as records (issue 21e): a count by
# its label, a single day's demand as a sum that "came to", and no key figure to lead with.
HEADLINED = [
    "{id: claim, area: economy, label: Damages claimed from Freedonia, short_label: Claim,"
    " value: 1300000000000, unit: EUR, period: '2031-09-16', sources: [almanac]}",
    "{id: activities, area: politics, label: Activities of the friendship days,"
    " short_label: Activities, noun: activities, verb: held, value: 34, unit: count,"
    " period: 2031-06-30/2031-07-03, sources: [almanac]}",
    "{id: residents, area: humanitarian, label: Sylvanians living in Freedonia,"
    " short_label: Residents, noun: Sylvanians, value: 280000, qualifier: about, unit: count,"
    " period: 2031-06, sources: [almanac]}",
]


def _headlined(tmp_path: Path) -> Path:
    """The minimal fixture without key figures, the claim listed before the trade figure."""
    return _told(tmp_path, HEADLINED, keys=False)


def test_the_summary_tells_each_headline_figure_as_its_section_does(tmp_path: Path) -> None:
    report = gathered(_headlined(tmp_path)).report
    summary = " ".join(_paragraphs(report, "summary"))
    # A flow with its change leads the economy, not the single day's claim listed before it;
    # where a flow moved, it is the headline (leads.py): the counts of the other sections (the
    # activities, the residents) and the claim are told in their sections only.
    assert "Bilateral trade in goods fell 4.5% to €830 million in January–September 2031." \
        in summary, summary
    assert "34 activities" not in summary and "280,000" not in summary
    assert "34 activities were held" in " ".join(_paragraphs(report, "politics"))
    assert "About 280,000 Sylvanians lived in Freedonia" in " ".join(
        _paragraphs(report, "humanitarian"))
    assert "came to" not in summary and "The number of" not in summary
    assert "1.3 trillion" not in summary  # told in full in its section only
    assert "€1.3 trillion" in " ".join(_paragraphs(report, "economy"))
    # Without key figures the summary's points are the same headline figures, short, then the
    # year's main event and the sections' next figures: three to five.
    points = [b.text for b in report.sections[0].section.takeaways]
    assert 3 <= len(points) <= 5 and all(len(p) <= 90 for p in points), points
    assert "Bilateral trade down 4.5% to €830 million in January–September 2031" in points
