"""The house-style check: every shipped dataset and fixture builds a briefing and deck with no
mark of assembled prose; the sentences the editor cut (issue 21) are each caught at their
paragraph or slide, read back from real documents."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Inches

from reportgen.audit.prose import check_briefing, check_deck, check_text
from reportgen.cli import cli
from reportgen.pipeline.build import BuildOptions, build, output_paths

from ..conftest import DATA, FIXTURES, TEMPLATES

# Every dataset written from the docs (tests/fixtures) and the shipped one, as each is added.
DATASETS = [DATA, *sorted(p for p in FIXTURES.iterdir() if (p / "briefing.yaml").is_file())]


@pytest.mark.parametrize("data", DATASETS, ids=lambda p: p.name)
def test_the_built_briefing_and_deck_read_as_written(data: Path, tmp_path: Path,
                                                     no_layout: None) -> None:
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path, formats=("docx", "pptx")))
    paths = output_paths(data.name, tmp_path)
    found = (check_briefing(paths["docx"].read_bytes(), paths["docx"].name)
             + check_deck(paths["pptx"].read_bytes(), paths["pptx"].name))
    assert [str(f) for f in found] == []


# The editor's examples (issue 21), each with the rule that must catch it.
CUT = [
    ("Enterprises with Chinese capital in Kazakhstan numbered more than 4,700 in July 2024.",
     "records.stood_at"),
    ("Bilateral trade turnover, January–March stood at $6.3 billion in January – March 2024.",
     "records.stood_at"),
    ("It brought together Ilham Aliyev and Xi Jinping. Outcomes included talks.",
     "records.brought_together"),
    ("The visit went well. Outcomes included a joint statement.", "records.outcomes"),
    ("The official visit of Prime Minister Modi on 13–14 February 2024 brought together Narendra "
     "Modi and Sheikh Mohamed and resulted in the signing of a treaty.",
     "records.brought_together"),
    ("The high-level events of the year are also shown on a timeline (see Figure 2).",
     "skeleton.chart_sentence"),
    # Said once (issue 21j): a pointer to a chart is no sentence of its own, even after
    # another; a source is named in the footnote, not the body.
    ("The meeting resulted in a joint statement. The high-level events of the year are also "
     "shown on a timeline (see Figure 2).", "skeleton.chart_sentence"),
    ("Trade rose 9.2%. The chart “Trade by year” sets out these figures (see Figure 3).",
     "skeleton.chart_sentence"),
    ("According to SeneNews, Saudi Arabia now prefers to invest rather than to provide aid.",
     "notes.source_named"),
    ("Trade fell. According to The National and Enterprise, the statement gave no timeframe.",
     "notes.source_named"),
    ("Increase in bilateral trade the parties intend to reach: 2 in 2026.",
     "records.label_value_body"),
    ("News.Az gives more than 16,000.", "notes.source_gives"),
    ("The sources do not give the prior-year value; on the reported change it comes to an "
     "estimated $2 billion.", "notes.derivation"),
    ("Trade grew multiply by 4.2 over the decade.", "numbers.multiply"),
    ("The deputy prime minister visited China 2 times during the year.", "numbers.times"),
    ("The talks were held on a Friday in December 20, 2024.", "dates.weekday_in_date"),
    ("The forum met in May 26 – 27, 2024 in Astana.", "dates.month_day"),
    ("Commissioning is set for 2,033 year (scheduled).", "numbers.year_grouped"),
    ("An estimated ≈7,067.7 tourists came in January–March.", "numbers.fractional_count"),
    ("Looking ahead: The partnership will expand.", "skeleton.colon_the"),
    ("The envoy was confident about 2026: The partnership will expand.", "skeleton.colon_the"),
    ("The high-level events of the year were:", "skeleton.list_lead"),
    ("It is scheduled to go into operation in 2033.", "order.pronoun"),
    ("Bilateral trade, January–March, reached $6.3 billion in January – March 2024.",
     "dates.period_twice"),
    ("Trade reached $1 billion in March 2024, up from March 2024's low.", "dates.period_twice"),
    ("The the meeting of the council on 8 December 2025 was the seventh.",
     "mechanics.doubled_word"),
    # Figures told as records (issue 21a): the frames that replaced them cannot come back.
    ("The UAE's rank among India's trading partners was third in 2023.", "records.rank_was"),
    ("Rank as FDI source was seventh in February 2024.", "records.rank_was"),
    ("Migrants' share of the UAE's population came to 88% in 2024.", "records.came_to_level"),
    ("The term of the supply agreement came to 15 years on 9 September 2024.",
     "records.came_to_level"),
    ("The number of activities came to 34 on 30 June – 3 July 2024, and trade rose 9.2%.",
     "records.number_came_to"),
    ("Food park investment will reach $2 billion in February 2024, according to plans.",
     "records.plan_dated"),
    ("In April 2022 – March 2023, trade came to about $85 billion.", "dates.fiscal_spelled"),
    # Related figures told apart, labels as subjects (issue 21f).
    ("South Korean exports to Vietnam reached $58.3 billion in 2024, 9.1% more than a year "
     "earlier. South Korean imports from Vietnam reached $28.4 billion in 2024, 9.6% more than "
     "a year earlier.", "figures.split"),
    ("South Korea's trade surplus with Vietnam came to $29.9 billion in 2024. Rise in surplus "
     "came to $2.3 billion in 2024.", "figures.split"),
    ("Rise in surplus came to $2.3 billion in 2024.", "records.bare_label"),
    ("In 2024, increase in German exports to Poland over a full year came to more than €3 "
     "billion.", "records.bare_label"),
    ("In 1992, two-way trade when diplomatic ties were established came to $500 million.",
     "records.label_clause"),
    ("The speech resulted in the president reaffirmed French support.", "records.result_clause"),
    ("The letter resulted in France recognised the autonomy plan.", "records.result_clause"),
    ("Saudi deposits at the Central Bank of Egypt came to $10.3 billion in September 2024.",
     "records.came_to"),
    ("Change in trade between Brazil and Argentina came to -$10.8 billion in January–October "
     "2024.", "records.came_to"),
    # Related figures told apart, overlapping periods (issue 21h, the editor's cuts).
    ("Brazilian exports to Argentina fell 24.8% in January–October 2024. Brazilian imports from "
     "Argentina rose 9.7% in January–October 2024.", "figures.split"),
    ("Morocco ranked first among France's trading partners in Africa in 2023. Morocco ranked "
     "second among France's trading partners in the Middle East and North Africa in 2023.",
     "figures.split"),
    ("On 28 October 2024, nine ministers were included in the delegation. On 28 October 2024, "
     "about 40 business leaders were included in the delegation.", "figures.split"),
    ("Brazilian exports to Argentina reached $3.91 billion in January–April 2024, 29.9% less "
     "than a year earlier. Brazilian exports to Argentina reached $5 billion in January–May "
     "2024, 33.1% less than a year earlier.", "figures.overlap"),
]


@pytest.mark.parametrize(("sentence", "rule"), CUT, ids=[r for _, r in CUT])
def test_each_mark_of_assembled_prose_is_caught(sentence: str, rule: str) -> None:
    found = check_text([("paragraph 7", sentence)], "b.docx", "body")
    assert any(f.message.startswith(f"{rule}: ") for f in found), [str(f) for f in found]
    assert all(f.file == "b.docx" and f.field == "paragraph 7" and f.warning for f in found)


@pytest.mark.parametrize("sentence", [
    "Bilateral trade reached $2.44 billion in January–October 2025, 21.9% more than a year "
    "earlier.",
    "During the state visit in April, President Aliyev met Xi Jinping. During the visit, the two "
    "leaders signed a joint statement.",
    "The two leaders signed a joint statement at the meeting, and met again in May (see "
    "Figure 2).",
    "Saudi Arabia is seen as now preferring investment to direct aid for allies such as Egypt.",
    "According to the minister, trade will double.",
    "Trade came to between $2.2 billion and $3.1 billion in 2023, depending on the source.",
    "The deputy prime minister visited China twice during the year.",
    "The forum met on 26–27 May 2024 in Astana.",
    "The briefing was given on a Thursday in December 2025.",
    "The partnership will continue to expand, the ambassador said.",
    "In 2023–24, trade totalled $83.7 billion, against $85 billion in 2022–23.",
    "The UAE ranked third among India's trading partners in 2022–23.",
    "Trade totalled $5.2 billion in January–December 2024.",
    "Migrants' share of the UAE's population was 88% in 2024.",
    "Plans announced in February 2024 put food park investment at $2 billion.",
    "Bilateral trade will reach $10 billion in 2030, according to plans.",
    "South Korean exports to Vietnam rose 9.1% to $58.3 billion in 2024 and imports from "
    "Vietnam 9.6% to $28.4 billion.",
    "German exports to Poland rose 5.7%, or more than €2.6 billion, to €49.4 billion in "
    "January–June 2025 and imports from Poland 5.2%, or €2 billion.",
    "In 1992, when diplomatic ties were established, two-way trade totalled $500 million.",
    "Philippine exports to Japan totalled $823.27 million in April 2024. Japan ranked third "
    "among Philippine export markets in April 2024. Loans totalled ¥64.3 billion in April 2024.",
    "Brazilian exports to Argentina fell 24.8% in January–October 2024, while imports from "
    "Argentina rose 9.7%. Brazilian exports to Argentina fell 33.1% to $5 billion in "
    "January–May 2024, while imports from Argentina rose 1.2% to $5 billion.",
    "Morocco ranked first among France's trading partners in Africa in 2023 and second in the "
    "Middle East and North Africa.",
    "On 28 October 2024, nine ministers and about 40 business leaders were among more than 120 "
    "leading French figures included in the delegation. On 28 October 2024, 22 agreements "
    "worth up to €10 billion were signed.",
])
def test_what_an_editor_writes_passes(sentence: str) -> None:
    assert check_text([("paragraph 1", sentence)], "b.docx", "body") == []


def test_the_same_sentence_in_two_sections_is_caught_at_the_second() -> None:
    said = "Bilateral trade reached $2.44 billion in January–October 2025, its highest level."
    found = check_text([("paragraph 3", said), ("paragraph 9", "Other words here."),
                        ("paragraph 12", said)], "b.docx", "body")
    assert [(f.field, f.message.split(":")[0]) for f in found] == [
        ("paragraph 12", "repetition.sentence")]
    assert "first in paragraph 3" in found[0].message


def test_a_briefing_is_read_back_from_its_body_only() -> None:
    """Headings, captions and what follows a table (notes on the key figures) are not prose."""
    doc = Document(str(TEMPLATES / "briefing.docx"))
    doc.add_paragraph("Economy", style="Heading 1")
    doc.add_paragraph("Bilateral trade stood at $2 billion in 2024.")
    doc.add_paragraph("Key figures", style="Heading 1")
    doc.add_table(rows=1, cols=1)
    doc.add_paragraph("Estimate: $2 billion for 2023, derived from the change.")
    buf = io.BytesIO()
    doc.save(buf)
    found = check_briefing(buf.getvalue(), "b.docx")
    assert [f.message.split(":")[0] for f in found] == ["records.stood_at"]
    assert found[0].field.startswith("paragraph ")


def test_figures_told_apart_are_caught_in_a_built_briefing_at_their_paragraph() -> None:
    doc = Document(str(TEMPLATES / "briefing.docx"))
    doc.add_paragraph("Economy", style="Heading 1")
    doc.add_paragraph("Trade rose. Exports reached $58.3 billion in 2024, 9.1% more than a year "
                      "earlier. Imports reached $28.4 billion in 2024, 9.6% more than a year "
                      "earlier.")
    buf = io.BytesIO()
    doc.save(buf)
    found = check_briefing(buf.getvalue(), "b.docx")
    assert [f.message.split(":")[0] for f in found] == ["figures.split"]
    assert found[0].field.startswith("paragraph ") and "Imports reached" in found[0].message


def test_a_label_value_point_on_a_slide_is_caught_at_its_slide() -> None:
    deck = Presentation(str(TEMPLATES / "deck.pptx"))
    blank = deck.slide_layouts[len(deck.slide_layouts) - 1]
    for text in ("Trade up 21.9% to $2.44 billion", "Bilateral trade: $853.7 million in 2024"):
        slide = deck.slides.add_slide(blank)
        box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1))
        box.text_frame.text = text
    buf = io.BytesIO()
    deck.save(buf)
    found = check_deck(buf.getvalue(), "d.pptx")
    last = len(deck.slides)
    assert [(f.field, f.message.split(":")[0]) for f in found
            if f.message.startswith("records.")] == [(f"slide {last}", "records.label_value")]


def _deck_of(slides: list[tuple[str, list[str]]]) -> bytes:
    """A deck of text slides: each a title and its points (bullets in a text box)."""
    deck = Presentation(str(TEMPLATES / "deck.pptx"))
    layout = next(layout for layout in deck.slide_layouts if layout.name == "Text")
    for title, points in slides:
        slide = deck.slides.add_slide(layout)
        slide.shapes.title.text_frame.text = title
        box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(3))
        box.text_frame.text = points[0]
        for point in points[1:]:
            box.text_frame.add_paragraph().text = point
    buf = io.BytesIO()
    deck.save(buf)
    return buf.getvalue()


def test_a_slide_of_one_or_two_points_and_a_dated_title_are_caught() -> None:
    three = ["Trade up 21.9% to $2.44 billion", "Freight trains up 34% to 351",
             "Tourist arrivals up nearly 50%"]
    found = check_deck(_deck_of([
        ("Freight and tourism grow with trade", three),
        ("Outlook", ["Trade will recover, the minister said"]),
        ("Victory Day parade (9 May 2025)", three),
        ("Trade up 21.9% to $2.44 billion in January–October 2025", three),
        ("Two points", three[:2])]), "d.pptx")
    assert [(f.field, f.message.split(":")[0]) for f in found] == [
        ("slide 2", "deck.thin_slide"), ("slide 3", "deck.title_dated"),
        ("slide 4", "deck.title_dated"), ("slide 5", "deck.thin_slide")]
    assert "Outlook" in str(found[0])


def test_the_deck_rules_catch_what_the_editor_cut() -> None:
    """Each fault of the rated decks (issue 21) is caught at its slide: "Label at value", a year
    said twice, more than five points, the title said again, a section's heading as a point."""
    six = ["Bilateral trade up 9.2% to $86.7 billion in 2024", "Exports up 9.1% to $58.3 billion",
           "Imports up 9.6% to $28.4 billion", "Chip exports up 46.3%", "Resin exports up 18%",
           "Wireless exports up 16.9%"]
    data = _deck_of([
        ("Tourism", ["Share of arrivals at 25.98% in 2024", "Tourist market rank at first in 2024",
                     "4.5 million visitors in 2024"]),
        ("Outlook", ["Trade target 2030 of $150 billion by 2030", "Trade up 9.2%",
                     "Exports up 9.1%"]),
        ("Bilateral trade up 9.2% to $86.7 billion", six),
        ("Trade up 5.4% · Transport", ["Exports up 5.7% to €49.4 billion",
                                       "Transport and connectivity", "Imports up 5.2%"])])
    deck = Presentation(io.BytesIO(data))
    box = next(s for s in deck.slides[-1].shapes if s.has_text_frame and s.shape_type == 17)
    heading = box.text_frame.paragraphs[1]  # set as a heading: bold, without a bullet
    heading.runs[0].font.bold = True
    heading._p.get_or_add_pPr().insert(0, heading._p.makeelement(qn("a:buNone"), {}))
    buf = io.BytesIO()
    deck.save(buf)
    found = [(f.field, f.message.split(":")[0]) for f in check_deck(buf.getvalue(), "d.pptx")]
    first = len(deck.slides) - 3
    assert found.count((f"slide {first}", "records.label_at")) == 2
    assert (f"slide {first + 1}", "dates.year_twice") in found
    assert (f"slide {first + 2}", "deck.too_many") in found
    assert (f"slide {first + 2}", "deck.title_again") in found
    assert (f"slide {first + 3}", "deck.heading_point") in found
    clean = _deck_of([("Trade up 9.2% to $86.7 billion", six[1:4]),
                      ("South Korea the top source of visitors", [
                          "South Koreans made up 25.98% of foreign arrivals in 2024",
                          "4.5 million visitors from South Korea in 2024",
                          "Trade target of $150 billion by 2030"])])
    assert [str(f) for f in check_deck(clean, "d.pptx")] == []


