"""Write the slide deck (.pptx) from templates/deck.pptx: each slide on the layout report.yaml
names, each part in the placeholder that plays it (pptx/roles.py), at the template's own sizes
and colours (pptx/style.py)."""

from __future__ import annotations

import copy
import functools
import io
import logging
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from reportgen.errors import (
    Problem,
    ReportgenError,
    TemplateError,
    relpath,
    unreadable_template,
)
from reportgen.package import read_template
from reportgen.pptx.charts import Box, add_chart
from reportgen.pptx.package import as_presentation
from reportgen.pptx.placeholders import (
    Placeholders,
    number_placeholders,
    place,
    room,
    write_lines,
)
from reportgen.pptx.plan import SPARSE_LINES, DeckPlan, Planned, SlideText
from reportgen.pptx.roles import (
    FIGURE,
    KIND_NAMES,
    ROLE_NAMES,
    LayoutRoles,
    missing_roles,
    resolve,
    slide_kinds,
)
from reportgen.pptx.scripts import name_scripts, tag_other_languages
from reportgen.pptx.style import (
    CAPTION_SCALE,
    SHRINK,
    SPARSE_SCALE,
    fit_range,
    own_size,
    palette,
)
from reportgen.pptx.text_style import text_style, theme_fonts
from reportgen.render.chart_pictures import picture
from reportgen.render.native_chart import theme_font
from reportgen.render.text_measure import FitParagraph, fit_size, height, line_height
from reportgen.report.charts import ChartSpec
from reportgen.report.structure import DeckLayout, SlideSpec, Structure, load_structure
from reportgen.report.tree import Report, ReportSection

log = logging.getLogger(__name__)

CHART_MODES = ("native", "image")
GAP_PT = 6.0  # between a caption that grew and the chart above it
CAPTION_MAX_SHARE = 0.4  # of the chart's height, which a long caption may take over


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


def missing_layouts(template: Path, available: list[str], deck: list[SlideSpec],
                    aliases: dict[str, str] | None = None) -> list[Problem]:
    """Every layout report.yaml's deck names that the template lacks (build and check alike);
    a name deck_layouts maps is looked for under the house layout's name."""
    aliases = aliases or {}
    return [Problem(relpath(template), 0, 0, f"deck[{i}].layout",
                    f"no slide layout named '{aliases.get(name, name)}'"
                    + (f" (deck_layouts.{name})" if name in aliases else ""),
                    "layouts in the template: " + ", ".join(available)
                    + ("" if aliases else "; `reportgen adopt` maps a house deck's layouts"))
            for i, item in enumerate(deck) for name in item.layouts
            if aliases.get(name, name) not in available]


# What opening a broken Office file raises: python-pptx's PackageNotFoundError (not a zip, cut
# short), KeyError (a part missing), ValueError (the other kind of document), lxml's syntax error.
BROKEN_PACKAGE = (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
                  etree.XMLSyntaxError, OSError, EOFError)


DECK_NAMES = ("deck.pptx", "deck.potx", "deck.pptm", "deck.potm")


def deck_path(templates: Path) -> Path:
    """The deck template of a templates folder: deck.pptx, or a template kept as deck.potx."""
    return next((templates / name for name in DECK_NAMES if (templates / name).is_file()),
                templates / DECK_NAMES[0])


def open_template(template: Path) -> Any:
    """The PowerPoint template, checked and opened, or a located TemplateError when it is no
    usable .pptx or holds what a deck may not carry (reportgen/package.py).

    A PowerPoint template (.potx) or macro-enabled file opens as the presentation it holds.
    """
    if not template.is_file():
        raise TemplateError([Problem(relpath(template), 0, 0, "", "no such file",
                                     "put the deck template there, or run `reportgen adopt`")])
    package = read_template(template, "PowerPoint")
    try:
        return Presentation(as_presentation(package))
    except BROKEN_PACKAGE as exc:
        raise unreadable_template(template, "PowerPoint", exc) from None


def _theme_font(prs: Any) -> str:
    try:
        theme = prs.slide_master.part.part_related_by(RT.THEME).blob
    except KeyError:  # no theme: Office's own font stands in
        theme = None
    return theme_font(theme)


def drop_slides(prs: Any) -> int:
    """Remove the slides a template carries (its samples): reportgen makes every slide."""
    ids = prs.slides._sldIdLst
    count = len(ids)
    for sld_id in list(ids):
        prs.part.drop_rel(sld_id.rId)
        ids.remove(sld_id)
    return count


