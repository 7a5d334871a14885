"""An Office package (a Word or PowerPoint template) read as untrusted input: every part checked.

A house template comes from outside, like a dataset. Before python-docx or python-pptx sees it,
`read_template` opens the zip within limits (part count, part size, total inflated size), parses
every XML part without DTDs or entities, and looks at what each part links, runs or embeds:

- refused, each a located problem (file, part, what to do): a relationship that leaves the
  package (only hyperlinks to http, https and mailto may), a field that pulls content in or runs
  something (INCLUDETEXT, INCLUDEPICTURE, LINK, DDE, IMPORT, MACROBUTTON…), OLE objects, ActiveX
  controls, altChunk and subDocument parts, a program or macro action on a slide, an SVG that
  refers to anything outside itself, a picture of too many pixels, a part of a kind reportgen
  does not know;
- removed, said once as a warning: macros (a .docm, .dotm or .pptm is taken without them, as the
  macro-free kind of the same document);
- replaced by their cached text: fields whose result depends on the machine or the time (DATE,
  TIME, FILENAME, USERNAME…), so that two builds give the same document and no path of the build
  machine appears in it.

What comes out is the cleaned package, as bytes, for the writers to open (docs/security.md).
"""

from __future__ import annotations

import functools
import io
import logging
import posixpath
import re
import shlex
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree
from PIL import Image

from reportgen.errors import Problem, TemplateError, relpath, unreadable_template

log = logging.getLogger(__name__)

MAX_PARTS = 2000
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel picture; Pillow's own bomb limit is 89 million

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MS_R = "http://schemas.microsoft.com/office/2006/relationships/"
_XLINK = "http://www.w3.org/1999/xlink"
_R_NS = _R.rstrip("/")
_VML = "urn:schemas-microsoft-com:vml"
_O = "urn:schemas-microsoft-com:office:office"


def source_part(rels: str) -> str:
    """The part a relationships part belongs to: word/_rels/document.xml.rels → word/document.xml
    (_rels/.rels → the package itself, "")."""
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels"))

LINK_SCHEMES = {"http", "https", "mailto"}

# Relationship types whose target is macro code or what calls it: the part and the link go.
MACRO_RELATIONSHIPS = {
    _MS_R + "vbaProject", _MS_R + "wordVbaData", _MS_R + "keyMapCustomizations",
    _MS_R + "attachedToolbars", _MS_R + "ui/extensibility", _MS_R + "ui/customUI",
    "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
    _R + "attachedToolbars",
}
MACRO_TYPES = {
    "application/vnd.ms-office.vbaProject", "application/vnd.ms-word.vbaData+xml",
    "application/vnd.ms-word.keyMapCustomizations+xml", "application/vnd.ms-word.attachedToolbars",
    "application/vnd.ms-office.vbaProjectSignature",
    "application/vnd.ms-office.vbaProjectSignatureAgile",
    "application/vnd.ms-office.vbaProjectSignatureV3",
}
# The macro-enabled main parts, and the same document without macros.
MACRO_FREE = {
    "application/vnd.ms-word.document.macroEnabled.main+xml":
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml":
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml":
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml":
        "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml":
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
}
# Relationship types refused wherever they point: content pulled in, or code that runs.
REFUSED_RELATIONSHIPS = {
    _R + "oleObject": "an embedded OLE object",
    _R + "control": "an ActiveX control",
    _MS_R + "activeXControlBinary": "an ActiveX control",
    _R + "aFChunk": "an altChunk (a document imported whole when opened)",
    _R + "subDocument": "a subdocument",
    _R + "attachedTemplate": "an attached template",
    _R + "mailMergeSource": "a mail-merge data source",
    _R + "mailMergeHeaderSource": "a mail-merge header source",
    _R + "recipientData": "mail-merge recipient data",
    _R + "frame": "a frame showing another document",
}
# Content types of parts refused: OLE, ActiveX, macro-enabled embedded packages.
REFUSED_TYPE_WORDS = ("oleobject", "activex", "macroenabled", "ms-excel.sheet.binary",
                      "ms-excel.addin", "ms-office.vbaproject")
ACCEPTED_TYPE_PREFIXES = (
    "application/vnd.openxmlformats-", "application/vnd.ms-office.", "application/vnd.ms-word.",
    "application/vnd.ms-powerpoint.", "application/vnd.ms-excel.", "image/",
    "application/xml", "text/xml", "application/x-font", "application/font",
    "application/vnd.ms-fontobject", "application/vnd.ms-package.obfuscated-opentype", "font/",
    "application/x-fontdata", "application/octet-stream",
)
# Embedded packages checked as packages in their own right (a native chart's workbook).
NESTED_PACKAGES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

