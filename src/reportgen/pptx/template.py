"""The deck template opened and checked: its layouts for the slides report.yaml's deck list
names (through deck_layouts, which `reportgen adopt` writes), and everything about it that would
stop the build, found at once for the build and `reportgen check` alike."""

from __future__ import annotations

import functools
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as OpenPresentation
from pptx.slide import SlideLayout

from reportgen.errors import Problem, TemplateError, relpath, unreadable_template
from reportgen.package import read_template
from reportgen.pptx.package import as_presentation
from reportgen.pptx.placeholders import number_placeholders, room
from reportgen.pptx.roles import (
    FIGURE,
    KIND_NAMES,
    ROLE_NAMES,
    LayoutRoles,
    missing_roles,
    placeholders,
    resolve,
    slide_kinds,
)
from reportgen.pptx.style import fit_range
from reportgen.pptx.text_style import text_style, theme_fonts
from reportgen.render.native_chart import theme_font
from reportgen.render.text_measure import FitParagraph, height
from reportgen.report.structure import DeckLayout, SlideSpec, Structure, load_structure


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


def open_template(template: Path) -> OpenPresentation:
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


def deck_font(prs: OpenPresentation) -> str:
    """The theme's body font, which charts and text boxes take."""
    try:
        theme = prs.slide_master.part.part_related_by(RT.THEME).blob
    except KeyError:  # no theme: Office's own font stands in
        theme = None
    return theme_font(theme)


def drop_slides(prs: OpenPresentation) -> int:
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


def layout_views(prs: OpenPresentation, template: Path, structure: Structure
                 ) -> dict[str, LayoutRoles]:
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


def deck_problems(prs: OpenPresentation, template: Path, structure: Structure) -> list[Problem]:
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
            problems += _layout_problems(where, views[name], kind, name in aliases)
    return problems


def _placeholder_list(layout: SlideLayout) -> str:
    return ", ".join(f"{ph.name} (idx {ph.placeholder_format.idx})"
                     for ph in placeholders(layout))


def _mapping_problems(where: str, name: str, entry: DeckLayout,
                      view: LayoutRoles) -> list[Problem]:
    """A deck_layouts entry's parts that are no parts, or indexes its layout does not have."""
    problems = []
    present = {ph.placeholder_format.idx for ph in placeholders(view.layout)}
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


def _layout_problems(where: str, view: LayoutRoles, kind: str, mapped: bool) -> list[Problem]:
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
