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
from reportgen.report.slides import names_event, repeats
from reportgen.report.structure import SlideSpec, Structure
from reportgen.report.tree import Report, ReportSection

# A section's text slide of this many points or fewer is set larger; a section of fewer, without
# a chart, shares its slide with the next such section.
SPARSE_LINES = 3
SHARED_TITLE_MAX = 80  # characters: what the title box takes at its size, wide letters too
MAX_POINTS = 5  # a slide that thin sections share or join stays at most this many points
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


def _points(p: Planned) -> int:
    return sum(line.bullet for line in p.lines)


def _thin(p: Planned) -> bool:
    """A section whose points for a slide of their own (beside no chart) are one or two, or
    none but the one its title says."""
    return p.kind == "section" and p.layout is not None and _points(p) < SPARSE_LINES and (
        _points(p) > 0 or bool(p.said))


def _stands_alone(p: Planned) -> bool:
    """A slide that ends a run of thin sections: anything but a section's chart slides
    (whose remaining points are thin or none) and the timeline."""
    return not (p.kind == "timeline" or (p.kind == "section" and p.charts and
                                         (_thin(p) or not p.lines)))


def _head(p: Planned) -> str:
    """What a slide's title says: a section's main point (its headline), else its name."""
    if p.kind == "section" and p.area is not None and p.area.section.headline:
        return p.area.section.headline
    return p.title.split(": ")[0]  # "Politics", not "Politics: high-level diplomacy and …"


def _both(heads: list[str]) -> str:
    """The title of slides sharing one: each one's main point, where together they fit a
    title ("Trade up 5.4% to €90 billion · More than 9.7 million lorry crossings"); "" where
    they do not, and the title cannot say both."""
    title = " · ".join(dict.fromkeys(heads))
    return title if len(title) <= SHARED_TITLE_MAX else ""


def _names(p: Planned) -> list[str]:
    """The names of the sections on a slide, each before its colon ("Politics", not "Politics:
    high-level diplomacy and multilateral coordination")."""
    return p.titles[0].split(" · ") if p.kind == "merged" and p.titles else [
        p.title.split(": ")[0]]


def _title(group: list[Planned]) -> str:
    """The title of thin sections sharing a slide: their main points where they fit, else
    their names ("Executive summary · Politics"); "" where neither fits."""
    return _both([_head(p) for p in group]) or _both([_names(p)[0] for p in group])


def _combined(run: list[Planned], layout: str | None, title: str,
              host: Planned | None = None) -> Planned:
    """Sections sharing one slide under a title that says each one's main point; their points
    follow one another, each once (never a section's heading as a point); a section's point
    that the title says comes back only where the slide would otherwise carry one or two.
    Their chart slides stay their own."""
    # A section's point its title said comes back where the shared title gives its name
    # instead, or where the slide would carry one or two points.
    joining = list(dict.fromkeys(line for p in run for line in (
        p.lines if _head(p) in title else [*p.said, *p.lines])))
    own = host.lines[:max(SPARSE_LINES, MAX_POINTS - len(joining))] if host is not None else []
    lines = list(dict.fromkeys([*own, *joining]))[:MAX_POINTS]
    if len(lines) < SPARSE_LINES:
        lines = list(dict.fromkeys([*lines, *(line for p in run for line in p.said)]))
    heads = [*((host.heads or [_head(host)]) if host is not None else []),
             *(_head(p) for p in run)]
    notes = [host.notes] if host is not None else []
    names = [*(_names(host) if host is not None else []), *(_names(p)[0] for p in run)]
    return Planned("merged", layout, title, lines, titles=[" · ".join(names)], heads=heads,
                   notes="\n\n".join([*notes, *(p.notes for p in run)]),
                   sections=[*(_ids(host) if host is not None else []),
                             *(i for p in run for i in _ids(p))])


def merge_thin(planned: list[Planned]) -> list[Planned]:
    """No slide of one or two points: thin sections on one layout, one after another (their
    chart slides between them), share a slide where its title can say each one's main point;
    a run that still makes fewer than three points joins the nearest slide of points whose
    title can say both and that stays at most five points. A run that can do neither stands
    as it is, each section on its own slide (folding would mix unrelated points). A section
    with charts keeps its chart slides; only its remaining points move."""
    merged: list[Planned] = []
    runs: list[tuple[int, list[Planned]]] = []  # where each run's slide goes, and its sections
    run: list[Planned] = []
    own: dict[int, int] = {}  # where each thin section's own slide would go

    def close() -> None:
        if run:
            runs.append((len(merged), list(run)))
            run.clear()

    for p in planned:
        if _thin(p) and run and run[-1].layout != p.layout:
            close()
        if _thin(p):
            run.append(p)
            own[id(p)] = len(merged)
            if p.charts:  # its chart slides stay where they are, without the points
                merged.append(replace(p, lines=[]))
            continue
        if _stands_alone(p):
            close()
        merged.append(p)
    close()
    shift = 0  # the slides inserted so far, in the order of the deck
    for at, members in runs:
        rest: list[Planned] = []
        for p in members:  # first, each to the slide before it where a title says both
            # (a section after one that stayed is no longer next to that slide)
            found = None if _summary(p) or rest else _fold(merged, at + shift, [p], strict=True)
            if found is None:
                rest.append(p)
            else:
                shift += found
        for group in _groups(rest):
            shift += _place(merged, at + shift, group, [own[id(p)] + shift for p in group])
    return merged


