"""Checks of a Word package against ISO/IEC 29500: schemas of its parts, and its relationships.

The transitional schemas live outside the repository (../shared/ooxml-xsd, or $OOXML_XSD); see
that folder's README for why wml.xsd needs a wrapper and why Office extension markup is stripped.
"""

from __future__ import annotations

import os
import posixpath
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from .conftest import ROOT

XSD = Path(os.environ.get("OOXML_XSD", ROOT.parent / "shared" / "ooxml-xsd"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
# Namespaces the ISO schemas define; anything else is Office extension markup (w14, wp14, …).
ISO = {
    W, R, "http://www.w3.org/XML/1998/namespace",
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
    "urn:schemas-microsoft-com:vml", "urn:schemas-microsoft-com:office:office",
    "urn:schemas-microsoft-com:office:word",
    PKG_RELS, CONTENT_TYPES, CORE, EXTENDED,
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/",
    "http://www.w3.org/2001/XMLSchema-instance",
}  # fmt: skip
# The schema for each root element's namespace.
SCHEMAS = {
    W: "transitional/wml.xsd",
    PKG_RELS: "opc/opc-relationships.xsd",
    CONTENT_TYPES: "opc/opc-contentTypes.xsd",
    CORE: "opc/opc-coreProperties.xsd",
    EXTENDED: "transitional/shared-documentPropertiesExtended.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "transitional/dml-main.xsd",
}


def require_schemas() -> None:
    """Like require_soffice: the schema check never skips in CI."""
    if (XSD / "transitional" / "wml.xsd").exists():
        return
    message = f"ISO/IEC 29500 schemas not found at {XSD} (set OOXML_XSD)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@cache
def schema(namespace: str) -> etree.XMLSchema:
    """The schema for a root namespace, compiled through a wrapper that first imports xml.xsd."""
    imports = [("http://www.w3.org/XML/1998/namespace", "w3c/xml.xsd"),
               (namespace, SCHEMAS[namespace])]
    if namespace == CORE:
        imports[1:1] = [("http://purl.org/dc/elements/1.1/", "w3c/dc-stub.xsd"),
                        ("http://purl.org/dc/terms/", "w3c/dcterms-stub.xsd")]
    wrapper = ('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
               + "".join(f'<xs:import namespace="{ns}" schemaLocation="{(XSD / f).as_uri()}"/>'
                         for ns, f in imports)
               + "</xs:schema>")
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


def strip_extensions(root: etree._Element) -> etree._Element:
    """Drop Office extension markup: mc:AlternateContent (keeping the fallback), non-ISO elements
    and attributes, and mc:Ignorable."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None and el is not root:
            continue
        ns = etree.QName(el).namespace
        parent = el.getparent()
        if ns == MC and etree.QName(el).localname == "AlternateContent" and parent is not None:
            fallback = el.find(f"{{{MC}}}Fallback")
            position = parent.index(el)
            for child in [] if fallback is None else list(fallback):
                parent.insert(position, child)
                position += 1
            parent.remove(el)
        elif ns not in ISO and parent is not None:
            parent.remove(el)
        else:
            for name in list(el.attrib):
                if etree.QName(name).namespace not in (None, *ISO):
                    del el.attrib[name]
    return root


@dataclass(frozen=True)
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


def relationship_problems(package: Path) -> list[str]:
    """Relationship ids that point nowhere, targets that are missing, parts without a type."""
    problems = []
    with zipfile.ZipFile(package) as z:
        names = set(z.namelist())
        types = etree.fromstring(z.read("[Content_Types].xml"))
        defaults = {d.get("Extension").lower() for d in types.iter(f"{{{CONTENT_TYPES}}}Default")}
        overrides = {o.get("PartName") for o in types.iter(f"{{{CONTENT_TYPES}}}Override")}
        for name in sorted(names):
            if name.endswith("/") or name == "[Content_Types].xml":
                continue
            if f"/{name}" not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
                problems.append(f"{name}: no content type")
        for name in sorted(n for n in names if n.endswith(".rels")):
            folder = posixpath.dirname(posixpath.dirname(name))
            source = posixpath.join(folder, posixpath.basename(name)[:-len(".rels")])
            rels = etree.fromstring(z.read(name))
            ids = set()
            for rel in rels.iter(f"{{{PKG_RELS}}}Relationship"):
                ids.add(rel.get("Id"))
                if rel.get("TargetMode") == "External":
                    continue
                target = posixpath.normpath(posixpath.join(folder, rel.get("Target"))).lstrip("/")
                if target not in names:
                    problems.append(f"{name}: {rel.get('Id')} targets missing {target}")
            if source in names and source.endswith(".xml"):
                for el in etree.fromstring(z.read(source)).iter():
                    for attr, value in el.attrib.items():
                        if etree.QName(attr).namespace == R and value not in ids:
                            problems.append(f"{source}: r:{etree.QName(attr).localname}="
                                            f"{value} does not resolve")
        for name in sorted(n for n in names if n.endswith(".xml") and not n.startswith("[")):
            rels_name = posixpath.join(posixpath.dirname(name), "_rels",
                                       posixpath.basename(name) + ".rels")
            if rels_name in names:
                continue
            for el in etree.fromstring(z.read(name)).iter():
                for attr, value in el.attrib.items():
                    if etree.QName(attr).namespace == R:
                        problems.append(f"{name}: r:{etree.QName(attr).localname}={value} "
                                        "but the part has no relationships")
    return problems
