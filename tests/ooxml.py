"""Package checks for generated Office files: ISO schemas, relationships, content types, ids.

The schemas (ISO/IEC 29500 transitional) live outside the repository; OOXML_XSD names their
folder, by default ../shared/ooxml-xsd next to the checkout. See that folder's README.
"""

from __future__ import annotations

import functools
import os
import posixpath
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from .conftest import ROOT

XSD = Path(os.environ.get("OOXML_XSD", ROOT.parent / "shared" / "ooxml-xsd"))
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
# The namespaces the ISO schemas define; anything else is extension markup to strip.
ISO_NAMESPACES = {
    P_NS, REL_NS,
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
    "http://www.w3.org/XML/1998/namespace",
}
# Part name patterns and the schema that validates them.
SCHEMAS = (("ppt/slides/slide", "pml.xsd"), ("ppt/slideLayouts/slideLayout", "pml.xsd"),
           ("ppt/slideMasters/slideMaster", "pml.xsd"), ("ppt/notesSlides/notesSlide", "pml.xsd"),
           ("ppt/notesMasters/notesMaster", "pml.xsd"), ("ppt/presentation.xml", "pml.xsd"),
           ("ppt/charts/chart", "dml-chart.xsd"))


def require_schemas() -> None:
    """Like require_soffice(): a missing schema folder fails in CI and skips elsewhere."""
    if (XSD / "transitional" / "pml.xsd").exists():
        return
    message = f"ISO OOXML schemas not found at {XSD} (set OOXML_XSD)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@functools.lru_cache(maxsize=4)
def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD / "transitional" / name)))


def strip_extensions(root: etree._Element) -> etree._Element:
    """Drop markup the ISO schemas do not know: mc:AlternateContent (keeping its fallback),
    elements and attributes in other namespaces, and mc:Ignorable."""
    for alternate in list(root.iter(f"{{{MC_NS}}}AlternateContent")):
        parent = alternate.getparent()
        fallback = alternate.find(f"{{{MC_NS}}}Fallback")
        index = parent.index(alternate)
        for child in reversed(list(fallback) if fallback is not None else []):
            parent.insert(index, child)
        parent.remove(alternate)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        namespace = etree.QName(el).namespace
        parent = el.getparent()
        # Inside an a:ext or p:ext anything goes (xsd:any, lax): keep it.
        if (namespace and namespace not in ISO_NAMESPACES and parent is not None
                and etree.QName(parent).localname != "ext"):
            parent.remove(el)
            continue
        for attr in list(el.attrib):
            attr_ns = etree.QName(attr).namespace
            if attr_ns and attr_ns not in ISO_NAMESPACES:
                del el.attrib[attr]
    return root


def schema_errors(package: Path) -> dict[str, list[str]]:
    """Schema errors of every slide, layout, master, notes and chart part, by part name."""
    errors: dict[str, list[str]] = {}
    with zipfile.ZipFile(package) as z:
        for name in sorted(z.namelist()):
            chosen = next((xsd for prefix, xsd in SCHEMAS if name.startswith(prefix)
                           and name.endswith(".xml")), None)
            if chosen is None:
                continue
            root = strip_extensions(etree.fromstring(z.read(name)))
            checker = schema(chosen)
            if not checker.validate(root):
                errors[name] = sorted({e.message for e in checker.error_log})
    return errors


def new_schema_errors(package: Path, template: Path) -> dict[str, list[str]]:
    """Errors the generation introduced: those of the template's own parts do not count."""
    baseline = schema_errors(template)
    known = {message for messages in baseline.values() for message in messages}
    found = schema_errors(package)
    return {part: [m for m in messages if m not in known]
            for part, messages in found.items() if any(m not in known for m in messages)}


def package_problems(package: Path) -> list[str]:
    """What a schema does not see: relationship ids that point nowhere, targets that do not
    exist, parts without a content type, duplicate shape ids on a slide."""
    problems = []
    with zipfile.ZipFile(package) as z:
        names = set(z.namelist())
        types = etree.fromstring(z.read("[Content_Types].xml"))
        defaults = {d.get("Extension").lower() for d in types.iter(f"{{{CT_NS}}}Default")}
        overrides = {o.get("PartName").lstrip("/") for o in types.iter(f"{{{CT_NS}}}Override")}
        for name in sorted(names):
            if name.endswith("/") or name == "[Content_Types].xml":
                continue
            if name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
                problems.append(f"{name}: no content type")
            if name.endswith(".rels"):
                problems += _rels_targets(z, name, names)
            elif name.endswith(".xml"):
                problems += _unresolved_ids(z, name, names)
                if name.startswith("ppt/slides/slide"):
                    problems += _duplicate_ids(z, name)
    return problems


def _rels_targets(z: zipfile.ZipFile, rels: str, names: set[str]) -> list[str]:
    folder = posixpath.dirname(posixpath.dirname(rels))
    problems = []
    for rel in etree.fromstring(z.read(rels)).iter(f"{{{PKG_REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        if path not in names:
            problems.append(f"{rels}: {rel.get('Id')} points to missing part {path}")
    return problems


def _unresolved_ids(z: zipfile.ZipFile, name: str, names: set[str]) -> list[str]:
    folder, base = posixpath.split(name)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    ids = set()
    if rels in names:
        ids = {r.get("Id") for r in etree.fromstring(z.read(rels))}
    problems = []
    for el in etree.fromstring(z.read(name)).iter():
        for attr, value in el.attrib.items():
            if attr.startswith(f"{{{REL_NS}}}") and value not in ids:
                problems.append(f"{name}: {etree.QName(attr).localname}={value} resolves to no "
                                "relationship")
    return problems


def _duplicate_ids(z: zipfile.ZipFile, name: str) -> list[str]:
    root = etree.fromstring(z.read(name))
    counts = Counter(root.xpath("//p:cNvPr/@id", namespaces={"p": P_NS}))
    return [f"{name}: shape id {i} used {n} times" for i, n in counts.items() if n > 1]
