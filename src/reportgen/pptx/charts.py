"""Native, editable PowerPoint charts: the chart of render/native_chart.py, on a slide."""

from __future__ import annotations

from typing import Any

from reportgen.render.native_chart import SLIDE, Box, chart_data, chart_type, style_chart
from reportgen.report.charts import ChartSpec


# Any: python-pptx types add_chart as taking Length and ChartData and returning a Chart, where it
# takes EMU ints and CategoryChartData and returns the GraphicFrame used here.
def add_chart(slide: Any, spec: ChartSpec, box: Box, font: str) -> Any:
    """Add spec as a native bar, column or line chart filling box; return its graphic frame.

    The values are the dataset's (right-click › Edit Data shows them); each data label is the
    formatter's text for its bar, so "$3.75 billion" and "≈$3 billion" read exactly as in the
    briefing. Colours are theme colours and the font is the theme's, so the chart follows the
    template.
    """
    data = chart_data(spec, box, font, SLIDE)
    frame = slide.shapes.add_chart(chart_type(spec), box.left, box.top, box.width, box.height,
                                   data)
    frame.name = f"Chart {spec.id}"
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt)
    style_chart(frame.chart, spec, box, font, SLIDE)
    return frame
