"""Native, editable Word charts: a chart part (word/charts/chartN.xml) with its data in an
embedded workbook (word/embeddings/), placed inline in a paragraph like a picture (Drawings
places both).

The chart XML and workbook are the deck's (render/native_chart.py: python-pptx's writers and
the deck's styling), sized for the page; its colours are theme colours, so the chart follows
the Word template's theme. Word's "Edit Data" opens the workbook.
"""

from __future__ import annotations

import datetime as dt
import io

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.shape import CT_Inline
from docx.parts.document import DocumentPart
from docx.shared import Length
from docx.text.paragraph import Paragraph

from reportgen.render.chart_figure import HEIGHT_IN, WIDTH_IN
from reportgen.render.native_chart import PAGE, WORKBOOK_RID, Box, NativeChart, native_chart
from reportgen.render.native_chart import theme_font as native_font
from reportgen.report.charts import ChartSpec

CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def add_chart_part(doc_part: DocumentPart, chart: NativeChart) -> str:
    """The chart part and its workbook added to the document's package; the document's
    relationship id of the chart."""
    package = doc_part.package
    part = Part(package.next_partname("/word/charts/chart%d.xml"), CT.DML_CHART, chart.xml,
                package)
    r_id = doc_part.relate_to(part, RT.CHART)  # related first: next_partname sees the part
    workbook = Part(package.next_partname("/word/embeddings/Microsoft_Excel_Sheet%d.xlsx"),
                    CT.SML_SHEET, chart.xlsx, package)
    if part.relate_to(workbook, RT.PACKAGE) != WORKBOOK_RID:  # the chart XML names rId1
        raise AssertionError("a new chart part's first relationship is its workbook")
    return r_id


def chart_inline(shape_id: int, r_id: str, cx: int, cy: int) -> CT_Inline:
    """A wp:inline holding the chart related as r_id, cx × cy EMU; the caller names its docPr
    and gives its alt text."""
    return parse_xml(
        f'<wp:inline {nsdecls("wp", "a", "c", "r")} distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="Chart {shape_id}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{CHART_URI}"><c:chart r:id="{r_id}"/>'
        "</a:graphicData></a:graphic></wp:inline>")


def theme_font(doc_part: DocumentPart) -> str:
    """The Word template theme's body font, which the charts' text takes."""
    try:
        theme = doc_part.part_related_by(RT.THEME).blob
    except KeyError:
        theme = None
    return native_font(theme)


class Drawings:
    """Pictures and Word charts placed inline in the briefing's paragraphs, each with a drawing
    id no other has."""

    def __init__(self, doc_part: DocumentPart, font: str, created: dt.datetime) -> None:
        self.part, self.font, self.created = doc_part, font, created
        self.drawing_id: int | None = None  # the last drawing's (see _next_id)

    def picture(self, paragraph: Paragraph, png: bytes, width: Length) -> CT_Inline:
        """python-docx's Run.add_picture (the same XML), with the drawing ids counted here."""
        r_id, image = self.part.get_or_add_image(io.BytesIO(png))
        cx, cy = image.scaled_dimensions(width, None)
        inline = CT_Inline.new_pic_inline(self._next_id(), r_id, image.filename, cx, cy)
        paragraph.add_run()._r.add_drawing(inline)
        return inline

    def chart(self, paragraph: Paragraph, chart: ChartSpec, width: Length) -> CT_Inline:
        """The chart as a Word chart part, width wide and as high as its picture would be, its
        data in an embedded workbook."""
        box = Box(0, 0, int(width), round(int(width) * HEIGHT_IN / WIDTH_IN))
        part = native_chart(chart, box, self.font, PAGE, self.created)
        r_id = add_chart_part(self.part, part)
        inline = chart_inline(self._next_id(), r_id, box.width, box.height)
        paragraph.add_run()._r.add_drawing(inline)
        return inline

    def _next_id(self) -> int:
        """A drawing id no other has: python-docx's own search of the whole document for the
        highest id, at each picture, made writing the briefing quadratic in its charts."""
        if self.drawing_id is None:
            self.drawing_id = max([0, *(int(i) for i in self.part.element.xpath("//@id")
                                        if i.isdigit())])
        self.drawing_id += 1
        return self.drawing_id
