"""A chart on its slide: its caption fitted first (growing upwards over the chart where it must),
then the chart, native or a picture, in the space left above it."""

from __future__ import annotations

import io

from PIL import Image
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide
from pptx.util import Emu, Pt

from reportgen.errors import Problem, TemplateError, relpath
from reportgen.pptx.charts import add_chart
from reportgen.pptx.placeholders import place, write_lines
from reportgen.pptx.plan import SlideText
from reportgen.pptx.roles import LayoutRoles
from reportgen.pptx.slides import SlideDrawer
from reportgen.pptx.style import CAPTION_SCALE, SHRINK, fit_range, own_size
from reportgen.render.chart_pictures import picture
from reportgen.render.native_chart import Box
from reportgen.render.text_measure import FitParagraph, fit_size, height, line_height
from reportgen.report.charts import ChartSpec

GAP_PT = 6.0  # between a caption that grew and the chart above it
CAPTION_MAX_SHARE = 0.4  # of the chart's height, which a long caption may take over


class ChartSlides(SlideDrawer):
    """Slides that carry a chart (a section's, the timeline)."""

    def _chart(self, slide: Slide, view: LayoutRoles, chart: ChartSpec) -> None:
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

    def _caption(self, slide: Slide, view: LayoutRoles, text: str) -> int:
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

    def _caption_box(self, slide: Slide, view: LayoutRoles, chart: Shape, text: str) -> int:
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
        box = slide.shapes.add_textbox(Emu(chart.left), Emu(top), Emu(chart.width), Emu(needed))
        box.name = "Caption"
        frame = box.text_frame
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        write_lines(frame, [SlideText(text, bullet=False)], size)
        return top - int(Pt(GAP_PT))

    def _picture(self, slide: Slide, chart: ChartSpec, box: Box) -> None:
        """Place a chart's picture inside box, keeping its aspect ratio."""

        png = picture(chart, self.pictures)
        with Image.open(io.BytesIO(png)) as img:
            ratio = img.width / img.height
        width, height_ = box.width, int(box.width / ratio)
        if height_ > box.height:
            height_, width = box.height, int(box.height * ratio)
        left = box.left + (box.width - width) // 2
        top = box.top + (box.height - height_) // 2
        pic = slide.shapes.add_picture(io.BytesIO(png), Emu(left), Emu(top), Emu(width),
                                       Emu(height_))
        pic._element._nvXxPr.cNvPr.set("descr", chart.alt)  # the picture's p:nvPicPr
        pic.name = f"Chart {chart.id}"
