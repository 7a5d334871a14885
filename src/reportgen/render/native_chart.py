"""Native, editable charts (DrawingML chart XML and its embedded workbook), drawn from the
same ChartSpec as the pictures: the deck's PowerPoint charts and the briefing's Word charts.

Built with python-pptx's chart XML writer (ChartXmlWriter, through CategoryChartData) and its
workbook writer (XlsxWriter), and styled through python-pptx's chart objects: both documents'
charts are the same XML, sized for their page.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx.chart.chart import Chart
from pptx.chart.data import Categories, CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.chtfmt import ChartFormat
from pptx.dml.color import ColorFormat
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
    XL_TICK_MARK,
)
from pptx.enum.dml import MSO_PATTERN, MSO_THEME_COLOR
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.oxml.xmlchemy import BaseOxmlElement
from pptx.util import Emu, Pt
from xlsxwriter import Workbook

from reportgen.render.chart_figure import value_limits
from reportgen.render.text_measure import LINE_HEIGHT, break_lines
from reportgen.report.charts import ChartSpec


@dataclass(frozen=True)
class Sizes:
    """Text sizes in points: category labels and the values written on the bars."""

    label: float
    value: float


# On a slide nothing in a chart is smaller than 12 pt; on a page, as large as the pictures'.
SLIDE, PAGE = Sizes(14.0, 16.0), Sizes(11.0, 12.0)
# Share of the chart's width the labels of a horizontal bar chart may take, and share of the
# height the labels under a column chart may take.
BAR_LABEL_SHARE, COLUMN_LABEL_SHARE = 0.42, 0.25
AXIS_ID_BASE = 500000  # python-pptx writes negative axis ids, which the schema rejects


@dataclass(frozen=True)
class Box:
    """Where a chart goes (on the slide, or its size on the page), in EMU."""

    left: int
    top: int
    width: int
    height: int


def chart_data(spec: ChartSpec, box: Box, font: str, sizes: Sizes = SLIDE,
               created: dt.datetime | None = None) -> CategoryChartData:
    """The chart's data as python-pptx writes it to the chart XML and its workbook: one
    category a bar, its label broken for the room it has; one series of the values. `created`
    is stamped into the workbook (a fixed time gives the same bytes)."""
    data = _ChartData(number_format="General")
    data.created = created
    categories = _Categories()
    for bar in spec.bars:
        categories.add_category(" ".join(bar.label) if spec.line
                                else category_label(spec, bar.label, box, font, sizes))
    data._categories = categories  # what its setter does, with our faster Categories
    data.add_series(spec.title, [bar.value for bar in spec.bars])
    return data


def chart_type(spec: ChartSpec) -> XL_CHART_TYPE:
    return (XL_CHART_TYPE.LINE if spec.line else XL_CHART_TYPE.BAR_CLUSTERED if spec.horizontal
            else XL_CHART_TYPE.COLUMN_CLUSTERED)


def style_chart(chart: Chart, spec: ChartSpec, box: Box, font: str, sizes: Sizes = SLIDE) -> None:
    """The house look on a python-pptx chart: theme colours and font, a label on each bar (the
    formatter's text, so "$3.75 billion" and "≈$3 billion" read as in the text), an estimate
    hatched, no axis lines but the categories'; axis ids the schema accepts."""
    _style_chart(chart, spec, box, font, sizes)
    _renumber_axis_ids(chart)


@dataclass(frozen=True)
class NativeChart:
    """A chart part's XML (c:chartSpace, its workbook related as rId1) and that workbook."""

    xml: bytes
    xlsx: bytes


WORKBOOK_RID = "rId1"  # the chart part's one relationship: its embedded workbook


def native_chart(spec: ChartSpec, box: Box, font: str, sizes: Sizes,
                 created: dt.datetime) -> NativeChart:
    """The chart part of spec, styled as the deck's, with its data as an embedded workbook
    (Edit Data opens it), for a package other than a presentation (the briefing)."""
    data = chart_data(spec, box, font, sizes, created)
    space = parse_xml(data.xml_bytes(chart_type(spec)))
    style_chart(Chart(space, None), spec, box, font, sizes)
    external = space.get_or_add_externalData()
    external.rId = WORKBOOK_RID
    return NativeChart(etree.tostring(space, xml_declaration=True, encoding="UTF-8",
                                      standalone=True), data.xlsx_blob)


def theme_font(theme: bytes | None) -> str:
    """The body (minor) font of a theme part, which a chart's text takes; Office's own,
    Calibri, where there is none (theme: a part's bytes, or None)."""
    try:
        root = etree.fromstring(theme) if theme else None
    except etree.XMLSyntaxError:
        root = None
    found = [] if root is None else root.xpath(
        "//a:minorFont/a:latin/@typeface",
        namespaces={"a": "http://schemas.openxmlformats.org/drawingml/2006/main"})
    return str(found[0]) if found else "Calibri"


class _ChartData(CategoryChartData):
    """python-pptx's chart data, its workbook stamped with a fixed creation time."""

    created: dt.datetime | None = None

    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        writer: CategoryWorkbookWriter | None = self.__dict__.get("_writer")
        if writer is None:
            writer = self.__dict__["_writer"] = _WorkbookWriter(self)
        return writer


class _WorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's workbook writer; its workbook's creation time the chart data's, not now
    (XlsxWriter stamps the time it is written otherwise)."""

    @contextlib.contextmanager
    def _open_worksheet(self, xlsx_file: io.BytesIO) -> Iterator[tuple[Any, Any]]:
        workbook = Workbook(xlsx_file, {"in_memory": True})
        created = getattr(self._chart_data, "created", None)
        if created is not None:
            workbook.set_properties({"created": created.astimezone(dt.UTC).replace(
                tzinfo=None)})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class _Categories(Categories):
    """python-pptx's flat Categories, each one's offset found in a dict: its own search walks
    the list for every category, which is quadratic in a long series."""

    def index(self, category: Any, *_: Any) -> int:
        offsets: dict[int, int] | None = getattr(self, "_offsets", None)
        if offsets is None or len(offsets) != len(self._categories):
            offsets = self._offsets = {id(c): i for i, c in enumerate(self._categories)}
        return offsets[id(category)]


def category_label(spec: ChartSpec, lines: tuple[str, ...], box: Box, font: str,
                   sizes: Sizes = SLIDE) -> str:
    """The category text with line breaks measured for the space each category gets."""
    width_pt, height_pt = Emu(box.width).pt, Emu(box.height).pt
    line_pt = sizes.label * LINE_HEIGHT
    if spec.horizontal:  # labels at the left, each beside its bar
        width = width_pt * BAR_LABEL_SHARE
        room = height_pt * 0.9 / max(len(spec.bars), 1)
    else:  # labels under their columns
        width = width_pt * 0.9 / max(len(spec.bars), 1)
        room = height_pt * COLUMN_LABEL_SHARE
    max_lines = max(1, int(room // line_pt))
    return "\n".join(break_lines(lines, sizes.label, width, font, max_lines))


def _style_chart(chart: Chart, spec: ChartSpec, box: Box, font: str, sizes: Sizes) -> None:
    chart.has_legend = False
    chart.has_title = False
    chart.font.name = font
    chart.font.size = Pt(sizes.label)
    _grey(chart.font.color)
    _no_frame(chart)

    plot = chart.plots[0]
    plot.vary_by_categories = False
    series = plot.series[0]
    if spec.line:
        series.smooth = False
        series.marker.style = XL_MARKER_STYLE.NONE
        _theme(series.format.line.color, "TEXT_2")
        series.format.line.width = Pt(1.5)
    else:
        plot.gap_width = 60 if spec.horizontal else 80
        series.invert_if_negative = False
    points = series.points
    for i in spec.labelled:  # each point's label is looked up by a search: only those shown
        point, bar = points[i], spec.bars[i]
        if not spec.line:
            _fill(point.format, spec.tone(bar))
        label = point.data_label
        label.position = XL_LABEL_POSITION.ABOVE if spec.line else XL_LABEL_POSITION.OUTSIDE_END
        frame = label.text_frame
        frame.text = bar.text
        if spec.horizontal:  # on one line, in the room measured for it beside its bar
            frame.word_wrap = False  # (LibreOffice wraps a long one otherwise)
        run = frame.paragraphs[0].runs[0]
        run.font.size = Pt(sizes.value)
        run.font.bold = True
        run.font.name = font
        _theme(run.font.color, "TEXT_2")
    # The same for the series' labels: LibreOffice takes a label's font from there, not from
    # the label's own text.
    labels = series.data_labels.font
    labels.size, labels.bold, labels.name = Pt(sizes.value), True, font
    _theme(labels.color, "TEXT_2")

    values = [bar.value for bar in spec.bars]
    axis = chart.value_axis
    axis.visible = False
    axis.has_major_gridlines = False
    axis.has_minor_gridlines = False
    if spec.horizontal:  # room beside each bar's end for its label, measured
        plot_pt = Emu(box.width).pt * (1 - BAR_LABEL_SHARE) * 0.85
        limits = value_limits(spec, plot_pt, sizes.value, font)
        axis.minimum_scale, axis.maximum_scale = limits
    else:  # room above the highest column for its label, measured: a low chart needs more
        axis.maximum_scale = max(0.0, max(values)) * _headroom(spec, box, font, sizes) or 1.0
        axis.minimum_scale = min(0.0, min(values)) * 1.2

    categories = chart.category_axis
    categories.major_tick_mark = XL_TICK_MARK.NONE
    categories.minor_tick_mark = XL_TICK_MARK.NONE
    categories.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    categories.has_major_gridlines = False
    categories.tick_labels.font.size = Pt(sizes.label)
    _grey(categories.tick_labels.font.color)
    line = categories.format.line
    _grey(line.color)
    line.width = Pt(0.75)
    if spec.horizontal:
        categories.reverse_order = True  # read top to bottom, in the spec's order


def _headroom(spec: ChartSpec, box: Box, font: str, sizes: Sizes) -> float:
    """How far above the highest column the value axis goes: at least a fifth, and room for
    the tallest label (the plot is the box less the category labels under it)."""
    # LibreOffice wraps a data label at about half its column's share of the width.
    width = Emu(box.width).pt * 0.45 / max(len(spec.bars), 1)
    lines = max((len(break_lines((bar.text,), sizes.value, width, font, 3, bold=True))
                 for bar in spec.bars), default=1)
    plot = Emu(box.height).pt * (1 - COLUMN_LABEL_SHARE) * 0.8
    share = min((lines * sizes.value * LINE_HEIGHT + 6) / plot, 0.6) if plot > 0 else 0.6
    return max(1.2, 1 / (1 - share))


def _fill(fmt: ChartFormat, tone: str) -> None:
    """Tones as in charts.py, in theme colours: an estimate is hatched and lighter."""

    fill = fmt.fill
    if tone == "estimate":
        fill.patterned()
        fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
        _theme(fill.fore_color, "ACCENT_1")
        _theme(fill.back_color, "ACCENT_1", 0.8)
        _theme(fmt.line.color, "ACCENT_1")
        fmt.line.width = Pt(1)
        return
    fill.solid()
    if tone == "negative":  # as chart_figure.NEGATIVE: distinct from accent 1 in greyscale
        _theme(fill.fore_color, "TEXT_1", NEGATIVE_BRIGHTNESS)
    else:
        _theme(fill.fore_color, "ACCENT_1" if tone == "accent" else "TEXT_2")


NEGATIVE_BRIGHTNESS = 0.55  # the theme's text colour lightened by 55 %: #8C8C8C from black


def _theme(color: ColorFormat, slot: str, brightness: float = 0.0) -> None:
    color.theme_color = getattr(MSO_THEME_COLOR, slot)
    if brightness:
        color.brightness = brightness


def _grey(color: ColorFormat) -> None:
    """Dark grey for axis text and lines: the theme's text colour, lightened by 35 %."""
    _theme(color, "TEXT_1", 0.35)


def _no_frame(chart: Chart) -> None:
    """No fill or border around the chart or its plot area (python-pptx has no API for it)."""

    def sp_pr() -> BaseOxmlElement:
        return parse_xml(f"<c:spPr {nsdecls('c', 'a')}><a:noFill/><a:ln><a:noFill/></a:ln>"
                         "</c:spPr>")

    space = chart._chartSpace
    space.remove_all("c:spPr")
    space.find(qn("c:chart")).addnext(sp_pr())
    rounded = space.find(qn("c:roundedCorners"))
    if rounded is None:
        rounded = parse_xml(f'<c:roundedCorners {nsdecls("c")} val="0"/>')
        # roundedCorners follows date1904 and lang, and precedes everything else.
        anchor = [space.find(qn(t)) for t in ("c:date1904", "c:lang")]
        placed = [a for a in anchor if a is not None]
        if placed:
            placed[-1].addnext(rounded)
        else:
            space.insert(0, rounded)
    rounded.set("val", "0")
    plot_area = space.find(qn("c:chart")).find(qn("c:plotArea"))
    for old in plot_area.findall(qn("c:spPr")):
        plot_area.remove(old)
    children = [c for c in plot_area if c.tag in (qn("c:extLst"),)]
    if children:
        children[0].addprevious(sp_pr())
    else:
        plot_area.append(sp_pr())


def _renumber_axis_ids(chart: Chart) -> None:
    """python-pptx writes negative axis ids; the schema wants unsigned ones (old id → new id)."""

    space = chart._chartSpace
    numbers: dict[str, str] = {}
    counter = itertools.count(AXIS_ID_BASE)
    for el in space.iter(qn("c:axId"), qn("c:crossAx")):
        old = el.get("val")
        if old not in numbers:
            numbers[old] = str(next(counter))
        el.set("val", numbers[old])
