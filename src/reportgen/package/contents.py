"""What a part holds (package/): an SVG or VML picture that refers outside itself, a picture of
too many pixels, an element that loads a hyperlink's address, a click action that runs
something."""

from __future__ import annotations

import io
import warnings

from lxml import etree
from PIL import Image

from reportgen.package import policy
from reportgen.package.parts import Package, Part
from reportgen.package.policy import OFFICE, R_NS, REFUSED_ACTIONS, SVG_OUTSIDE, VML, XLINK, A


def svg(pkg: Package, part: Part) -> None:
    root = part.tree
    refers = SVG_OUTSIDE.search(part.data) is not None
    if root is not None:
        for element in root.iter():
            for attr in ("href", f"{{{XLINK}}}href"):
                value = (element.get(attr) or "").strip() if isinstance(
                    element.tag, str) else ""
                if value and not value.startswith(("#", "data:")):
                    refers = True
    if refers:
        pkg.refuse(part.name, "an SVG picture that refers to a file or address outside "
                   "itself", "embed what it shows in the SVG, or use a PNG picture")


def picture(pkg: Package, part: Part) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(part.data)) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        width, height = policy.MAX_PIXELS, 2
    except Exception:  # noqa: BLE001 (EMF, WMF, …: no pixels to count; Office draws them)
        return
    if width * height > policy.MAX_PIXELS:
        pkg.refuse(part.name, f"a picture of {width:,} × {height:,} pixels, more than "
                   f"{policy.MAX_PIXELS:,} in all", "scale the picture down before inserting it")


def references(pkg: Package, part: Part) -> None:
    """A web or mail hyperlink used for anything but a hyperlink (a picture's r:link, an
    object's r:id) would be loaded from the web; a VML picture's src or o:href, read."""
    assert part.tree is not None
    links = pkg.links.get(part.name, set())
    relationship, vml = f"{{{R_NS}}}", f"{{{VML}}}"  # once, not for each attribute
    for element in part.tree.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        for attr, value in element.items():
            if attr.startswith(relationship) and value in links and (
                    local := etree.QName(element).localname) not in (
                    "hyperlink", "hlinkClick", "hlinkHover", "hlinkMouseOver"):
                pkg.refuse(part.name, f"a {local} element loads a hyperlink's address",
                           "insert the content into the template itself")
            elif (tag.startswith(vml)
                  and attr in ("src", f"{{{OFFICE}}}href")
                  and value.strip() and not value.startswith("#")):
                pkg.refuse(part.name, "a VML picture that refers to a file or address "
                           "outside the template", "insert the picture into the template "
                           "itself")


def actions(pkg: Package, part: Part) -> None:
    assert part.tree is not None
    for element in part.tree.iter(f"{{{A}}}hlinkClick", f"{{{A}}}hlinkHover"):
        action = (element.get("action") or "").lower()
        if action.startswith(REFUSED_ACTIONS):
            pkg.refuse(part.name, f"a click action that runs something ({action[:40]})",
                       "remove the action (Insert › Action › None)")