# Word fields. PULLING ones read or run something outside the document: refused. SAFE ones
# depend on the document alone (reportgen writes some of them itself). Every other field
# (DATE, TIME, FILENAME, USERNAME, DOCPROPERTY, …) depends on the machine or the time and is
# replaced by the text it last showed.
PULLING_FIELDS = {"INCLUDETEXT", "INCLUDEPICTURE", "INCLUDE", "LINK", "DDE", "DDEAUTO", "IMPORT",
                  "RD", "DATABASE", "MACROBUTTON", "PRINT", "AUTOTEXT", "AUTOTEXTLIST",
                  "GLOSSARY", "FILLIN", "ASK", "EMBED", "GOTOBUTTON", "ADDIN", "DATA"}
SAFE_FIELDS = {"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "TOC", "PAGEREF", "REF", "SEQ",
               "STYLEREF", "NOTEREF", "TC", "XE", "INDEX", "TOA", "TA", "SYMBOL", "=", "IF",
               "LISTNUM", "AUTONUM", "AUTONUMLGL", "AUTONUMOUT", "ADVANCE", "EQ", "FORMTEXT",
               "FORMCHECKBOX", "FORMDROPDOWN", "BIDIOUTLINE", "TITLE", "SUBJECT", "KEYWORDS",
               "COMMENTS", "COMPARE", "QUOTE", "HYPERLINK", "SET", "NEXT", "NEXTIF", "SKIPIF"}
REFUSED_ACTIONS = ("ppaction://program", "ppaction://macro", "ppaction://ole")
_SVG_OUTSIDE = re.compile(rb"url\(\s*['\"]?\s*(?!#)|@import", re.I)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          dtd_validation=False, huge_tree=False)


@dataclass
class _Part:
    name: str
    data: bytes
    content_type: str = ""
    tree: etree._Element | None = None
    changed: bool = False


