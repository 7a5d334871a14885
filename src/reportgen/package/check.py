"""Every check of a package read by parts.py, in order (package/): relationships and macros
(links.py), each part's kind (an embedded package checked as a package in its own right), what
each part holds (contents.py) and its fields (fields.py)."""

from __future__ import annotations

import io
import zipfile

from reportgen.package.contents import actions, picture, references, svg
from reportgen.package.fields import slide_fields, word_fields
from reportgen.package.links import relationships, retype, strip_macros
from reportgen.package.parts import Package
from reportgen.package.policy import ACCEPTED_TYPE_PREFIXES, NESTED_PACKAGES, REFUSED_TYPE_WORDS


def part_kinds(pkg: Package, budget: list[int]) -> None:
    for name, part in pkg.parts.items():
        ctype = part.content_type.lower()
        if not ctype and name != "[Content_Types].xml":
            pkg.refuse(name, "a part with no content type", "save the template again "
                       "from the application")
        elif any(word in ctype.replace("-", "").replace(".", "") for word in
                 (w.replace("-", "").replace(".", "") for w in REFUSED_TYPE_WORDS)):
            pkg.refuse(name, f"a part of type {part.content_type} (OLE, ActiveX or "
                       "macros), which reportgen does not carry into a briefing or deck",
                       "remove the object from the template in the application")
        elif ctype and not ctype.startswith(ACCEPTED_TYPE_PREFIXES):
            pkg.refuse(name, f"a part of type {part.content_type}, which is not part of "
                       "a Word or PowerPoint document", "remove it from the template")
        elif ctype in NESTED_PACKAGES:
            nested = Package(pkg.path, f"{pkg.label} › {name}", "Office")
            try:
                if nested.read_zip(io.BytesIO(part.data), budget):
                    inspect(nested, budget, remove_macros=False)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError,
                    NotImplementedError, RuntimeError):
                pkg.refuse(name, "an embedded package that is no readable zip",
                           "remove the object, or insert it again in the application")
            pkg.problems += nested.problems
        elif ctype == "image/svg+xml":
            svg(pkg, part)
        elif ctype.startswith("image/"):
            picture(pkg, part)


def inspect(pkg: Package, budget: list[int], remove_macros: bool) -> None:
    xml = {n for n in pkg.parts if n.lower().endswith((".xml", ".rels", ".vml", ".svg"))}
    for name in xml:
        pkg.parts[name].tree = pkg.parse(pkg.parts[name])
    pkg.content_types()
    for part in pkg.parts.values():
        if part.name not in xml and part.content_type.endswith(("+xml", "/xml")):
            part.tree = pkg.parse(part)
    if pkg.problems:
        return
    relationships(pkg, remove_macros)
    strip_macros(pkg, remove_macros)
    retype(pkg)
    part_kinds(pkg, budget)
    for part in pkg.parts.values():
        if part.tree is None or part.name.endswith(".rels"):
            continue
        actions(pkg, part)
        references(pkg, part)
        if "wordprocessingml" in part.content_type:
            word_fields(pkg, part)
        if "presentationml" in part.content_type or "drawingml" in part.content_type:
            slide_fields(pkg, part)