def test_titles_of_labels_and_events_as_labels_are_caught_at_their_slide() -> None:
    """The rated decks' faults (issue 21k): a title of labels strung together with "·", a title
    as "Label: value", an event as "Label, date"; the editor's rewrites pass."""
    three = ["Exports up 6.3% to €7.4 billion in 2023", "Imports up 3.4% to €6.7 billion in 2023",
             "Morocco's surplus with France was €687 million in 2023"]
    data = _deck_of([
        ("Madbouly in Riyadh · Energy", three),
        ("State visit: nine ministers", three),
        ("France backs Morocco's plan for Western Sahara", [
            "Letter on Western Sahara, 30 July 2024",
            "The President of France visits Morocco, 28–30 October 2024",
            "Ambassador's year-end briefing, Baku, December 2025"])])
    found = [(f.field, f.message.split(":")[0]) for f in check_deck(data, "d.pptx")]
    first = len(Presentation(io.BytesIO(data)).slides) - 2
    assert found == [(f"slide {first}", "deck.title_joined"),
                     (f"slide {first + 1}", "deck.title_label")] + [
        (f"slide {first + 2}", "deck.event_label")] * 3
    clean = _deck_of([
        ("France recognised the autonomy plan for Western Sahara", [
            "France recognised the autonomy plan as the only basis for a political solution on "
            "30 July 2024",
            "The President of France paid a state visit to Morocco on 28–30 October 2024",
            "22 agreements signed on 28 October 2024"]),
        ("Trade up 5% to €14.1 billion", three)])
    assert [str(f) for f in check_deck(clean, "d.pptx")] == []


