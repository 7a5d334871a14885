"""The deck's plan, decided before anything is drawn: which slides, of which kind, on which
layout, with which titles, points and notes; sections of one or two points merged.

It reads the Report and report.yaml's deck list only (no PowerPoint template), so it is tested
without one; writer.py draws the plan into the template, fitting each text into its box.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from reportgen.pptx.notes import SpeakerNotes
from reportgen.report.charts import ChartSpec
from reportgen.report.markup import Run
from reportgen.report.structure import SlideSpec, Structure
from reportgen.report.tree import Report, ReportSection

# A section's text slide of this many points or fewer is set larger; a section of fewer, without
# a chart, shares its slide with the next such section.
SPARSE_LINES = 3
FOLDED_MAX = 8  # a slide that thin sections join stays at most this many points, where it can
FIGURE_VALUE_SCALE, FIGURE_NOTE_SCALE = 1.9, 0.85  # a key figure's value and period lines
NOTE_SCALE = 0.9  # the note under the sources


@dataclass(frozen=True)
class SlideText:
    """A paragraph for a slide: text, bullet or not, bold, size relative to the base size, and
    a colour by its part in the theme's palette ("emphasis", "muted"; None: the placeholder's)."""

    text: str
    bullet: bool = True
    bold: bool = False
    scale: float = 1.0
    color: str | None = None


@dataclass
class Planned:
    """One slide, or a run of slides the drawer continues as the text needs."""

    kind: str  # title, agenda, key_figures, section, merged, timeline, sources, closing
    layout: str | None
    title: str = ""
    lines: list[SlideText] = field(default_factory=list)
    parts: dict[str, list[SlideText]] = field(default_factory=dict)  # title, closing slides
    cards: list[list[SlideText]] = field(default_factory=list)  # key figures
    area: ReportSection | None = None
    charts: list[ChartSpec] = field(default_factory=list)
    beside: list[list[SlideText]] = field(default_factory=list)  # the points beside each chart
    chart: ChartSpec | None = None  # the timeline
    chart_layout: str | None = None
    divider_layout: str | None = None  # set only where a divider goes before the section
    titles: list[str] = field(default_factory=list)  # sections sharing a slide
    notes: str = ""
    divider_notes: str = ""


class DeckPlan:
    """Report + report.yaml's deck list → the list of planned slides."""

    def __init__(self, report: Report, structure: Structure,
                 charts_on: Callable[[str], bool]) -> None:
        """charts_on(layout): whether a layout has a chart box of its own (for `section`)."""
        self.report = report
        self.structure = structure
        self.labels = report.labels
        self.notes = SpeakerNotes(report)
        self.charts_on = charts_on

    def plan(self) -> list[Planned]:
        planned: list[Planned] = []
        for item in self.structure.deck:
            planned += getattr(self, f"_{item.content}")(item)
        return merge_thin(planned)

    def _title(self, spec: SlideSpec) -> list[Planned]:
        c = self.report.cover
        parts = {"Subtitle": [SlideText(c.subtitle, bullet=False)] if c.subtitle else [],
                 "Marking": [SlideText(c.marking, bullet=False, bold=True)] if c.marking else [],
                 "Date": [SlideText(c.as_of, bullet=False)] if c.as_of else []}
        return [Planned("title", spec.layout, c.title, parts=parts,
                        notes=self.notes.text([self.notes.occasion()]))]

    def _agenda(self, spec: SlideSpec) -> list[Planned]:
        return [Planned("agenda", spec.layout, self.labels["heading.agenda"],
                        [SlideText(t) for t in self.agenda_items()],
                        notes=self.notes.text([self.notes.occasion(),
                                               [Run(self.report.cover.as_of)]]))]

    def agenda_items(self) -> list[str]:
        """What the deck goes on to show, in the order of its specification."""
        items: list[str] = []
        for item in self.structure.deck:
            if item.content == "key_figures" and self.report.key_figure_cards:
                items.append(self.labels["heading.key_figures"])
            elif item.content in ("sections", "section"):
                for section_id in item.sections or [item.section or ""]:
                    area = self.report.section(section_id)
                    spec = self.structure.section(section_id)
                    if area is not None and spec is not None and spec.heading_in_summary:
                        items.append(area.section.title)
            elif item.content == "timeline" and self.report.timeline_chart is not None:
                items.append(self.labels["heading.timeline"])
            elif item.content == "sources":
                items.append(self.labels["heading.sources"])
        return list(dict.fromkeys(items))

    def _key_figures(self, spec: SlideSpec) -> list[Planned]:
        cards = [[SlideText(value, bullet=False, bold=True, scale=FIGURE_VALUE_SCALE,
                            color="emphasis"),
                  SlideText(label, bullet=False),
                  SlideText(period, bullet=False, scale=FIGURE_NOTE_SCALE, color="muted")]
                 for value, label, period in self.report.key_figure_cards]
        if not cards:
            return []
        return [Planned("key_figures", spec.layout, self.labels["heading.key_figures"],
                        cards=cards,
                        notes=self.notes.text([], figures=self.report.key_figure_notes))]

    def _sections(self, spec: SlideSpec) -> list[Planned]:
        return [p for section_id in spec.sections
                for p in self._area(section_id, spec.divider_layout, spec.chart_layout,
                                    spec.text_layout)]

    def _section(self, spec: SlideSpec) -> list[Planned]:
        layout = spec.layout or ""
        return self._area(spec.section or "", spec.divider_layout,
                          layout if self.charts_on(layout) else None, layout)

    def _area(self, section_id: str, divider_layout: str | None, chart_layout: str | None,
              text_layout: str | None) -> list[Planned]:
        """A section: one slide per chart with that chart's points beside it, then the points
        no chart carries; a divider only where the section takes more than one slide."""
        area = self.report.section(section_id)
        if area is None:
            return []
        charts = area.charts if chart_layout else []
        section = area.section
        beside = [[SlideText(b.text) for b in section.chart_points.get(c.id, [])]
                  for c in charts]
        if charts:  # a chart without figures of its own (a series) stands with its caption
            said = {line.text for lines in beside for line in lines}
            lines = [SlideText(b.text) for b in section.points
                     if b.text not in said and b.text != section.headline]
        else:
            lines = [SlideText(b.text) for b in (section.points or section.takeaways)
                     if b.text != section.headline] or [
                SlideText(b.text) for b in section.blocks if b.kind != "heading"]
        divider = divider_layout if divider_layout and \
            len(charts) + (0 if charts else 1) > 1 else None
        return [Planned("section", text_layout, section.title, lines, area=area, charts=charts,
                        beside=beside, chart_layout=chart_layout, divider_layout=divider,
                        notes=self.notes.section(area),
                        divider_notes=self.notes.divider(area) if divider else "")]

    def _timeline(self, spec: SlideSpec) -> list[Planned]:
        chart = self.report.timeline_chart
        if chart is None:
            return []
        return [Planned("timeline", spec.layout, self.labels["heading.timeline"], chart=chart,
                        notes=self.notes.timeline())]

    def _sources(self, spec: SlideSpec) -> list[Planned]:
        lines = [SlideText(f"[{i}] {entry}", bullet=False)
                 for i, entry in enumerate(self.report.sources, 1)]
        # A word on estimates only where the deck shows some.
        note = self.labels["deck.sources_note" if self.report.estimate_notes
                           else "deck.sources_note_plain"]
        lines.append(SlideText(note, bullet=False, scale=NOTE_SCALE, color="muted"))
        return [Planned("sources", spec.layout or "Sources", self.labels["heading.sources"],
                        lines, notes="\n".join([note, *self.report.estimate_notes]))]

    def _closing(self, spec: SlideSpec) -> list[Planned]:
        return [Planned("closing", spec.layout, self.labels["deck.closing"],
                        parts={"Subtitle": [SlideText(self.report.cover.title, bullet=False)]},
                        notes=self.notes.text([self.notes.occasion()]))]


