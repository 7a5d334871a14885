"""The reading of a package (package/): its zip within the limits, each XML part parsed without
DTDs or entities, the content type of each part, and the cleaned package written back; what is
wrong is collected as located problems. What the parts may hold is checked in check.py."""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from reportgen.errors import Problem
from reportgen.package import policy
from reportgen.package.policy import PARSER, TYPES


def source_part(rels: str) -> str:
    """The part a relationships part belongs to: word/_rels/document.xml.rels → word/document.xml
    (_rels/.rels → the package itself, "")."""
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels"))


@dataclass
class Part:
    name: str
    data: bytes
    content_type: str = ""
    tree: etree._Element | None = None
    changed: bool = False


class Package:
    """One package's parts, and what is wrong with them (for one template file)."""

    def __init__(self, path: Path, label: str, kind: str) -> None:
        self.path = path
        self.label = label  # how the file is named in messages (a nested part: file › part)
        self.kind = kind
        self.problems: list[Problem] = []
        self.removed: list[str] = []
        self.parts: dict[str, Part] = {}
        self.links: dict[str, set[str]] = {}  # each part's web and mail hyperlinks, by id

    def refuse(self, part: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.label, 0, 0, part, message, hint))

    def read_zip(self, source: str | io.BytesIO, budget: list[int]) -> bool:
        """Every part, inflated within the limits; False (with the problem) when it cannot be."""
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
            if len(infos) > policy.MAX_PARTS:
                self.refuse("", f"{len(infos)} parts in the package, more than {policy.MAX_PARTS}",
                            "a Word or PowerPoint template holds a few hundred at most: save "
                            "it again from the application")
                return False
            seen: set[str] = set()
            for info in infos:
                if info.is_dir():
                    continue
                name = info.filename
                if name.lower() in seen:
                    self.refuse(name, "the package holds this part twice",
                                "save the template again from the application")
                    return False
                seen.add(name.lower())
                if info.flag_bits & 0x1:
                    self.refuse(name, "an encrypted part", "remove the password protection")
                    return False
                if info.file_size > policy.MAX_PART_BYTES:
                    self.refuse(name, f"a part of {info.file_size:,} bytes once inflated, more "
                                f"than {policy.MAX_PART_BYTES:,}", "remove or shrink it")
                    return False
                budget[0] -= info.file_size
                if budget[0] < 0:
                    self.refuse(name, f"the package inflates to more than "
                                f"{policy.MAX_TOTAL_BYTES:,} bytes", "remove or shrink large parts")
                    return False
                with archive.open(info) as stream:  # never more than declared (zipfile's CRC)
                    data = stream.read(policy.MAX_PART_BYTES + 1)
                if len(data) > policy.MAX_PART_BYTES:
                    self.refuse(name, f"a part larger than {policy.MAX_PART_BYTES:,} bytes",
                                "remove or shrink it")
                    return False
                self.parts[name] = Part(name, data)
        return True

    def parse(self, part: Part) -> etree._Element | None:
        try:
            tree = etree.fromstring(part.data, PARSER).getroottree()
        except etree.XMLSyntaxError as exc:
            detail = " ".join(str(exc).split())[:160]
            self.refuse(part.name, f"malformed XML: {detail}",
                        "an undefined entity or a broken tag: save the template again from the "
                        "application")
            return None
        if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
            self.refuse(part.name, "a DTD (<!DOCTYPE …>) in a part of the template",
                        "Office never writes one: remove it, or save the template again from "
                        "the application")
            return None
        if any(isinstance(node, etree._Entity) for node in tree.iter()):
            self.refuse(part.name, "an entity reference in a part of the template",
                        "remove it, or save the template again from the application")
            return None
        return tree.getroot()

    def content_types(self) -> None:
        types = self.parts.get("[Content_Types].xml")
        if types is None or types.tree is None:
            if types is None:
                self.refuse("[Content_Types].xml", "the package has no content types",
                            f"not a {self.kind} file: save it again from the application")
            return
        root = types.tree
        defaults = {d.get("Extension", "").lower(): d.get("ContentType", "")
                    for d in root.iter(f"{{{TYPES}}}Default")}
        overrides = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "")
                     for o in root.iter(f"{{{TYPES}}}Override")}
        for name, part in self.parts.items():
            part.content_type = overrides.get(name.lower()) or defaults.get(
                posixpath.basename(name).rpartition(".")[2].lower(), "")

    def drop(self, name: str) -> None:
        """Remove a part, and its own relationships."""
        folder, base = posixpath.split(name)
        own = posixpath.join(folder, "_rels", base + ".rels").lower()
        for key in list(self.parts):
            if key.lower() in (name.lower(), own):
                removed = self.parts.pop(key)
                self.removed.append(removed.name)

    def package(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for part in self.parts.values():
                data = part.data
                if part.changed and part.tree is not None:
                    data = etree.tostring(part.tree.getroottree(), xml_declaration=True,
                                          encoding="UTF-8", standalone=True)
                archive.writestr(part.name, data)
        return out.getvalue()
