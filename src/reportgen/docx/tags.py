"""The tags a Word template may hold ({{ title }} …), and the one scan that finds them."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import jinja2
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from jinja2 import meta, nodes
from lxml import etree

from reportgen.errors import Problem, TemplateError, relpath

# What the writer fills in: the cover's text, the two countries and the year.
COVER_TAGS = ("title", "subtitle", "occasion", "as_of", "marking", "organisation")
TAGS = (*COVER_TAGS, "countries", "year")

_PART = re.compile(r"^/word/((document|header\d*|footer\d*)\.xml)$")
_TAG = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}")
# docxtpl's own syntax: a prefix that makes a tag act on the paragraph, table row, cell or run
# ({%p if x %}, {%tr for … %}, {{r text }}), and statements it turns into cell properties.
_PREFIX = re.compile(r"^(p|tr|tc|r)\s")
_CELL_VALUES = ("colspan", "cellbg")
_CELL_MERGES = ("vm", "hm")


@dataclass(frozen=True)
class Tag:
    """One tag of the template: where it stands, its code, and the names it reads."""

    part: str  # "document.xml" (the cover), "header2.xml"
    paragraph: int  # counted from 1 within the part
    code: str  # between the braces, without docxtpl's prefix: "title", "if occasion"
    statement: bool  # {% … %} rather than {{ … }}
    reads: tuple[str, ...] = ()  # the names it takes from the context (not set by the template)

    @property
    def where(self) -> str:
        return f"{self.part}, paragraph {self.paragraph}"

    def __str__(self) -> str:
        return f"{{% {self.code} %}}" if self.statement else f"{{{{ {self.code} }}}}"


def scan(document: DocumentObject, path: Path) -> list[Tag]:
    """Every tag in a Word template's body, headers and footers (a python-docx Document), part by
    part and paragraph by paragraph, with the names each reads from the context.

    Raises TemplateError naming the part and paragraph of a tag that is not valid Jinja2.
    """
    parts = {}
    for part in document.part.package.iter_parts():
        match = _PART.match(str(part.partname))
        if match:
            parts[match.group(1)] = part.element
    tags: list[Tag] = []
    problems: list[Problem] = []
    for name in sorted(parts):
        found = [Tag(name, number, *_code(expression, statement))
                 for number, paragraph in enumerate(parts[name].iter(qn("w:p")), 1)
                 for expression, statement in _expressions(paragraph)]
        try:
            tags += _with_reads(found)
        except jinja2.TemplateSyntaxError as exc:
            at = found[exc.lineno - 1].where if 0 < exc.lineno <= len(found) else name
            problems.append(Problem(relpath(path), 0, 0, at,
                                    f"Word template tag error: {exc.message}",
                                    "check the tag's spelling and that every {% if %} and "
                                    "{% for %} is closed in the same part"))
    if problems:
        raise TemplateError(problems)
    return tags


def _expressions(paragraph: etree._Element) -> list[tuple[str, bool]]:
    """What stands between the braces of each tag in a paragraph, and whether it is {% … %}."""
    text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
    return [(m.group(2), True) if m.group(1) is None else (m.group(1), False)
            for m in _TAG.finditer(text)]


def _code(raw: str, statement: bool) -> tuple[str, bool]:
    return _PREFIX.sub("", raw).strip(), statement


def _with_reads(tags: list[Tag]) -> list[Tag]:
    """The tags with the names each reads, found by parsing them together as docxtpl renders them
    (one part at a time), so that a loop's own variable is not taken for a tag."""
    lines = []
    for tag in tags:
        keyword = tag.code.split(maxsplit=1)[0] if tag.code else ""
        if tag.statement and keyword in _CELL_MERGES:
            lines.append("")
        elif tag.statement and keyword in _CELL_VALUES:
            lines.append("{{ " + tag.code[len(keyword):] + " }}")
        else:
            lines.append(str(tag).replace("\n", " "))
    tree = jinja2.Environment().parse("\n".join(lines))
    free = meta.find_undeclared_variables(tree)
    reads: dict[int, set[str]] = defaultdict(set)
    for name in tree.find_all(nodes.Name):
        if name.ctx == "load" and name.name in free:
            reads[name.lineno].add(name.name)
    return [Tag(t.part, t.paragraph, t.code, t.statement, tuple(sorted(reads[i])))
            for i, t in enumerate(tags, 1)]