def house_layouts(template: Path, structure: Structure) -> dict[str, DeckLayout]:
    """report.yaml's deck_layouts: they belong with the deck template, so a dataset's own
    report.yaml that has none takes those of the templates folder the deck is in."""
    beside = template.parent / "report.yaml"
    if structure.deck_layouts or not beside.is_file():
        return structure.deck_layouts
    return _folder_layouts(template.parent, beside.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _folder_layouts(folder: Path, _mtime: int) -> dict[str, DeckLayout]:
    """A templates folder's deck_layouts, read once while its report.yaml is unchanged."""
    try:
        return load_structure(folder).deck_layouts
    except TemplateError:  # reported where that folder's report.yaml is read
        return {}


def layout_views(prs: Any, template: Path, structure: Structure) -> dict[str, LayoutRoles]:
    """Each layout name the deck list uses, as a layout of the template with its parts."""
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    area = prs.slide_width * prs.slide_height
    mapped = house_layouts(template, structure)
    views = {}
    for name in sorted(structure.layouts):
        entry = mapped.get(name)
        layout = layouts.get(entry.layout if entry else name)
        if layout is not None:
            views[name] = resolve(name, layout, area, entry.placeholders if entry else None)
    return views


def deck_problems(prs: Any, template: Path, structure: Structure) -> list[Problem]:
    """Everything about the template that would stop the build, all at once (build and check
    alike): layouts the deck list names that it lacks, parts a layout has no placeholder for,
    deck_layouts entries naming a part or an index that is not there, a title box too small for
    one line."""
    mapped = house_layouts(template, structure)
    aliases = {name: entry.layout for name, entry in mapped.items()}
    where = relpath(template)
    problems = missing_layouts(template, [layout.name for layout in prs.slide_layouts],
                               structure.deck, aliases)
    number_placeholders(prs)
    views = layout_views(prs, template, structure)
    for name, entry in mapped.items():
        if name in views:
            problems += _mapping_problems(where, name, entry, views[name])
    for name, kind in slide_kinds(structure).items():
        if name in views:
            problems += _layout_problems(where, views[name], kind, name in aliases,
                                         _theme_font(prs))
    return problems


def _placeholder_list(layout: Any) -> str:
    return ", ".join(f"{ph.name} (idx {ph.placeholder_format.idx})"
                     for ph in layout.placeholders)


def _mapping_problems(where: str, name: str, entry: DeckLayout,
                      view: LayoutRoles) -> list[Problem]:
    """A deck_layouts entry's parts that are no parts, or indexes its layout does not have."""
    problems = []
    present = {ph.placeholder_format.idx for ph in view.layout.placeholders}
    for role, idx in entry.placeholders.items():
        if role not in ROLE_NAMES and not FIGURE.match(role):
            problems.append(Problem(where, 0, 0, f"report.yaml deck_layouts.{name}",
                                    f"'{role}' is not a part of a slide",
                                    "parts: " + ", ".join(ROLE_NAMES) + ", Figure 1 …"))
        elif idx not in present:
            problems.append(Problem(
                where, 0, 0, f"report.yaml deck_layouts.{name}.placeholders.{role}",
                f"layout '{entry.layout}' has no placeholder of idx {idx}",
                "its placeholders: " + _placeholder_list(view.layout)))
    return problems


def _layout_problems(where: str, view: LayoutRoles, kind: str, mapped: bool,
                     font: str) -> list[Problem]:
    """A layout's missing parts, placeholders without a size, a title box too low."""
    here = f"layout '{view.layout.name}'"
    problems = [Problem(where, 0, 0, here + (f" (deck_layouts.{view.name})" if mapped else ""),
                        f"no placeholder for the {role.lower()} of a {KIND_NAMES[kind]} slide",
                        "placeholders: " + _placeholder_list(view.layout) + "; run `reportgen "
                        "adopt` on the deck, or map one in report.yaml's deck_layouts")
                for role in missing_roles(view, kind)]
    problems += [Problem(where, 0, 0, f"{here} › {ph.name}", f"the {role.lower()} placeholder "
                         "has no size, on its layout or its master", "move or resize it once "
                         "in PowerPoint (View › Slide Master) and save")
                 for role, ph in view.roles.items() if ph.width is None or ph.height is None]
    title = view.roles.get("Title")
    if title is not None and title.height is not None:
        _, floor = fit_range("Title", title)
        style = text_style(title, theme_fonts(view.layout.slide_master))
        if height([FitParagraph("Ag")], floor, 10_000, style.font, style.line) > \
                room(title, style)[1]:
            problems.append(Problem(where, 0, 0, f"{here} › {title.name}", "the title box is "
                                    f"too low for one line even at {floor:g} pt",
                                    "make the title placeholder taller"))
    return problems


class _Deck:
    """Draws the deck's plan (plan.py) into the template: each text fitted into its box."""

    def __init__(self, prs: Any, template: Path, report: Report, structure: Structure,
                 native: bool, pictures: Mapping[str, bytes] | None = None) -> None:
        self.prs = prs
        self.template = template
        self.report = report
        self.structure = structure
        self.native, self.pictures = native, pictures
        self.font = _theme_font(prs)
        self.palette = palette(prs.slide_master)
        number_placeholders(prs)
        self.views = layout_views(prs, template, structure)
        self.labels = report.labels
        self.footer = self.labels.get("deck.footer", "")
        self.continued: dict[str, int] = {}  # slides titled as continuing each title so far
        self.placeholders = Placeholders(template, self.palette)
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
            _drop_empty(slide)
            _title_first(slide)

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

    def _fits(self, slide: Any, view: LayoutRoles, role: str, lines: list[SlideText]) -> bool:
        start, floor = fit_range(role, self.placeholders.layout_placeholder(view, role))
        return self.placeholders.fits(slide, view, role, lines, start, floor)

    def _fitting_title(self, slide: Any, view: LayoutRoles, title: str, fallback: str) -> None:
        """title as the slide's title where it fits its box, else fallback."""
        lines = [SlideText(title, bullet=False)]
        if title and self._fits(slide, view, "Title", lines):
            self._text(slide, view, "Title", lines)
        else:
            self._set_title(slide, view, fallback)

    def _section_title(self, slide: Any, view: LayoutRoles, area: ReportSection) -> None:
        """The section's headline as the slide's title where it fits, else its name."""
        self._fitting_title(slide, view, area.section.headline, area.section.title)

    def _chart_title(self, slide: Any, view: LayoutRoles, chart: ChartSpec,
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

    def _text_slides(self, layout_name: str, title: str, lines: list[SlideText], notes: str,
                     continued: bool = False, area: ReportSection | None = None,
                     merged: list[str] | None = None) -> None:
        """Slides of text, as many as the lines need. A section's (area given) first slide of
        SPARSE_LINES points or fewer is set larger; a list such as the sources keeps its size.
        Sections merged on one slide are titled with their names where they fit, else the
        first one's."""
        while lines:
            slide, view = self._slide(layout_name)
            if area is not None and not continued:
                self._section_title(slide, view, area)
            elif merged and not continued:
                self._fitting_title(slide, view, title, merged[0])
            else:
                self._set_title(slide, view, self._continued(title) if continued else title)
            sparse = (area is not None or bool(merged)) and not continued and \
                sum(line.bullet for line in lines) <= SPARSE_LINES
            rest = self._text(slide, view, "Body", lines, allow_overflow=True,
                              scale=SPARSE_SCALE if sparse else 1.0)
            if rest and len(rest) < len(lines):
                # The lines shared evenly among the slides they need, so that the last is not
                # left with one or two (a sources list of eight read 7 + 1).
                shown = len(lines) - len(rest)
                even = -(-len(lines) // -(-len(lines) // shown))
                if even < shown:
                    rest = self._text(slide, view, "Body", lines[:even],
                                      allow_overflow=True) + lines[even:]
            self._notes(slide, notes)
            if len(rest) == len(lines):  # not even one paragraph fits: never loop forever
                raise TemplateError([Problem(relpath(self.template), 0, 0, layout_name,
                                             "the body placeholder is too small for one "
                                             "paragraph at the minimum size",
                                             "enlarge the Body placeholder in the layout")])
            lines = rest
            continued = True

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
    def _chart(self, slide: Any, view: LayoutRoles, chart: ChartSpec) -> None:
        """Caption first (it may need more lines), then the chart in the space left above it."""
        box = self._placeholder(slide, view, "Chart")
        if view.has("Caption"):
            caption_top = self._caption(slide, view, chart.caption)
        else:  # the house layout has no caption box: one at the foot of the chart's
            caption_top = self._caption_box(slide, view, box, chart.caption)
        area = Box(box.left, box.top, box.width, min(box.height, caption_top - box.top))
        self._drop(slide, view, "Chart")
        if self.native and chart.native:
            add_chart(slide, chart, area, self.font)
        else:
            self._picture(slide, chart, area)

    def _caption(self, slide: Any, view: LayoutRoles, text: str) -> int:
        """Fit the caption; a long one grows upwards over the chart. Returns the space's end.

        Shapes beside the chart (the takeaways) are shortened to end above the caption too.
        """
        shape = self._placeholder(slide, view, "Caption")
        chart = self._placeholder(slide, view, "Chart")
        gap = Pt(GAP_PT)
        width, room = self.placeholders.room(shape, view, "Caption")
        style = self.placeholders.style(view, "Caption")
        margins = shape.height - Pt(room)
        paras = [FitParagraph(text)]
        start, floor = fit_range("Caption", self.placeholders.layout_placeholder(view, "Caption"))
        size = fit_size(paras, width, room, style.font, start, floor, style.line)
        if size is None:
            size = floor
            needed = int(Pt(height(paras, size, width, style.font, style.line)) + margins)
            grow = needed - shape.height
            if grow > chart.height * CAPTION_MAX_SHARE:
                raise TemplateError([Problem(
                    relpath(self.template), 0, 0, f"{view.layout.name} › Caption",
                    f"caption too long for the slide: {text[:60]}…",
                    "shorten the chart's title in charts.yaml or enlarge the Caption placeholder")])
            place(shape, shape.left, shape.top - grow, shape.width, needed)
        write_lines(shape.text_frame, [SlideText(text, bullet=False)], size)
        end = min(chart.top + chart.height, shape.top - gap)
        if view.has("Takeaways"):
            beside = self._placeholder(slide, view, "Takeaways")
            if beside.top + beside.height > end:
                place(beside, beside.left, beside.top, beside.width, end - beside.top)
        return end

    def _caption_box(self, slide: Any, view: LayoutRoles, chart: Any, text: str) -> int:
        """A caption in a text box at the foot of the chart's placeholder, in the theme's body
        font at a share of the chart box's own text size. Returns its top less a gap."""
        ph = self.placeholders.layout_placeholder(view, "Chart")
        start = own_size(ph) * CAPTION_SCALE
        floor = min(SHRINK["Caption"][0], start)
        width = Emu(chart.width).pt
        paras = [FitParagraph(text)]
        line = line_height(self.font)  # a text box's text is in the theme's body font
        size = fit_size(paras, width, Emu(chart.height).pt * CAPTION_MAX_SHARE, self.font,
                        start, floor, line) or floor
        needed = int(Pt(height(paras, size, width, self.font, line) + 2 * GAP_PT))
        if needed > chart.height * CAPTION_MAX_SHARE:
            raise TemplateError([Problem(
                relpath(self.template), 0, 0, f"{view.layout.name} › chart",
                f"caption too long for the slide: {text[:60]}…",
                "shorten the chart's title in charts.yaml or enlarge the chart's placeholder")])
        top = chart.top + chart.height - needed
        box = slide.shapes.add_textbox(chart.left, top, chart.width, needed)
        box.name = "Caption"
        frame = box.text_frame
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        write_lines(frame, [SlideText(text, bullet=False)], size)
        return top - int(Pt(GAP_PT))

    def _picture(self, slide: Any, chart: ChartSpec, box: Box) -> None:
        """Place a chart's picture inside box, keeping its aspect ratio."""

        png = picture(chart, self.pictures)
        with Image.open(io.BytesIO(png)) as img:
            ratio = img.width / img.height
        width, height_ = box.width, int(box.width / ratio)
        if height_ > box.height:
            height_, width = box.height, int(box.height * ratio)
        left = box.left + (box.width - width) // 2
        top = box.top + (box.height - height_) // 2
        pic = slide.shapes.add_picture(io.BytesIO(png), left, top, width, height_)
        pic._element.nvPicPr.cNvPr.set("descr", chart.alt)
        pic.name = f"Chart {chart.id}"

    # --- notes
    def _notes(self, slide: Any, text: str) -> None:
        if text:
            slide.notes_slide.notes_text_frame.text = text

    # --- helpers
    def _continued(self, title: str) -> str:
        """ "Economy (continued)", then "Economy (continued, 2)" and on, counted over the whole
        deck (text slides, chart slides, key figures): no two slides titled alike."""
        n = self.continued[title] = self.continued.get(title, 0) + 1
        if n > 1:
            return self.labels["deck.continued_again"].format(title=title, n=n)
        return self.labels["deck.continued"].format(title=title)

    def _slide(self, layout_name: str | None, footer: bool = True) -> tuple[Any, LayoutRoles]:
        view = self.views[layout_name or ""]
        slide = self.prs.slides.add_slide(view.layout)
        if footer:
            self._footer(slide, view.layout)
        return slide, view

    def _footer(self, slide: Any, layout: Any) -> None:
        """python-pptx does not copy footer and slide-number placeholders: copy and fill them.
        The footer's text is fitted into its box: smaller, then shortened, never wrapped off."""

        number = len(self.prs.slides)
        text = self.footer.format(marking=self.report.cover.marking,
                                  title=self.report.cover.title)
        for ph in layout.placeholders:
            kind = ph.placeholder_format.type
            if kind not in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                continue
            el = copy.deepcopy(ph._element)
            el.nvSpPr.cNvPr.set("id", str(_next_id(slide)))
            slide.shapes._spTree.append(el)
            shape = slide.placeholders[ph.placeholder_format.idx]
            tf = shape.text_frame
            tf.clear()
            if kind == PP_PLACEHOLDER.FOOTER:
                self._footer_text(shape, ph, text)
            else:
                _slide_number_field(tf.paragraphs[0], number)

    def _footer_text(self, shape: Any, ph: Any, text: str) -> None:
        style = text_style(ph, theme_fonts(ph.part.slide_master))
        width, room_ = room(shape, style)
        start, floor = fit_range("Footer", ph)

        def fitting(text: str, smallest: float) -> float | None:
            return fit_size([FitParagraph(text)], width, room_, style.font, start, smallest,
                            style.line)

        if fitting(text, start) is not None:
            shape.text_frame.paragraphs[0].text = text  # as the house set it
            return
        size = fitting(text, floor)
        while size is None and len(text) > 1:
            text = text[:max(1, len(text) * 4 // 5)].rstrip(" —–-·|,") + "…"
            size = fitting(text, floor)
        write_lines(shape.text_frame, [SlideText(text, bullet=False)], size or floor)

    def _placeholder(self, slide: Any, view: LayoutRoles, name: str) -> Any:
        return self.placeholders.find(slide, view, name)

    def _drop(self, slide: Any, view: LayoutRoles, name: str) -> None:
        self.placeholders.drop(slide, view, name)

    def _set_title(self, slide: Any, view: LayoutRoles, title: str) -> None:
        self._text(slide, view, "Title", [SlideText(title, bullet=False)])

    def _text(self, slide: Any, view: LayoutRoles, name: str, lines: list[SlideText],
              allow_overflow: bool = False, scale: float = 1.0) -> list[SlideText]:
        """Fill a part from its placeholder's own size down to its floor (style.SHRINK); scale
        starts a sparse slide larger."""
        start, floor = fit_range(name, self.placeholders.layout_placeholder(view, name))
        return self.placeholders.fill(slide, view, name, lines, start * scale, floor,
                                      allow_overflow)


def _drop_empty(slide: Any) -> None:
    """A placeholder the slide left empty would show its prompt text in PowerPoint ("Click to
    add text") and an empty box elsewhere: remove it."""
    for shape in list(slide.placeholders):
        element = shape._element
        if element.tag == qn("p:sp") and not shape.text_frame.text.strip() and \
                element.find(f".//{qn('a:fld')}") is None:
            element.getparent().remove(element)


def _title_first(slide: Any) -> None:
    """The title first in the reading order (a screen reader's), wherever the house's layout
    put its title placeholder."""
    title = slide.shapes.title
    tree = slide.shapes._spTree
    shapes = [el for el in tree.iterchildren() if el.tag in
              (qn("p:sp"), qn("p:pic"), qn("p:graphicFrame"), qn("p:grpSp"), qn("p:cxnSp"))]
    if title is not None and shapes and shapes[0] is not title._element:
        shapes[0].addprevious(title._element)


def _slide_number_field(paragraph: Any, number: int) -> None:
    """A slide-number field, before the paragraph's end mark as the schema's order wants."""

    fld = etree.Element(qn("a:fld"))
    fld.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
    fld.set("type", "slidenum")
    etree.SubElement(fld, qn("a:rPr")).set("lang", "en-GB")
    etree.SubElement(fld, qn("a:t")).text = str(number)
    end = paragraph._p.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(fld)
    else:
        paragraph._p.append(fld)


def _next_id(slide: Any) -> int:
    ids = [int(x) for x in slide.shapes._spTree.xpath("//p:cNvPr/@id")]
    return max(ids, default=1) + 1


def _set_properties(prs: Any, report: Report) -> None:
    report.properties.apply(prs.core_properties)