class _Check:
    """One package's parts, and what is wrong with them (for one template file)."""

    def __init__(self, path: Path, label: str, kind: str) -> None:
        self.path = path
        self.label = label  # how the file is named in messages (a nested part: file › part)
        self.kind = kind
        self.problems: list[Problem] = []
        self.removed: list[str] = []
        self.parts: dict[str, _Part] = {}
        self.links: dict[str, set[str]] = {}  # each part's web and mail hyperlinks, by id

    def refuse(self, part: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.label, 0, 0, part, message, hint))

    # --- the zip -----------------------------------------------------------------------------

    def read_zip(self, source: str | io.BytesIO, budget: list[int]) -> bool:
        """Every part, inflated within the limits; False (with the problem) when it cannot be."""
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                self.refuse("", f"{len(infos)} parts in the package, more than {MAX_PARTS}",
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
                if info.file_size > MAX_PART_BYTES:
                    self.refuse(name, f"a part of {info.file_size:,} bytes once inflated, more "
                                f"than {MAX_PART_BYTES:,}", "remove or shrink it")
                    return False
                budget[0] -= info.file_size
                if budget[0] < 0:
                    self.refuse(name, f"the package inflates to more than "
                                f"{MAX_TOTAL_BYTES:,} bytes", "remove or shrink large parts")
                    return False
                with archive.open(info) as stream:  # never more than declared (zipfile's CRC)
                    data = stream.read(MAX_PART_BYTES + 1)
                if len(data) > MAX_PART_BYTES:
                    self.refuse(name, f"a part larger than {MAX_PART_BYTES:,} bytes",
                                "remove or shrink it")
                    return False
                self.parts[name] = _Part(name, data)
        return True

    # --- XML ---------------------------------------------------------------------------------

    def parse(self, part: _Part) -> etree._Element | None:
        try:
            tree = etree.fromstring(part.data, _PARSER).getroottree()
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
                    for d in root.iter(f"{{{_TYPES}}}Default")}
        overrides = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "")
                     for o in root.iter(f"{{{_TYPES}}}Override")}
        for name, part in self.parts.items():
            part.content_type = overrides.get(name.lower()) or defaults.get(
                posixpath.basename(name).rpartition(".")[2].lower(), "")

    # --- relationships -----------------------------------------------------------------------

    def relationships(self, remove_macros: bool) -> None:
        for name, part in list(self.parts.items()):
            if not name.endswith(".rels") or part.tree is None:
                continue
            source = posixpath.dirname(posixpath.dirname(name))
            for rel in list(part.tree.iter(f"{{{_RELS}}}Relationship")):
                kind, target = rel.get("Type", ""), rel.get("Target", "")
                where = f"{name} › {rel.get('Id', '?')}"
                if kind in MACRO_RELATIONSHIPS:
                    if not remove_macros:
                        self.refuse(where, "macros in an embedded document",
                                    "remove the macros from the embedded document")
                        continue
                    if rel.get("TargetMode") != "External":
                        self.drop(posixpath.normpath(posixpath.join(source, target)).lstrip("/")
                                  if not target.startswith("/") else target.lstrip("/"))
                    rel.getparent().remove(rel)
                    part.changed = True
                elif kind in REFUSED_RELATIONSHIPS:
                    self.refuse(where, f"{REFUSED_RELATIONSHIPS[kind]}, which reportgen does "
                                "not carry into a briefing or deck",
                                "remove it from the template in the application")
                elif (rel.get("TargetMode") or "").lower() == "external":
                    self.external(where, kind, target)
                    self.links.setdefault(source_part(name), set()).add(rel.get("Id", ""))
                elif urlsplit(target).scheme or target.startswith(("\\\\", "//")):
                    # An "internal" target that is an address or a share: whatever reads it
                    # may take it for one.
                    self.refuse(where, "a relationship whose target is an address or a network "
                                "share outside the template", "save the template again from "
                                "the application")

    def external(self, where: str, kind: str, target: str) -> None:
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
        self.refuse(where, f"an external {what} relationship to {place}", hint)

    def drop(self, name: str) -> None:
        """Remove a part, and its own relationships."""
        folder, base = posixpath.split(name)
        own = posixpath.join(folder, "_rels", base + ".rels").lower()
        for key in list(self.parts):
            if key.lower() in (name.lower(), own):
                removed = self.parts.pop(key)
                self.removed.append(removed.name)

    def macro_parts(self, remove_macros: bool) -> None:
        for name, part in list(self.parts.items()):
            if part.content_type in MACRO_TYPES or name.lower().endswith("vbaproject.bin"):
                if remove_macros:
                    self.drop(name)
                else:
                    self.refuse(name, "macros in an embedded document",
                                "remove the macros from the embedded document")
        for name, part in self.parts.items():  # links to what went
            if name.endswith(".rels") and part.tree is not None and self.removed:
                source = posixpath.dirname(posixpath.dirname(name))
                gone = {n.lower() for n in self.removed}
                for rel in list(part.tree.iter(f"{{{_RELS}}}Relationship")):
                    target = rel.get("Target", "")
                    full = (target.lstrip("/") if target.startswith("/") else
                            posixpath.normpath(posixpath.join(source, target)))
                    if rel.get("TargetMode") != "External" and full.lower() in gone:
                        rel.getparent().remove(rel)
                        part.changed = True

    def retype(self) -> None:
        """The content types without the removed parts, macro-enabled main parts made plain."""
        types = self.parts.get("[Content_Types].xml")
        if types is None or types.tree is None:
            return
        gone = {n.lower() for n in self.removed}
        for entry in list(types.tree):
            ctype = entry.get("ContentType", "")
            if (entry.get("PartName", "").lstrip("/").lower() in gone
                    or (ctype in MACRO_TYPES and entry.tag == f"{{{_TYPES}}}Default")):
                types.tree.remove(entry)
                types.changed = True
            elif ctype in MACRO_FREE:
                entry.set("ContentType", MACRO_FREE[ctype])
                types.changed = True
                self.removed.append("(the macro-enabled document type)")
        for part in self.parts.values():
            part.content_type = MACRO_FREE.get(part.content_type, part.content_type)

    # --- what each part holds ----------------------------------------------------------------

    def part_kinds(self, budget: list[int]) -> None:
        for name, part in self.parts.items():
            ctype = part.content_type.lower()
            if not ctype and name != "[Content_Types].xml":
                self.refuse(name, "a part with no content type", "save the template again "
                            "from the application")
            elif any(word in ctype.replace("-", "").replace(".", "") for word in
                     (w.replace("-", "").replace(".", "") for w in REFUSED_TYPE_WORDS)):
                self.refuse(name, f"a part of type {part.content_type} (OLE, ActiveX or "
                            "macros), which reportgen does not carry into a briefing or deck",
                            "remove the object from the template in the application")
            elif ctype and not ctype.startswith(ACCEPTED_TYPE_PREFIXES):
                self.refuse(name, f"a part of type {part.content_type}, which is not part of "
                            "a Word or PowerPoint document", "remove it from the template")
            elif ctype in NESTED_PACKAGES:
                nested = _Check(self.path, f"{self.label} › {name}", "Office")
                try:
                    if nested.read_zip(io.BytesIO(part.data), budget):
                        nested.inspect(budget, remove_macros=False)
                except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError,
                        NotImplementedError, RuntimeError):
                    self.refuse(name, "an embedded package that is no readable zip",
                                "remove the object, or insert it again in the application")
                self.problems += nested.problems
            elif ctype == "image/svg+xml":
                self.svg(part)
            elif ctype.startswith("image/"):
                self.picture(part)

    def svg(self, part: _Part) -> None:
        root = part.tree
        refers = _SVG_OUTSIDE.search(part.data) is not None
        if root is not None:
            for element in root.iter():
                for attr in ("href", f"{{{_XLINK}}}href"):
                    value = (element.get(attr) or "").strip() if isinstance(
                        element.tag, str) else ""
                    if value and not value.startswith(("#", "data:")):
                        refers = True
        if refers:
            self.refuse(part.name, "an SVG picture that refers to a file or address outside "
                        "itself", "embed what it shows in the SVG, or use a PNG picture")

    def picture(self, part: _Part) -> None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with Image.open(io.BytesIO(part.data)) as image:
                    width, height = image.size
        except Image.DecompressionBombError:
            width, height = MAX_PIXELS, 2
        except Exception:  # noqa: BLE001 (EMF, WMF, …: no pixels to count; Office draws them)
            return
        if width * height > MAX_PIXELS:
            self.refuse(part.name, f"a picture of {width:,} × {height:,} pixels, more than "
                        f"{MAX_PIXELS:,} in all", "scale the picture down before inserting it")

    def references(self, part: _Part) -> None:
        """A web or mail hyperlink used for anything but a hyperlink (a picture's r:link, an
        object's r:id) would be loaded from the web; a VML picture's src or o:href, read."""
        assert part.tree is not None
        links = self.links.get(part.name, set())
        for element in part.tree.iter():
            if not isinstance(element.tag, str):
                continue
            local = etree.QName(element).localname
            for attr, value in element.attrib.items():
                if attr.startswith(f"{{{_R_NS}}}") and value in links and local not in (
                        "hyperlink", "hlinkClick", "hlinkHover", "hlinkMouseOver"):
                    self.refuse(part.name, f"a {local} element loads a hyperlink's address",
                                "insert the content into the template itself")
                elif (element.tag.startswith(f"{{{_VML}}}") and attr in ("src", f"{{{_O}}}href")
                      and value.strip() and not value.startswith("#")):
                    self.refuse(part.name, "a VML picture that refers to a file or address "
                                "outside the template", "insert the picture into the template "
                                "itself")

    def actions(self, part: _Part) -> None:
        assert part.tree is not None
        for element in part.tree.iter(f"{{{_A}}}hlinkClick", f"{{{_A}}}hlinkHover"):
            action = (element.get("action") or "").lower()
            if action.startswith(REFUSED_ACTIONS):
                self.refuse(part.name, f"a click action that runs something ({action[:40]})",
                            "remove the action (Insert › Action › None)")

    def slide_fields(self, part: _Part) -> None:
        """PowerPoint date and time fields become the text they last showed."""
        assert part.tree is not None
        for field in list(part.tree.iter(f"{{{_A}}}fld")):
            if (field.get("type") or "").lower().startswith("datetime"):
                field.tag = f"{{{_A}}}r"
                for attr in ("id", "type"):
                    field.attrib.pop(attr, None)
                for child in field.findall(f"{{{_A}}}pPr"):
                    field.remove(child)
                part.changed = True

    def word_fields(self, part: _Part) -> None:
        """Word's simple fields, then its complex ones (begin, instructions, separate, the
        text last shown, end): refused, kept, or replaced by the text they last showed."""
        assert part.tree is not None
        w = f"{{{_W}}}"
        for simple in list(part.tree.iter(w + "fldSimple")):
            if self.judge(part.name, simple.get(w + "instr", "")):
                parent = simple.getparent()
                at = parent.index(simple)
                for child in reversed([c for c in simple if c.tag != w + "fldData"]):
                    parent.insert(at, child)
                parent.remove(simple)
                part.changed = True
        self.complex_fields(part)

    def complex_fields(self, part: _Part) -> None:
        assert part.tree is not None
        root = part.tree
        w = f"{{{_W}}}"
        runs = {run: i for i, run in enumerate(root.iter(w + "r"))}
        order = list(runs)
        stack: list[dict[str, object]] = []
        drop: set[int] = set()
        for node in root.iter(w + "fldChar", w + "instrText", w + "delInstrText"):
            at = runs.get(node.getparent())
            if at is None:
                continue
            if node.tag != w + "fldChar":
                if stack and stack[-1]["separate"] is None:
                    stack[-1]["instr"] = str(stack[-1]["instr"]) + (node.text or "")
                continue
            kind = node.get(w + "fldCharType")
            if kind == "begin":
                stack.append({"begin": at, "separate": None, "instr": ""})
            elif kind == "separate" and stack:
                stack[-1]["separate"] = at
            elif kind == "end" and stack:
                field = stack.pop()
                if self.judge(part.name, str(field["instr"])):
                    last = field["separate"] if field["separate"] is not None else at
                    assert isinstance(field["begin"], int) and isinstance(last, int)
                    drop.update(range(field["begin"], last + 1))
                    drop.add(at)
        for i in sorted(drop):
            order[i].getparent().remove(order[i])
            part.changed = True

    def judge(self, part: str, instruction: str) -> bool:
        """Whether a field is to be replaced by its cached text (a refused one is reported)."""
        words = instruction.strip().split(None, 1)
        if not words:
            return False
        name = words[0].upper().lstrip("\\")
        if name.startswith("="):
            name = "="
        if name in PULLING_FIELDS:
            self.refuse(part, f"a {name} field, which reads or runs something outside the "
                        "document", "remove the field, or replace it by its text (select it, "
                        "Ctrl+Shift+F9 in Word)")
            return False
        if name == "HYPERLINK":
            try:
                args = shlex.split(words[1] if len(words) > 1 else "", posix=False)
            except ValueError:
                args = []
            if "\\l" not in args:
                target = next((a.strip('"') for a in args if not a.startswith("\\")), "")
                if target and urlsplit(target).scheme.lower() not in LINK_SCHEMES:
                    self.refuse(part, "a HYPERLINK field to a file or network share outside "
                                "the template", "only hyperlinks to http, https and mailto "
                                "addresses may leave the template")
            return False
        return name not in SAFE_FIELDS

    def inspect(self, budget: list[int], remove_macros: bool) -> None:
        xml = {n for n in self.parts if n.lower().endswith((".xml", ".rels", ".vml", ".svg"))}
        for name in xml:
            self.parts[name].tree = self.parse(self.parts[name])
        self.content_types()
        for part in self.parts.values():
            if part.name not in xml and part.content_type.endswith(("+xml", "/xml")):
                part.tree = self.parse(part)
        if self.problems:
            return
        self.relationships(remove_macros)
        self.macro_parts(remove_macros)
        self.retype()
        self.part_kinds(budget)
        for part in self.parts.values():
            if part.tree is None or part.name.endswith(".rels"):
                continue
            self.actions(part)
            self.references(part)
            if "wordprocessingml" in part.content_type:
                self.word_fields(part)
            if "presentationml" in part.content_type or "drawingml" in part.content_type:
                self.slide_fields(part)

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


