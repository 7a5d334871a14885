"""The PowerPoint half of `reportgen adopt`: a house deck or template (.pptx, .potx, .pptm) as
the templates folder's deck.pptx, each slide kind of report.yaml's deck list mapped to one of
its layouts by placeholder type, index and geometry, the mapping written into report.yaml."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from pptx.shapes.placeholder import LayoutPlaceholder
from pptx.slide import SlideLayout

from reportgen.adopt import Adoption
from reportgen.errors import Problem, TemplateError, relpath
from reportgen.files import write_atomic
from reportgen.package import macro_parts
from reportgen.pptx.placeholders import number_placeholders
from reportgen.pptx.roles import KIND_NAMES, KINDS, LayoutRoles, choose, inferred, slide_kinds
from reportgen.pptx.template import drop_slides, open_template
from reportgen.report.structure import load_structure

log = logging.getLogger(__name__)

DECK = "deck.pptx"
# Where a kind of slide finds no layout of its own, the layout of another kind serves.
FALLBACK = {"chart_text": "chart", "key_figures": "text", "divider": "title", "chart": "text"}
MARK = "# deck_layouts: written by `reportgen adopt`"
WHERE_TO_FIX = ("in PowerPoint, add one to a layout (View › Slide Master), or set the "
                "placeholder's idx in report.yaml's deck_layouts")


def _describe(ph: LayoutPlaceholder) -> str:
    return f"'{ph.name}' (idx {ph.placeholder_format.idx})"


def adopt_deck(source: Path, into: Path) -> Adoption:
    """Adopt a house deck into the templates folder `into` (which holds a report.yaml)."""
    prs = open_template(source)
    structure = load_structure(into)
    target = into / DECK
    result = Adoption(target)
    number_placeholders(prs)
    if macro_parts(source):  # package/ dropped them as it read the file
        result.notes.append(f"{source.name}: left out its macros (a deck carries none)")
    samples = drop_slides(prs)
    if samples:
        result.notes.append(f"{source.name}: left out its {samples} sample slide(s)")
    area = prs.slide_width * prs.slide_height
    layouts = list(prs.slide_layouts)
    entries: dict[str, tuple[str, dict[str, int]]] = {}
    for name, kind in slide_kinds(structure).items():
        entry = _map_kind(name, kind, layouts, area, result)
        if entry is not None:
            entries[name] = entry
    if not entries:
        raise TemplateError([Problem(relpath(source), 0, 0, "", "no slide layout with a title "
                                     "placeholder", "adopt a deck whose layouts have titles")])
    buf = io.BytesIO()
    prs.save(buf)
    write_atomic(target, buf.getvalue())
    for other in into.glob("deck.*"):
        if other != target and other.suffix.lower() in (".potx", ".pptm", ".potm"):
            other.unlink()  # one deck template: the adopted one
    _write_mapping(into / "report.yaml", source, entries)
    return result


def _map_kind(name: str, kind: str, layouts: list[SlideLayout], area: int,
              result: Adoption) -> tuple[str, dict[str, int]] | None:
    """The house layout and placeholders for one layout name of the deck list; what could not
    be mapped goes into result.unmapped with its fix."""
    layout, used = None, kind
    while layout is None and used:
        layout = choose(layouts, used, area)
        if layout is None:
            used = FALLBACK.get(used, "")
    if layout is None:
        result.unmapped.append(
            f"{name} ({KIND_NAMES[kind]}): no layout has a title and "
            f"{' and '.join(r.lower() for r in KINDS[kind][0][1:]) or 'a place for it'}; "
            f"add such a layout in PowerPoint (View › Slide Master), then name it in "
            f"report.yaml's deck_layouts")
        return None
    view = LayoutRoles(name, layout, inferred(layout, area))
    needed, optional = KINDS[used]
    roles = [*needed, *optional]
    if used == "key_figures":
        roles += [f"Figure {n}" for n in range(2, view.figures + 1)]
    if used == "text" and kind == "key_figures":
        view.roles["Figure 1"] = view.roles["Body"]
        roles = ["Title", "Figure 1"]
    placeholders = {role: view.roles[role].placeholder_format.idx for role in roles
                    if role in view.roles}
    parts = ", ".join(f"{role} ← {_describe(view.roles[role])}" for role in placeholders)
    via = "" if used == kind else f" (no {KIND_NAMES[kind]} layout: the {KIND_NAMES[used]} one)"
    result.mapped.append(f"{name} → layout '{layout.name}'{via}: {parts}")
    result.unmapped += [f"{name}: {role.lower()}: {_missing(role)}; {WHERE_TO_FIX}"
                        for role in KINDS[kind][1] if role not in placeholders]
    if kind == "key_figures" and view.figures < 2:
        result.unmapped.append(f"{name}: one key figure a slide (no layout has two or more "
                               f"boxes of one size); {WHERE_TO_FIX}")
    return layout.name, placeholders


def _missing(role: str) -> str:
    return {"Subtitle": "no box for it: left out",
            "Marking": "no box for it: shown under the subtitle",
            "Date": "no date placeholder: shown under the subtitle",
            "Takeaways": "no box beside the chart: the takeaways go on the next slide",
            "Caption": "no box under the chart: a text box is added there"}.get(
        role, "no box for it")


def _write_mapping(report_yaml: Path, source: Path, entries: dict[str, tuple[str, dict[str, int]]]
                   ) -> None:
    """Put (or replace) the commented deck_layouts block at the end of report.yaml."""
    text = report_yaml.read_text(encoding="utf-8")
    text = _without_block(text).rstrip("\n") + "\n\n"
    lines = [MARK + f" from {source.name}.",
             "# Each layout name the deck list above uses is drawn on the house layout `layout`;",
             "# each part goes in the placeholder of that idx (PowerPoint's index of the",
             "# placeholder on its layout; `reportgen check` lists a layout's placeholders when",
             "# one is wrong). Change any choice here, or delete this block to use the names.",
             "deck_layouts:"]
    for name, (layout, placeholders) in entries.items():
        parts = ", ".join(f"{_key(role)}: {idx}" for role, idx in placeholders.items())
        lines.append(f"  {_key(name)}:")
        lines.append(f"    layout: {_quote(layout)}")
        lines.append(f"    placeholders: {{{parts}}}")
    report_yaml.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")


def _without_block(text: str) -> str:
    """report.yaml without a deck_layouts block an earlier adoption wrote."""
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.startswith(MARK)), None)
    if start is None:
        start = next((i for i, ln in enumerate(lines) if ln.startswith("deck_layouts:")), None)
    if start is None:
        return text
    end = start + 1
    while end < len(lines) and (lines[end].startswith(("#", " ")) or not lines[end].strip()
                                or lines[end].startswith("deck_layouts:")):
        end += 1
    return "\n".join(lines[:start] + lines[end:]) + "\n"


def _key(text: str) -> str:
    return text if re.fullmatch(r"[A-Za-z][\w ]*", text) else _quote(text)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