def _points(p: Planned) -> int:
    return sum(line.bullet for line in p.lines)


def _thin(p: Planned) -> bool:
    """A section whose points for a slide of their own (beside no chart) are one or two."""
    return p.kind == "section" and p.layout is not None and 0 < _points(p) < SPARSE_LINES


def _stands_alone(p: Planned) -> bool:
    """A slide that ends a run of thin sections: anything but a section's chart slides
    (whose remaining points are thin or none) and the timeline."""
    return not (p.kind == "timeline" or (p.kind == "section" and p.charts and
                                         (_thin(p) or not p.lines)))


def _names(titles: list[str]) -> str:
    """The title of sections sharing a slide: their names, each before its colon ("Politics ·
    Outlook", not "Politics: high-level diplomacy and multilateral coordination · Outlook")."""
    return " · ".join(t.split(": ")[0] for t in titles)


def _combined(run: list[Planned], layout: str | None) -> Planned:
    """Sections sharing one slide, each under its name; their chart slides stay their own."""
    lines = [line for p in run for line in (
        SlideText(p.title, bullet=False, bold=True), *p.lines)]
    titles = [p.title for p in run]
    return Planned("merged", layout, _names(titles), lines, titles=titles,
                   notes="\n\n".join(p.notes for p in run))


def merge_thin(planned: list[Planned]) -> list[Planned]:
    """No slide of one or two points: thin sections on one layout, one after another (their
    chart slides between them), share a slide, each under its name; a run that still makes
    fewer than three points joins the nearest section's slide of points. A section with
    charts keeps its chart slides; only its remaining points move."""
    merged: list[Planned] = []
    runs: list[tuple[int, list[Planned]]] = []  # where each run's slide goes, and its sections
    run: list[Planned] = []

    def close() -> None:
        if run:
            runs.append((len(merged), list(run)))
            run.clear()

    for p in planned:
        if _thin(p) and run and run[-1].layout != p.layout:
            close()
        if _thin(p):
            run.append(p)
            if p.charts:  # its chart slides stay where they are, without the points
                merged.append(replace(p, lines=[]))
            continue
        if _stands_alone(p):
            close()
        merged.append(p)
    close()
    shift = 0  # the slides inserted so far, in the order of the deck
    for at, members in runs:
        if sum(_points(p) for p in members) >= SPARSE_LINES or \
                not _fold(merged, at + shift, members):
            merged.insert(at + shift, members[0] if len(members) == 1 and not members[0].charts
                          else _combined(members, members[0].layout))
            shift += 1
    return merged


def _fold(merged: list[Planned], at: int, members: list[Planned]) -> bool:
    """Thin sections that make fewer than three points together join the nearest slide of
    points of a section on their layout, before them where there is one: whether one was
    found."""
    targets = [i for i, p in enumerate(merged) if p.layout == members[0].layout and (
        p.kind == "merged" or (p.kind == "section" and _points(p) >= SPARSE_LINES))]
    if not targets:
        return False
    joining = sum(_points(p) for p in members)
    # The nearest slide before them (the deck's order kept) that stays at most FOLDED_MAX
    # points with them; else the nearest after; else the nearest.
    found = min(targets, key=lambda i: (_points(merged[i]) + joining > FOLDED_MAX, i >= at,
                                        at - i - 1 if i < at else i - at))
    host = merged[found]
    lines = [*host.lines, *_combined(members, host.layout).lines]
    notes = "\n\n".join([host.notes, *(p.notes for p in members)])
    titles = [*(host.titles or [host.title]), *(p.title for p in members)]
    # A section's slide keeps its title (its main point); the sections that join it follow its
    # points, each under its name.
    merged[found] = replace(host, lines=lines, notes=notes, titles=titles,
                            title=_names(titles) if host.kind == "merged" else host.title)
    return True