def test_check_outputs_runs_the_house_style_check(tmp_path: Path, no_layout: None) -> None:
    data = FIXTURES / "georgia-armenia-2024"
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path, formats=("docx",)))
    docx = output_paths(data.name, tmp_path)["docx"]
    doc = Document(str(docx))
    doc.add_paragraph("Outcomes included a declaration.", style="Body Text")
    doc.save(str(docx))
    result = CliRunner().invoke(cli, ["check", "--outputs", "--data", str(data), "--out",
                                      str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "records.outcomes" in result.output and "1 accessibility or house-style finding" \
        in result.output


def test_the_deck_faults_of_the_third_rating_are_caught() -> None:
    """Issue 21o: a slide titled with a section's name, an unrounded amount in a title, a count
    with no referent, a rate's year twice; the rewrites pass."""
    data = _deck_of([
        ("Executive summary", ["Trade up 24.1% to $94.5 billion in January–June 2024",
                               "Railway length was 392 kilometres in August 2024",
                               "10,229 products in 2020"]),
        ("Bilateral trade at €55.474 billion", [
            "Three bilateral air force exercises a year in 2024",
            "Spain's share of Portuguese exports was 25.8% in 2023",
            "Exports up 5.3% to $27.8 billion in January–June 2024"])])
    found = [(f.field, f.message.split(":")[0]) for f in check_deck(data, "d.pptx")]
    first = len(Presentation(io.BytesIO(data)).slides) - 1
    for where, rule in [(first, "deck.title_name"), (first, "deck.count_bare"),
                        (first + 1, "deck.title_unrounded"), (first + 1, "deck.rate_period_twice")]:
        assert (f"slide {where}", rule) in found, rule
    clean = _deck_of([
        ("Trade up 24.1% to $94.5 billion; To Lam visits China", [
            "73 bridges planned on the Lao Cai–Hanoi–Haiphong railway line",
            "10,229 products on which Indonesia cut tariffs in 2020",
            "Three bilateral air force exercises a year"]),
        ("Bilateral trade at €55.5 billion", [
            "Trade between Portugal and Spain totalled €55.474 billion in 2023",
            "Exports up 5.3% to $27.8 billion in January–June 2024",
            "Imports up 34.1% to $66.7 billion in January–June 2024"])])
    assert [str(f) for f in check_deck(clean, "d.pptx")] == []
