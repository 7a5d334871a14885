"""The deck's plan, decided before anything is drawn: which slides, of which kind, on which
layout, with which titles, points and notes; a section of one or two points gives them to the
summary's slide.

It reads the Report and report.yaml's deck list only (no PowerPoint template), so it is tested
without one; writer.py draws the plan into the template, fitting each text into its box.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from reportgen.pptx.notes import SpeakerNotes
from reportgen.report.charts import ChartSpec
from reportgen.report.markup import Run
from reportgen.report.slides import names_event, plain, repeats
from reportgen.report.structure import SlideSpec, Structure
from reportgen.report.tree import Report, ReportSection

# A section's text slide of this many points or fewer is set larger; a section of fewer, without
# a chart, shares its slide with the next such section.
SPARSE_LINES = 3
TITLE_MAX = 75  # characters of a title joining thin sections' main points: one line
SHORT_POINT = 90  # characters of a point that reads on one line of a larger size
MAX_POINTS = 5  # the summary's slide, with the points of thin sections, stays at most this many
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
    # Sections sharing a slide: the title the drawer sets where this one does not fit its box
    # (their names), and each one's main point.
    titles: list[str] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)
    notes: str = ""
    divider_notes: str = ""
    said: list[SlideText] = field(default_factory=list)  # points its title says (not shown)
    sections: list[str] = field(default_factory=list)  # the ids of sections sharing a slide


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
        return merge_thin(planned, self.labels.get("deck.title_and", "; "),
                          self.labels.get("deck.ahead_in_notes", "{title}"))

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
        if beside and len(beside[0]) > 1:  # the first chart's slide is titled with the point
            beside[0] = [line for line in beside[0] if not repeats(line.text, section.headline)]
        said: list[SlideText] = []
        if charts:  # a chart without figures of its own (a series) stands with its caption
            told = {line.text for lines in beside for line in lines}
            lines = [SlideText(b.text) for b in section.points
                     if b.text not in told and not repeats(b.text, section.headline)]
        else:
            shown = [SlideText(b.text) for b in (section.points or section.takeaways)]
            lines = [line for line in shown if not repeats(line.text, section.headline)]
            said = [line for line in shown if line not in lines]
            if len(lines) < SPARSE_LINES <= len(lines) + len(said) and all(
                    names_event(line.text, section.headline) for line in said):
                # The event its title names, with its dates, rather than a slide of two
                lines, said = [*said, *lines], []
            if not lines and not said:  # no point at all: its paragraphs
                lines = [SlideText(b.text) for b in section.blocks if b.kind != "heading"]
        divider = divider_layout if divider_layout and \
            len(charts) + (0 if charts else 1) > 1 else None
        return [Planned("section", text_layout, section.title, lines, area=area, charts=charts,
                        beside=beside, said=said, chart_layout=chart_layout,
                        divider_layout=divider,
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


def sparse(lines: list[SlideText]) -> bool:
    """Whether a section's slide leaves room to set its points larger: three or fewer, or up to
    five short ones (a slide of five one-line points is not set small with half of it empty);
    the drawer still shrinks them to fit their box."""
    points = [line for line in lines if line.bullet]
    return len(points) <= SPARSE_LINES or len(points) <= MAX_POINTS and all(
        len(plain(line.text)) <= SHORT_POINT for line in points)


def _points(p: Planned) -> int:
    return sum(line.bullet for line in p.lines)


def _thin(p: Planned) -> bool:
    """A section whose points for a slide of their own (beside no chart) are one or two, or
    none but the one its title says."""
    return p.kind == "section" and p.layout is not None and _points(p) < SPARSE_LINES and (
        _points(p) > 0 or bool(p.said))


def _summary(p: Planned) -> bool:
    """The executive summary's slide: the year in brief, where thin sections give their points."""
    return "summary" in _ids(p)


def _ids(p: Planned) -> list[str]:
    return p.sections or ([p.area.section.id] if p.area is not None else [])


def _given(p: Planned) -> list[SlideText]:
    """What a thin section gives when its slide goes: its points, the one its title said first
    (no title says it now)."""
    return _once([*p.said, *p.lines])


