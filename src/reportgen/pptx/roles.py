"""Which placeholder of a slide layout plays which part of a slide (title, body, chart, …).

A house deck names its placeholders as it likes ("Título 1", "Content Placeholder 2", none at
all when LibreOffice saved it), so the parts are found by what PowerPoint itself records: the
placeholder's type (title, subtitle, body, object, date …), its index and its place on the slide.
`report.yaml`'s `deck_layouts:` (written by `reportgen adopt`) may name them by index instead,
and a placeholder named exactly as a part ("Title", "Body", "Figure 2" …) is that part, as in the
shipped template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.shapes.placeholder import LayoutPlaceholder
from pptx.slide import SlideLayout

from reportgen.report.structure import Structure

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE)
FURNITURE = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER,
             PP_PLACEHOLDER.HEADER)
# Placeholders that may take text or a chart: everything but titles, subtitles and furniture.
CONTENT = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.TABLE,
           PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.VERTICAL_BODY, PP_PLACEHOLDER.VERTICAL_OBJECT,
           PP_PLACEHOLDER.ORG_CHART, PP_PLACEHOLDER.MEDIA_CLIP, PP_PLACEHOLDER.BITMAP)
FIGURE = re.compile(r"Figure \d+$")
ROLE_NAMES = ("Title", "Subtitle", "Marking", "Date", "Body", "Chart", "Takeaways", "Caption")

# What each kind of slide draws into: the parts it needs, then those it uses where it finds them.
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "title": (("Title",), ("Subtitle", "Marking", "Date")),
    "text": (("Title", "Body"), ()),
    "key_figures": (("Title", "Figure 1"), ()),
    "chart_text": (("Title", "Chart"), ("Takeaways", "Caption")),
    "chart": (("Title", "Chart"), ("Caption",)),
    "divider": (("Title",), ("Subtitle",)),
}
KIND_NAMES = {"title": "title", "text": "text (agenda, points, sources)",
              "key_figures": "key figures", "chart_text": "chart with takeaways",
              "chart": "chart (and timeline)", "divider": "section divider (and closing)"}
# A box this share of the slide or larger holds a chart or a body of text; smaller ones are
# captions, markings and dates.
LARGE_SHARE = 0.12
SIMILAR_AREA = 0.6  # boxes of key figures: each at least this share of the largest one's area


@dataclass(frozen=True)
class Geometry:
    left: int
    top: int
    width: int
    height: int

    @property
    def area(self) -> int:
        return self.width * self.height

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def right(self) -> int:
        return self.left + self.width

    def beside(self, other: Geometry) -> bool:
        """Side by side: apart horizontally, overlapping vertically."""
        apart = self.right <= other.left + other.width // 10 or \
            other.right <= self.left + self.width // 10
        return apart and self.top < other.bottom and other.top < self.bottom

    def below(self, other: Geometry) -> bool:
        """Under other (starting in its lower part) and overlapping it horizontally."""
        return self.top >= other.top + other.height * 3 // 4 and \
            self.left < other.right and other.left < self.right


def placeholders(layout: SlideLayout) -> list[LayoutPlaceholder]:
    """A layout's placeholders (python-pptx types their `__iter__` so that mypy refuses a `for`
    over them, but not `list`)."""
    return list(layout.placeholders)


def geometry(ph: LayoutPlaceholder) -> Geometry:
    return Geometry(ph.left or 0, ph.top or 0, ph.width or 0, ph.height or 0)


def kind_of(ph: LayoutPlaceholder) -> PP_PLACEHOLDER:
    return ph.placeholder_format.type


def by_name(layout: SlideLayout) -> dict[str, LayoutPlaceholder]:
    """The shipped template's convention: a placeholder named as the part it plays."""
    found: dict[str, LayoutPlaceholder] = {}
    for ph in placeholders(layout):
        if ph.name in ROLE_NAMES or FIGURE.match(ph.name):
            found.setdefault(ph.name, ph)
    return found