def _summary(p: Planned) -> bool:
    """The executive summary's slide: it joins no section's slide, and none joins it."""
    return "summary" in _ids(p)


def _ids(p: Planned) -> list[str]:
    return p.sections or ([p.area.section.id] if p.area is not None else [])


def _groups(run: list[Planned]) -> list[list[Planned]]:
    """Thin sections one after another, grouped while a group's title can say each one's main
    point, it stays at most five points and has fewer than three so far."""
    groups: list[list[Planned]] = []
    for p in run:
        last = groups[-1] if groups else []
        if last and sum(_points(q) for q in last) < SPARSE_LINES and \
                sum(_points(q) for q in (*last, p)) <= MAX_POINTS and \
                _title([*last, p]):
            last.append(p)
        else:
            groups.append([p])
    return groups


def _place(merged: list[Planned], at: int, members: list[Planned], places: list[int]) -> int:
    """A run of thin sections placed: joined to a slide of points, on a slide of their own
    together, or each on its own where it stood (places); the slides added."""
    title = _title(members)
    joining = sum(_points(p) for p in members)
    if joining < SPARSE_LINES:
        found = _fold(merged, at, members)
        if found is not None:
            return found
    if len(members) > 1 and title and joining <= MAX_POINTS:
        # where the first stood (after its chart slides, if it has some)
        merged.insert(places[0] + bool(members[0].charts),
                      _combined(members, members[0].layout, title))
        return 1
    added = 0
    for p, place in zip(members, places, strict=True):  # each on its own slide
        if p.charts:  # its chart slides where they were
            index = next(i for i, q in enumerate(merged) if q.area is p.area)
            merged[index] = replace(merged[index], lines=p.lines)
        else:
            merged.insert(place + added, p if _points(p) >= SPARSE_LINES else replace(
                p, lines=list(dict.fromkeys([*p.lines, *p.said]))))
            added += 1
    return added


def _fold(merged: list[Planned], at: int, members: list[Planned],
          strict: bool = False) -> int | None:
    """Thin sections that make fewer than three points together join a neighbour (the nearest
    slide of points before or after them, on their layout) whose title can say the main points
    of all, one with room before one without, before them where both can: the slides added
    (None: none found). The slide stays at most five points, its own first (at least three); a
    section's slide with charts keeps them, and its points and the thin sections' go on a
    slide after them. Strict: only the slide just before them, under its own main point."""
    joining = sum(_points(p) for p in members)
    if any(_summary(p) for p in members):
        return None

    def title(host: Planned) -> str:  # their main points where they fit, else their names
        heads = host.heads or [_head(host)]
        names = [_names(p)[0] for p in members]
        return _both([*heads, *(_head(p) for p in members)]) or _both([*heads, *names]) or (
            "" if strict else _both([*_names(host), *names]))

    slides = [i for i, p in enumerate(merged) if p.kind in ("section", "merged") and p.lines]
    # Its neighbours: the nearest slide of points before them and after them.
    near = [i for i in (max((i for i in slides if i < at), default=None),
                        min((i for i in slides if i >= at), default=None)) if i is not None]
    # A shared slide takes more only where all its points stay: cutting them would leave a
    # section it names with no point on it.
    targets = [i for i in near if (p := merged[i]).layout == members[0].layout and (
        (p.kind == "merged" and _points(p) + joining <= MAX_POINTS)
        or (p.kind == "section" and _points(p) >= SPARSE_LINES))
        and not _summary(p)
        and title(p) and not (strict and i != at - 1)]
    if not targets:
        return None
    # A title that says each one's main point before one that names them; room before none.
    found = min(targets, key=lambda i: (
        not _both([*(merged[i].heads or [_head(merged[i])]), *(_head(p) for p in members)]),
        _points(merged[i]) + joining > MAX_POINTS, i >= at, at - i - 1 if i < at else i - at))
    host = merged[found]
    slide = _combined(members, host.layout, title(host), host)
    if host.kind == "section" and host.charts:  # its chart slides, then the shared slide
        merged[found] = replace(host, lines=[])
        merged.insert(found + 1, slide)
        return 1
    merged[found] = slide
    return 0