def _once(lines: list[SlideText]) -> list[SlideText]:
    """Each claim once: two points that differ only in their citations are one."""
    seen: dict[str, SlideText] = {}
    for line in lines:
        seen.setdefault(plain(line.text), line)
    return list(seen.values())


def _beside_its_chart(p: Planned) -> Planned:
    """A thin section with charts: its other points join those beside its last chart, where
    they stay at most five (they are about what the chart shows: the section's figures)."""
    if not (p.charts and _thin(p) and p.beside
            and len(_once([*p.beside[-1], *p.lines])) <= MAX_POINTS):
        return p
    return replace(p, beside=[*p.beside[:-1], _once([*p.beside[-1], *p.lines])], lines=[])


def _takeaways(p: Planned) -> list[SlideText]:
    """A section's short claims that its chart slides do not show, nor its title say."""
    if p.area is None:
        return []
    shown = {plain(line.text) for lines in p.beside for line in lines}
    return [SlideText(b.text) for b in p.area.section.takeaways if plain(b.text) not in shown
            and not repeats(b.text, p.area.section.headline)]


def _dealt(gifts: list[list[SlideText]], room: int) -> list[SlideText]:
    """Up to `room` of the thin sections' points, each section's first before any section's
    second (every section that gives is on the slide), in the deck's order."""
    out: list[SlideText] = []
    for rank in range(max((len(g) for g in gifts), default=0)):
        out += [g[rank] for g in gifts if rank < len(g) and g[rank] not in out]
    return out[:room]


def _shared(planned: list[Planned], joiner: str) -> list[Planned]:
    """Thin sections next to each other in the deck (no chart, none the summary) share a slide,
    each group of at most five points, in the deck's order: its title their main points joined
    (`deck.title_and`) where that fits a title, else the main point of the section that gives
    most; a group of three or more points is a slide of its own, whose points are each
    section's (its main point among them only where the title does not say it)."""
    out: list[Planned] = []
    run: list[Planned] = []
    for p in [*planned, None]:
        if p is not None and _thin(p) and not p.charts and not _summary(p):
            run.append(p)
            continue
        out += _groups(run, joiner)
        run = []
        if p is not None:
            out.append(p)
    return out


def _groups(run: list[Planned], joiner: str) -> list[Planned]:
    """A run of thin sections as slides of three to five points each where their points make
    that many; a group of fewer stays as it is (the summary's slide takes it)."""
    groups: list[list[Planned]] = []
    for p in run:
        if groups and len(_once([x for q in groups[-1] for x in _given(q)] + _given(p))) \
                <= MAX_POINTS:
            groups[-1].append(p)
        else:
            groups.append([p])
    out: list[Planned] = []
    for g in groups:
        shared = len(g) > 1 and len(_once([x for q in g for x in _given(q)])) >= SPARSE_LINES
        out += [_joined(g, joiner)] if shared else g
    return out


def _joined(group: list[Planned], joiner: str) -> Planned:
    """Thin sections on one slide, titled with what is on it: their main points joined where
    that fits a title (each then said by the title, not again as a point), else the main point
    of the section that gives most."""
    heads = [_head(p) for p in group]
    joined = joiner.join(h for h in heads if h)
    lines = _once([x for p in group for x in _given(p)])
    if joined and len(joined) <= TITLE_MAX and all(heads):
        shown = _once([x for p in group for x in p.lines])
        if len(shown) >= SPARSE_LINES:
            lines = shown
        title = joined
    else:
        title = max(group, key=lambda p: len(_given(p))).title
        title = next((_head(p) for p in sorted(group, key=lambda p: -len(_given(p)))
                      if _head(p)), title)
        # the point that title says, not again where three others stay
        others = [line for line in lines if not repeats(line.text, title)]
        lines = others if len(others) >= SPARSE_LINES else lines
    fallback = max(group, key=lambda p: len(_given(p)))
    return Planned("merged", group[0].layout, title, lines,
                   titles=[_head(fallback) or fallback.title],
                   heads=heads, notes="\n\n".join(p.notes for p in group),
                   sections=[i for p in group for i in _ids(p)])


def _head(p: Planned) -> str:
    return p.area.section.headline if p.area is not None else ""


def _looks_ahead(p: Planned) -> bool:
    return p.area is not None and p.area.section.ahead


