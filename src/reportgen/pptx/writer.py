"""Write the slide deck (.pptx) from templates/deck.pptx: each slide on the layout report.yaml
names, each part in the placeholder that plays it (pptx/roles.py), at the template's own sizes
and colours (pptx/style.py). The template is opened and checked in template.py; slides.py adds
slides, fills their parts and continues text on further slides, chart_slides.py places charts
and their captions; here each kind of planned slide (plan.py) is drawn."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

from pptx.presentation import Presentation
from pptx.slide import Slide

from reportgen.errors import Problem, ReportgenError, TemplateError, relpath
from reportgen.pptx.chart_slides import ChartSlides
from reportgen.pptx.plan import DeckPlan, Planned, SlideText
from reportgen.pptx.roles import LayoutRoles
from reportgen.pptx.scripts import name_scripts, tag_other_languages
from reportgen.pptx.slides import drop_empty, title_first
from reportgen.pptx.template import deck_problems, drop_slides, open_template
from reportgen.report.charts import ChartSpec
from reportgen.report.structure import SlideSpec, Structure
from reportgen.report.tree import Report, ReportSection

log = logging.getLogger(__name__)

CHART_MODES = ("native", "image")


def write_pptx(report: Report, template: Path, structure: Structure, out: IO[bytes],
               charts: str = "native", pictures: Mapping[str, bytes] | None = None) -> None:
    """Build the deck slide by slide from the structure's deck specification; save to out.

    charts: "native" draws bar and column charts as editable PowerPoint charts, "image" places
    pictures. The timeline is a picture either way; pictures holds those drawn for the build, by
    chart id (any other is drawn here).
    """

    if charts not in CHART_MODES:
        raise ReportgenError(f"charts: '{charts}' is not a chart mode; use one of "
                             + ", ".join(CHART_MODES))
    prs = open_template(template)
    _Deck(prs, template, report, structure, native=charts == "native", pictures=pictures).build()
    _set_properties(prs, report)
    name_scripts(prs, report.language)
    tag_other_languages(prs, list(report.other_languages), report.language)
    buf = io.BytesIO()
    prs.save(buf)
    out.write(buf.getvalue())


class _Deck(ChartSlides):
    """Draws the deck's plan (plan.py) into the template: each text fitted into its box."""

    def __init__(self, prs: Presentation, template: Path, report: Report, structure: Structure,
                 native: bool, pictures: Mapping[str, bytes] | None = None) -> None:
        super().__init__(prs, template, report, structure, native, pictures)
        # How each kind of planned slide is drawn.
        self.drawers: dict[str, Callable[[Planned], None]] = {
            "title": self._title, "agenda": self._agenda, "key_figures": self._key_figures,
            "section": self._area, "merged": self._merged, "timeline": self._timeline,
            "sources": self._sources, "closing": self._closing}

    def _charts_on(self, layout: str) -> bool:
        """A layout with a chart box of its own (not the box the body text takes)."""
        view = self.views.get(layout)
        return view is not None and view.has("Chart") and \
            view.roles.get("Chart") is not view.roles.get("Body")

    # --- slide sequence
    def build(self) -> None:
        self._check_layouts(self.structure.deck)
        plan = DeckPlan(self.report, self.structure, self._charts_on).plan()
        dropped = drop_slides(self.prs)
        if dropped:
            log.info("%s: left out the template's %d sample slide(s)", relpath(self.template),
                     dropped)
        for planned in plan:
            self.drawers[planned.kind](planned)
        for slide in self.prs.slides:
            drop_empty(slide)
            title_first(slide)

    def _check_layouts(self, spec: list[SlideSpec]) -> None:
        problems = deck_problems(self.prs, self.template, self.structure)
        if problems:
            raise TemplateError(problems)

    def _title(self, planned: Planned) -> None:
        slide, view = self._slide(planned.layout, footer=False)
        self._text(slide, view, "Title", [SlideText(planned.title, bullet=False)])
        # The marking and date each in a box of its own where the house has one they fit,
        # else under the subtitle; what the subtitle's box cannot take goes under the marking.
        placed: dict[str, list[SlideText]] = {}
        lines = list(planned.parts["Subtitle"])
        for role in ("Marking", "Date"):
            own = planned.parts[role]
            if own and view.has(role) and self._fits(slide, view, role, own):
                placed[role] = list(own)
            else:
                lines += own
        if view.has("Subtitle"):
            lines = self._text(slide, view, "Subtitle", lines, allow_overflow=True)
        spill = next((role for role in ("Marking", "Date") if role in placed), None)
        if lines and spill and self._fits(slide, view, spill, placed[spill] + lines):
            placed[spill] += lines
        elif lines:
            raise TemplateError([Problem(relpath(self.template), 0, 0,
                                         f"layout '{view.layout.name}'",
                                         "no room on the title slide for: "
                                         + "; ".join(line.text for line in lines),
                                         "enlarge its subtitle placeholder, or map a marking "
                                         "or date placeholder in report.yaml's deck_layouts")])
        for role, text in placed.items():
            self._text(slide, view, role, text)
        self._notes(slide, planned.notes)

    def _agenda(self, planned: Planned) -> None:
        slide, view = self._slide(planned.layout)
        self._set_title(slide, view, planned.title)
        self._text(slide, view, "Body", planned.lines)
        self._notes(slide, planned.notes)

    def _key_figures(self, planned: Planned) -> None:
        """A figure in each Figure box; a layout of one box takes as many as fit in it."""
        cards = planned.cards
        per_slide = self.views[planned.layout or ""].figures
        start = 0
        while start < len(cards):
            slide, view = self._slide(planned.layout)
            self._set_title(slide, view, planned.title if start == 0
                            else self._continued(planned.title))
            if per_slide == 1:
                count = len(cards) - start
                while count > 1 and not self._fits(slide, view, "Figure 1", [
                        line for card in cards[start:start + count] for line in card]):
                    count -= 1
                self._text(slide, view, "Figure 1",
                           [line for card in cards[start:start + count] for line in card])
            else:
                count = min(per_slide, len(cards) - start)
                for i in range(per_slide):
                    if i < count:
                        self._text(slide, view, f"Figure {i + 1}", cards[start + i])
                    else:
                        self._drop(slide, view, f"Figure {i + 1}")
            self._notes(slide, planned.notes)
            start += count

    def _area(self, planned: Planned) -> None:
        """A section's slides: one per chart with the takeaways beside it, or its points alone;
        each slide's title states the section's point (its headline) where that fits, else the
        section's name."""
        area, charts, lines = planned.area, planned.charts, list(planned.lines)
        assert area is not None  # a section's plan always has its section
        if planned.divider_layout:
            self._divider(planned.divider_layout, area, planned.divider_notes)
        shown = False
        overflow: list[SlideText] = []
        for n, chart in enumerate(charts):
            slide, view = self._slide(planned.chart_layout)
            if n == 0:
                self._section_title(slide, view, area)
            else:  # the point was made on the first slide; a title of its own (accessibility)
                self._chart_title(slide, view, chart, planned.title)
            self._chart(slide, view, chart)
            mine = planned.beside[n] if n < len(planned.beside) else []
            if view.has("Takeaways"):  # beside the chart, that chart's own points
                overflow += self._text(slide, view, "Takeaways", mine, allow_overflow=True)
            else:  # no box beside the chart: its points follow on a slide of text
                overflow += mine
            self._notes(slide, planned.notes)
            shown = True
        lines = overflow + lines
        if lines and planned.layout:
            self._text_slides(planned.layout, planned.title, lines, planned.notes,
                              continued=shown, area=area)

    def _merged(self, planned: Planned) -> None:
        """Sections of one or two points sharing a slide, each under its name."""
        self._text_slides(planned.layout or "", planned.title, planned.lines, planned.notes,
                          merged=planned.titles)

    def _chart_title(self, slide: Slide, view: LayoutRoles, chart: ChartSpec,
                     section: str) -> None:
        """A later chart slide of a section, titled with its chart's title where it fits: every
        slide's title differs from the others', for a screen reader's list of slides."""
        lines = [SlideText(chart.title, bullet=False)]
        if chart.title and self._fits(slide, view, "Title", lines):
            self._text(slide, view, "Title", lines)
        else:
            self._set_title(slide, view, self._continued(section))

    def _divider(self, layout_name: str, area: ReportSection, notes: str) -> None:
        """A section divider: the section's title and its one-line headline."""
        slide, view = self._slide(layout_name)
        self._set_title(slide, view, area.section.title)
        headline = area.section.headline
        subtitle = [SlideText(headline, bullet=False)] if headline else []
        if view.has("Subtitle"):
            self._text(slide, view, "Subtitle", subtitle)
        self._notes(slide, notes)

    def _timeline(self, planned: Planned) -> None:
        assert planned.chart is not None  # planned only where there is a timeline
        slide, view = self._slide(planned.layout)
        self._set_title(slide, view, planned.title)
        self._chart(slide, view, planned.chart)
        self._notes(slide, planned.notes)

    def _sources(self, planned: Planned) -> None:
        self._text_slides(planned.layout or "", planned.title, planned.lines, planned.notes)

    def _closing(self, planned: Planned) -> None:
        slide, view = self._slide(planned.layout)
        self._set_title(slide, view, planned.title)
        if view.has("Subtitle"):
            self._text(slide, view, "Subtitle", planned.parts["Subtitle"])
        self._notes(slide, planned.notes)

    # --- charts


def _set_properties(prs: Presentation, report: Report) -> None:
    report.properties.apply(prs.core_properties)