def _reading(phs: Iterable[LayoutPlaceholder]) -> list[LayoutPlaceholder]:
    """Top to bottom in rows, left to right within a row."""
    items = list(phs)
    if not items:
        return []
    row = max(1, min(geometry(ph).height for ph in items) // 2)
    return sorted(items, key=lambda ph: (geometry(ph).top // row, geometry(ph).left))


def inferred(layout: SlideLayout, slide_area: int) -> dict[str, LayoutPlaceholder]:
    """Every part a layout's placeholders can play, found by type, index and geometry."""
    phs = placeholders(layout)
    roles: dict[str, LayoutPlaceholder] = {}
    title = next((ph for ph in phs if kind_of(ph) in TITLES), None)
    if title is not None:
        roles["Title"] = title
    subtitle = next((ph for ph in phs if kind_of(ph) == PP_PLACEHOLDER.SUBTITLE), None)
    date = next((ph for ph in phs if kind_of(ph) == PP_PLACEHOLDER.DATE), None)
    if date is not None:
        roles["Date"] = date
    content = [ph for ph in phs if kind_of(ph) in CONTENT]
    large = sorted((ph for ph in content if geometry(ph).area >= slide_area * LARGE_SHARE),
                   key=lambda ph: -geometry(ph).area)
    small = [ph for ph in content if ph not in large]
    if subtitle is None and not large and small and title is not None:
        # A title slide or divider without a subtitle placeholder: the body box nearest
        # under the title says what the subtitle would.
        under = [ph for ph in small if geometry(ph).top >= geometry(title).top]
        subtitle = min(under or small, key=lambda ph: (abs(geometry(ph).top
                                                           - geometry(title).bottom)))
        small.remove(subtitle)
    if subtitle is None and len(large) == 1 and title is not None and \
            layout._element.get("type") in ("secHead", "title"):
        subtitle = large.pop()
    if subtitle is not None:
        roles["Subtitle"] = subtitle
    if small and "Subtitle" in roles and not large:
        roles["Marking"] = max(small, key=lambda ph: geometry(ph).top)
    if large:
        main = large[0]
        roles["Body"] = roles["Chart"] = main
        beside = [ph for ph in large[1:] if geometry(ph).beside(geometry(main))]
        if beside:
            roles["Takeaways"] = beside[0]
        captions = [ph for ph in small if geometry(ph).below(geometry(main))]
        if captions:
            roles["Caption"] = min(captions, key=lambda ph: geometry(ph).top)
        peers = [ph for ph in large
                 if geometry(ph).area >= geometry(main).area * SIMILAR_AREA]
        for n, ph in enumerate(_reading(peers), 1):
            roles[f"Figure {n}"] = ph
    return roles


@dataclass
class LayoutRoles:
    """One layout as a kind of slide: its parts, each a placeholder of the layout."""

    name: str  # the name report.yaml's deck list uses
    layout: SlideLayout
    roles: dict[str, LayoutPlaceholder] = field(default_factory=dict)

    def has(self, role: str) -> bool:
        return role in self.roles

    @property
    def figures(self) -> int:
        return sum(1 for role in self.roles if FIGURE.match(role))


def resolve(name: str, layout: SlideLayout, slide_area: int,
            mapping: dict[str, int] | None = None) -> LayoutRoles:
    """A layout's parts: by report.yaml's mapping (role → placeholder idx) where it gives one,
    else by the placeholders' own names, else by type and geometry."""
    if mapping:
        by_idx = {ph.placeholder_format.idx: ph for ph in placeholders(layout)}
        return LayoutRoles(name, layout, {role: by_idx[idx] for role, idx in mapping.items()
                                          if idx in by_idx})
    named = by_name(layout)
    if "Title" in named:  # a template made for reportgen: its names say it all
        return LayoutRoles(name, layout, named)
    return LayoutRoles(name, layout, inferred(layout, slide_area))


def missing_roles(view: LayoutRoles, kind: str) -> list[str]:
    """The parts a kind of slide needs that the layout lacks."""
    return [role for role in KINDS[kind][0] if not view.has(role)]


def _score(layout: SlideLayout, kind: str, slide_area: int) -> int:
    """How well a layout suits a kind of slide (0: not at all); type first, then geometry."""
    view = LayoutRoles(layout.name, layout, inferred(layout, slide_area))
    if missing_roles(view, kind):
        return 0
    declared = layout._element.get("type", "")
    large = sum(1 for ph in placeholders(layout) if kind_of(ph) in CONTENT
                and geometry(ph).area >= slide_area * LARGE_SHARE)
    if kind == "title":
        return 4 if declared == "title" else 2 if kind_of(view.roles["Title"]) == \
            PP_PLACEHOLDER.CENTER_TITLE else 1 if large == 0 else 0
    if kind == "divider":
        return 4 if declared == "secHead" else 2 if large == 0 and view.has("Subtitle") else 0
    if kind in ("text", "chart"):
        return 4 if declared in ("obj", "tx") else 3 if large == 1 else 0
    if kind == "chart_text":
        return (4 if declared in ("twoObj", "twoTxTwoObj", "objTx", "txAndObj")
                else 3) if view.has("Takeaways") else 0
    if kind == "key_figures":
        return view.figures if view.figures >= 2 else 0
    return 0


def choose(layouts: list[SlideLayout], kind: str, slide_area: int) -> SlideLayout | None:
    """The house layout that best suits a kind of slide, the first of the best; None if none."""
    best, chosen = 0, None
    for layout in layouts:
        score = _score(layout, kind, slide_area)
        if score > best:
            best, chosen = score, layout
    return chosen


def slide_kinds(structure: Structure) -> dict[str, str]:
    """Each layout name report.yaml's deck list uses, and the kind of slide drawn on it."""
    kinds: dict[str, str] = {}
    for item in structure.deck:
        pairs = [(item.divider_layout, "divider")]
        if item.content == "sections":
            pairs += [(item.chart_layout, "chart_text"), (item.text_layout, "text")]
        else:
            pairs.append((item.layout, {"title": "title", "key_figures": "key_figures",
                                        "timeline": "chart", "closing": "divider"}
                          .get(item.content, "text")))
        for name, kind in pairs:
            if name:
                kinds.setdefault(name, kind)
    return kinds