def _ahead(planned: list[Planned], why: str) -> list[Planned]:
    """A thin section that only looks ahead (the outlook) gives its points to no other slide:
    neither to the summary's, the year in brief, nor to a section's of the year, where they
    would read as that section's. Its slide goes, and its points are said in the speaker
    notes of the slide before it, with why (`why`: the catalog's `deck.ahead_in_notes`);
    unless the summary's slide would be left with fewer than three points (then they join it,
    as a thin section's do: no slide of one or two points)."""
    out: list[Planned] = []
    # Where the summary's slide would be thin without them (nothing else gives it points),
    # they join it as any thin section's do: no slide of one or two points.
    given = sum(_points(p) for p in planned if _summary(p)) + sum(
        len(_given(p)) for p in planned if _thin(p) and not _summary(p) and not _looks_ahead(p))
    summary = any(_summary(p) for p in planned)
    for p in planned:
        host = next((i for i in reversed(range(len(out))) if out[i].kind in (
            "section", "merged")), None)
        if not (_thin(p) and _looks_ahead(p) and host is not None) or (
                summary and given < SPARSE_LINES):
            out.append(p)
            continue
        said = "\n".join(f"- {plain(line.text)}" for line in _given(p))
        out[host] = replace(out[host], notes="\n\n".join(
            n for n in [out[host].notes, why.format(title=p.title), said, p.notes] if n))
        if p.charts:  # its chart slides stay, without the points
            out.append(replace(p, lines=[], said=[]))
    return out


def merge_thin(planned: list[Planned], joiner: str = "; ",
               why: str = "{title}") -> list[Planned]:
    """No slide of one or two points, and no title that strings sections' names together: a thin
    section with charts keeps its points beside its last chart where they fit; thin sections
    next to each other share a slide where their points make three to five (`_shared`); any
    other thin section's slide goes, and its points (its main point first, each thin section's
    first before any second) join the executive summary's slide, the year in brief: beside the
    summary's chart where they fit, else after the summary's own first two points, made up to
    three with its others and at most five. What does not fit is said in the speaker notes,
    which the thin sections' join; a thin section's chart slides stay. Without a summary in the
    deck, a thin section stands on its own slide, its main point among its points."""
    planned = _ahead(_shared([_beside_its_chart(p) for p in planned], joiner), why)
    host = next((i for i, p in enumerate(planned) if p.kind == "section" and _summary(p)),
                None)
    thin = [p for p in planned if _thin(p) and not _summary(p)] if host is not None else []
    if host is None or not thin:
        return [replace(p, lines=_given(p)) if _thin(p) and not _summary(p) else p
                for p in planned]
    summary = planned[host]
    gone = {id(p) for p in thin}
    gifts = _once(_dealt([_given(p) for p in thin], MAX_POINTS))
    beside = summary.beside[-1] if summary.beside else []
    if summary.charts and summary.beside and len(_once([*beside, *gifts])) <= MAX_POINTS:
        # room beside its chart: the year in brief, on one slide
        lines, charted = list(summary.lines), [*summary.beside[:-1], _once([*beside, *gifts])]
    else:
        # never the point its title says, nor another slide's point
        shown = {plain(line.text) for p in planned if p is not summary and id(p) not in gone
                 for line in [*p.lines, *(line for b in p.beside for line in b)]}
        mine = list(summary.lines) or _takeaways(summary)
        own = [line for line in mine if plain(line.text) not in shown]
        lines = _once([*own[:SPARSE_LINES - 1], *gifts])[:MAX_POINTS]
        # made up to three with its other points, another slide's only where it must
        more = [*own, *(line for line in mine if line not in own)]
        lines += [line for line in more if line not in lines][:max(0, SPARSE_LINES - len(lines))]
        charted = summary.beside
    merged = replace(summary, lines=lines, said=[], beside=charted,
                     notes="\n\n".join([summary.notes, *(p.notes for p in thin)]),
                     sections=[*_ids(summary), *(i for p in thin for i in _ids(p))])
    out = []
    for p in planned:
        if p is summary:
            out.append(merged)
        elif id(p) in gone and p.charts:  # its chart slides stay, without the points
            out.append(replace(p, lines=[], said=[]))
        elif id(p) not in gone:
            out.append(p)
    return out
