"""Package checks for generated Office files (.docx, .pptx, .xlsx) against ISO/IEC 29500.

Three checks, one for each thing a consumer of the package relies on: every XML part with an ISO
schema validates against it (Office extension markup stripped first, errors compared with those
the untouched template already has); every relationship id resolves and every target exists;
every part has a content type and no slide repeats a shape id. The schemas ship with the tests
(tests/schemas/ooxml-xsd, see its README); OOXML_XSD may point elsewhere.
"""

from __future__ import annotations

import os
import posixpath
import zipfile
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

XSD = Path(os.environ.get("OOXML_XSD", Path(__file__).resolve().parent / "schemas" / "ooxml-xsd"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Namespaces the ISO schemas define; anything else is Office extension markup (w14, p14, …).
ISO = {
    W, P, R, A, CHART, SML, XML_NS, PKG_RELS, CONTENT_TYPES, CORE, EXTENDED,
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
    "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
    "urn:schemas-microsoft-com:vml", "urn:schemas-microsoft-com:office:office",
    "urn:schemas-microsoft-com:office:word",
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/",
    "http://www.w3.org/2001/XMLSchema-instance",
}  # fmt: skip
# The schema for each root element's namespace.
SCHEMAS = {
    W: "transitional/wml.xsd",
    P: "transitional/pml.xsd",
    CHART: "transitional/dml-chart.xsd",
    SML: "transitional/sml.xsd",
    A: "transitional/dml-main.xsd",
    PKG_RELS: "opc/opc-relationships.xsd",
    CONTENT_TYPES: "opc/opc-contentTypes.xsd",
    CORE: "opc/opc-coreProperties.xsd",
    EXTENDED: "transitional/shared-documentPropertiesExtended.xsd",
}


@cache
def schema(namespace: str) -> etree.XMLSchema:
    """The schema for a root namespace, compiled through a wrapper that first imports xml.xsd
    (wml.xsd references xml:space without importing it)."""
    imports = [(XML_NS, "w3c/xml.xsd"), (namespace, SCHEMAS[namespace])]
    if namespace == CORE:
        imports[1:1] = [("http://purl.org/dc/elements/1.1/", "w3c/dc-stub.xsd"),
                        ("http://purl.org/dc/terms/", "w3c/dcterms-stub.xsd")]
    wrapper = ('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
               + "".join(f'<xs:import namespace="{ns}" schemaLocation="{(XSD / f).as_uri()}"/>'
                         for ns, f in imports)
               + "</xs:schema>")
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


def strip_extensions(root: etree._Element) -> etree._Element:
    """Drop Office extension markup: mc:AlternateContent (keeping its fallback), non-ISO elements
    and attributes, and mc:Ignorable. Inside an a:ext or p:ext anything goes (xsd:any, lax)."""
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        parent = alternate.getparent()
        if parent is None:
            continue
        fallback = alternate.find(f"{{{MC}}}Fallback")
        position = parent.index(alternate)
        for child in [] if fallback is None else list(fallback):
            parent.insert(position, child)
            position += 1
        parent.remove(alternate)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        parent = el.getparent()
        if (etree.QName(el).namespace not in ISO and parent is not None
                and etree.QName(parent).localname != "ext"):
            parent.remove(el)
            continue
        for name in list(el.attrib):
            if etree.QName(name).namespace not in (None, *ISO):
                del el.attrib[name]
    return root


@dataclass(frozen=True, order=True)
class SchemaError:
    part: str
    message: str

    def __str__(self) -> str:
        return f"{self.part}: {self.message}"


def schema_errors(package: Path) -> set[SchemaError]:
    """Every schema error of the package's XML parts that have an ISO schema (not themes, media).

    Errors are kept without line numbers, so that a document's errors can be compared with those
    its template already has.
    """
    errors = set()
    with zipfile.ZipFile(package) as z:
        for name in z.namelist():
            if not (name.endswith(".xml") or name.endswith(".rels")):
                continue
            root = etree.fromstring(z.read(name))
            namespace = etree.QName(root).namespace
            if namespace not in SCHEMAS:
                continue
            checker = schema(namespace)
            if not checker.validate(strip_extensions(root)):
                errors |= {SchemaError(name, e.message) for e in checker.error_log}
    return errors


def new_schema_errors(package: Path, template: Path) -> list[str]:
    """The errors the generation introduced: those the template's own parts have do not count."""
    known = {e.message for e in schema_errors(template)}
    return sorted(str(e) for e in schema_errors(package) if e.message not in known)


def package_problems(package: Path) -> list[str]:
    """What a schema does not see: parts without a content type, relationship targets that do
    not exist, relationship ids that resolve to nothing, duplicate shape ids on a slide."""
    problems = []
    with zipfile.ZipFile(package) as z:
        names = set(z.namelist())
        types = etree.fromstring(z.read("[Content_Types].xml"))
        defaults = {d.get("Extension").lower() for d in types.iter(f"{{{CONTENT_TYPES}}}Default")}
        overrides = {o.get("PartName").lstrip("/")
                     for o in types.iter(f"{{{CONTENT_TYPES}}}Override")}
        for name in sorted(names):
            if name.endswith("/") or name == "[Content_Types].xml":
                continue
            if name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
                problems.append(f"{name}: no content type")
            if name.endswith(".rels"):
                problems += _missing_targets(z, name, names)
            elif name.endswith(".xml"):
                problems += _unresolved_ids(z, name, names)
                if name.startswith("ppt/slides/slide"):
                    problems += _duplicate_shape_ids(z, name)
    return problems


def _missing_targets(z: zipfile.ZipFile, rels: str, names: set[str]) -> list[str]:
    folder = posixpath.dirname(posixpath.dirname(rels))
    problems = []
    for rel in etree.fromstring(z.read(rels)).iter(f"{{{PKG_RELS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        if path not in names:
            problems.append(f"{rels}: {rel.get('Id')} targets missing {path}")
    return problems


def _unresolved_ids(z: zipfile.ZipFile, name: str, names: set[str]) -> list[str]:
    folder, base = posixpath.split(name)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    ids = {r.get("Id") for r in etree.fromstring(z.read(rels))} if rels in names else set()
    problems = []
    for el in etree.fromstring(z.read(name)).iter():
        for attr, value in el.attrib.items():
            if etree.QName(attr).namespace == R and value not in ids:
                problems.append(f"{name}: r:{etree.QName(attr).localname}={value} does not "
                                "resolve")
    return problems


def _duplicate_shape_ids(z: zipfile.ZipFile, name: str) -> list[str]:
    root = etree.fromstring(z.read(name))
    counts = Counter(root.xpath("//p:cNvPr/@id", namespaces={"p": P}))
    return [f"{name}: shape id {i} used {n} times" for i, n in counts.items() if n > 1]
