"""A package's relationships (package/): a link that leaves the package refused (but web and mail
hyperlinks), the parts of macro code and what points to them removed, the macro-enabled document
types made plain."""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from reportgen.package.parts import Package, source_part
from reportgen.package.policy import (
    LINK_SCHEMES,
    MACRO_FREE,
    MACRO_RELATIONSHIPS,
    MACRO_TYPES,
    REFUSED_RELATIONSHIPS,
    RELS,
    TYPES,
)


def relationships(pkg: Package, remove_macros: bool) -> None:
    for name, part in list(pkg.parts.items()):
        if not name.endswith(".rels") or part.tree is None:
            continue
        source = posixpath.dirname(posixpath.dirname(name))
        for rel in list(part.tree.iter(f"{{{RELS}}}Relationship")):
            kind, target = rel.get("Type", ""), rel.get("Target", "")
            where = f"{name} › {rel.get('Id', '?')}"
            if kind in MACRO_RELATIONSHIPS:
                if not remove_macros:
                    pkg.refuse(where, "macros in an embedded document",
                               "remove the macros from the embedded document")
                    continue
                if rel.get("TargetMode") != "External":
                    pkg.drop(posixpath.normpath(posixpath.join(source, target)).lstrip("/")
                             if not target.startswith("/") else target.lstrip("/"))
                rel.getparent().remove(rel)
                part.changed = True
            elif kind in REFUSED_RELATIONSHIPS:
                pkg.refuse(where, f"{REFUSED_RELATIONSHIPS[kind]}, which reportgen does "
                           "not carry into a briefing or deck",
                           "remove it from the template in the application")
            elif (rel.get("TargetMode") or "").lower() == "external":
                external(pkg, where, kind, target)
                pkg.links.setdefault(source_part(name), set()).add(rel.get("Id", ""))
            elif urlsplit(target).scheme or target.startswith(("\\\\", "//")):
                # An "internal" target that is an address or a share: whatever reads it
                # may take it for one.
                pkg.refuse(where, "a relationship whose target is an address or a network "
                           "share outside the template", "save the template again from "
                           "the application")


def external(pkg: Package, where: str, kind: str, target: str) -> None:
    scheme = urlsplit(target.strip()).scheme.lower()
    if kind.endswith("/hyperlink") and scheme in LINK_SCHEMES:
        return
    what = kind.rsplit("/", 1)[-1] or "link"
    if scheme in ("http", "https"):
        place = f"the address {target[:80]}"
    elif scheme == "mailto":
        place = "an e-mail address"
    else:  # a local file or share: not named, so that no path of anyone's machine is shown
        place = "a file or network share outside the template"
    hint = ("insert the picture into the template itself (not 'Link to File')"
            if what == "image" else
            "only hyperlinks to http, https and mailto addresses may leave the template"
            if what == "hyperlink" else "embed the content in the template, or remove it")
    pkg.refuse(where, f"an external {what} relationship to {place}", hint)


def strip_macros(pkg: Package, remove_macros: bool) -> None:
    for name, part in list(pkg.parts.items()):
        if part.content_type in MACRO_TYPES or name.lower().endswith("vbaproject.bin"):
            if remove_macros:
                pkg.drop(name)
            else:
                pkg.refuse(name, "macros in an embedded document",
                           "remove the macros from the embedded document")
    for name, part in pkg.parts.items():  # links to what went
        if name.endswith(".rels") and part.tree is not None and pkg.removed:
            source = posixpath.dirname(posixpath.dirname(name))
            gone = {n.lower() for n in pkg.removed}
            for rel in list(part.tree.iter(f"{{{RELS}}}Relationship")):
                target = rel.get("Target", "")
                full = (target.lstrip("/") if target.startswith("/") else
                        posixpath.normpath(posixpath.join(source, target)))
                if rel.get("TargetMode") != "External" and full.lower() in gone:
                    rel.getparent().remove(rel)
                    part.changed = True


def retype(pkg: Package) -> None:
    """The content types without the removed parts, macro-enabled main parts made plain."""
    types = pkg.parts.get("[Content_Types].xml")
    if types is None or types.tree is None:
        return
    gone = {n.lower() for n in pkg.removed}
    for entry in list(types.tree):
        ctype = entry.get("ContentType", "")
        if (entry.get("PartName", "").lstrip("/").lower() in gone
                or (ctype in MACRO_TYPES and entry.tag == f"{{{TYPES}}}Default")):
            types.tree.remove(entry)
            types.changed = True
        elif ctype in MACRO_FREE:
            entry.set("ContentType", MACRO_FREE[ctype])
            types.changed = True
            pkg.removed.append("(the macro-enabled document type)")
    for part in pkg.parts.values():
        part.content_type = MACRO_FREE.get(part.content_type, part.content_type)