def macro_parts(path: Path) -> list[str]:
    """The parts of macro code in the package at path, which read_template leaves out (named
    from the zip's directory alone: call it on a package read_template has accepted)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return []
    return sorted(n for n in names if n.lower().rsplit("/", 1)[-1] in ("vbaproject.bin",
                                                                         "vbadata.xml"))


def read_template(path: Path, kind: str) -> bytes:
    """The Word or PowerPoint template at path, checked and cleaned (see the module's docstring),
    as the bytes of a package to open; a located TemplateError listing every refusal."""
    try:
        stat = path.stat()
        outside = not path.resolve().is_relative_to(path.parent.resolve())
    except (OSError, RuntimeError) as exc:
        raise unreadable_template(path, kind, exc) from None
    if outside:  # a symlink out of the templates folder: not read, its target not named
        raise TemplateError([Problem(relpath(path), 0, 0, "", "lies outside the templates folder "
                                     "(a symlink?); it was not read",
                                     "copy the file into the templates folder")])
    return _read(path, relpath(path), kind, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _read(path: Path, label: str, kind: str, _size: int, _mtime: int) -> bytes:
    # Cached by size and time: a build opens its template more than once (the layout pass), and
    # the macros removed are said once.
    check = _Check(path, label, kind)
    try:
        complete = check.read_zip(str(path), [MAX_TOTAL_BYTES])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError, RuntimeError) as exc:
        raise unreadable_template(path, kind, exc) from None
    if complete:
        check.inspect([MAX_TOTAL_BYTES], remove_macros=True)
    if check.problems:
        raise TemplateError(check.problems)
    macros = [n for n in check.removed if not n.startswith("(")]
    if check.removed:
        log.warning("%s: macros removed (%s): reportgen carries no macro into a briefing or "
                    "deck", label, ", ".join(macros) or "the macro-enabled type")
    return check.package()
