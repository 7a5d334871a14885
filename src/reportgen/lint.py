"""`reportgen check`: template uses the dataset model lacks, and figures typed into templates."""

from __future__ import annotations

import dataclasses
import difflib
import re
from pathlib import Path
from typing import TypeAlias

import jinja2
from jinja2 import nodes
from pydantic import BaseModel

from reportgen.dataset.fields import Period
from reportgen.dataset.located import Refused, read_inside
from reportgen.dataset.metrics import Metric
from reportgen.dataset.models import (
    Briefing,
    Country,
    Event,
    Fact,
    Occasion,
    Person,
    Source,
)
from reportgen.docx.contract import briefing_path, check_template
from reportgen.docx.tags import TAGS, scan
from reportgen.docx.writer import open_template as open_briefing
from reportgen.errors import Problem, TemplateError, relpath
from reportgen.pptx.roles import placeholders
from reportgen.pptx.template import deck_path, deck_problems
from reportgen.pptx.template import open_template as open_deck
from reportgen.report.catalog import SOURCE, completeness, locales
from reportgen.report.narrative import Narrative
from reportgen.report.structure import Structure, load_structure
from reportgen.report.views import Estimate, EventView, FactView, MetricView

# A type is a record name, ("dict", T) for dataset lookups by id, ("list", T), or "any".
Type: TypeAlias = "str | tuple[str, Type]"
ANY = "any"
STR = "str"


def _fields(*classes: type) -> set[str]:
    names: set[str] = set()
    for cls in classes:
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            names |= set(cls.model_fields)
        elif dataclasses.is_dataclass(cls):
            names |= {f.name for f in dataclasses.fields(cls)}
        names |= {n for n in dir(cls) if not n.startswith("_")
                  and isinstance(getattr(cls, n, None), property)}
    return names


# What each record offers templates, and the type of the attributes that are records themselves.
RECORDS: dict[str, tuple[set[str], dict[str, Type]]] = {
    "Figure": (_fields(MetricView, Metric), {
        "previous": "Estimate", "metric": "Metric", "sources": ("list", "Source"),
        "places": ("list", STR), "change": STR, "text": STR, "bare": STR, "period": STR,
        "label": STR, "short_label": STR, "noun": STR, "id": STR, "unit": STR}),
    "Metric": (_fields(Metric), {"period": "Period"}),
    "Estimate": (_fields(Estimate), {"text": STR, "period": STR}),
    "Fact": (_fields(FactView, Fact), {"text": STR, "speaker": STR,
                                       "sources": ("list", "Source")}),
    "Event": (_fields(EventView, Event), {"title": STR, "short_title": STR, "period": STR,
                                          "participants": ("list", STR),
                                          "outcomes": ("list", STR), "event": "EventModel",
                                          "sources": ("list", "Source")}),
    "EventModel": (_fields(Event), {"period": "Period"}),
    "Country": (_fields(Country), {}),
    "Person": (_fields(Person), {}),
    "Source": (_fields(Source), {}),
    "Briefing": (_fields(Briefing), {"countries": ("list", "Country"), "occasion": "Occasion",
                                     "as_of": "Period"}),
    "Occasion": (_fields(Occasion), {"period": "Period"}),
    "Period": (_fields(Period), {}),
    # The section being rendered, from report.yaml.
    "Section": ({"id", "title", "others"}, {"id": STR, "title": STR, "others": ("list", STR)}),
}
# Every name templates can use, from the narrative's own context, so that the linter knows a name
# as soon as the context defines it; what the linter knows of some of their types is below.
API = Narrative.template_api()
# The types of some values of the API, for attribute checks; any other value is "any".
VALUE_TYPES: dict[str, Type] = {
    "m": ("dict", "Figure"), "f": ("dict", "Fact"), "ev": ("dict", "Event"),
    "metrics": ("dict", "Figure"), "facts": ("dict", "Fact"), "events_by_id": ("dict", "Event"),
    "countries": ("list", "Country"),
    "events": ("list", "Event"), "a": "Country", "b": "Country", "briefing": "Briefing",
    "occasion": "Occasion", "section": "Section",
}
# What some functions of the API return; any other returns "any".
RESULT_TYPES: dict[str, Type] = {
    "facts_in": ("list", "Fact"), "metrics_in": ("list", "Figure"),
    "events_in": ("list", "Event"), "uncited_metrics": ("list", "Figure"),
    "uncited_facts": ("list", "Fact"), "person": "Person", "name": STR, "cite": STR,
    "period": STR, "ordinal": STR, "rank": STR, "multiplier": STR, "names": STR, "percent": STR,
    "weekday": STR, "t": STR, "see": STR,
}
JINJA_NAMES = {"loop", "range", "dict", "lipsum", "cycler", "joiner", "namespace", "caller",
               "varargs", "kwargs", "true", "false", "none", "True", "False", "None"}
_DIGIT = re.compile(r"\d")


class _NarrativeLint:
    """Walks one narrative template's syntax tree with a small type inference."""

    def __init__(self, path: Path, macros: set[str]) -> None:
        self.path = path
        self.macros = macros
        self.problems: list[Problem] = []

    def problem(self, line: int, field: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(relpath(self.path), line, 1, field, message, hint))

    def run(self, source: str) -> list[Problem]:
        env = jinja2.Environment()
        try:
            tree = env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            self.problem(exc.lineno, "", f"template syntax error: {exc.message}")
            return self.problems
        self.walk(tree, {})
        return self.problems

    # --- statements
    def walk(self, node: nodes.Node, scope: dict[str, Type]) -> None:
        if isinstance(node, nodes.TemplateData):
            digit = _DIGIT.search(node.data)
            if digit:
                text = " ".join(node.data.split())
                line = node.lineno + node.data.count("\n", 0, digit.start())
                self.problem(line, "", "a number is typed into the template text: "
                             f"{_around_digit(text)}",
                             "figures belong in the dataset; write {{ m.<id>.text }}")
            return
        if isinstance(node, nodes.Output):
            for shown in node.nodes:
                if isinstance(shown, nodes.Const) and isinstance(shown.value, (int, float)) \
                        and not isinstance(shown.value, bool):
                    self.problem(shown.lineno, "", f"a number is output literally: "
                                 f"{shown.value}", "figures belong in the dataset")
                self.walk(shown, scope)
            return
        if isinstance(node, nodes.For):
            item = self.expr(node.iter, scope)
            inner = dict(scope)
            self.bind(node.target, _element(item), inner)
            for stmt in (*node.body, *node.else_):
                self.walk(stmt, inner)
            if node.test is not None:
                self.expr(node.test, inner)
            return
        if isinstance(node, nodes.Assign):
            self.bind(node.target, self.expr(node.node, scope), scope)
            return
        if isinstance(node, nodes.AssignBlock):  # {% set x %}…{% endset %}: x is text
            for stmt in node.body:
                self.walk(stmt, scope)
            if node.filter is not None:
                self.expr(node.filter, scope)
            self.bind(node.target, STR, scope)
            return
        if isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=True):
                self.bind(target, self.expr(value, scope), inner)
            for stmt in node.body:
                self.walk(stmt, inner)
            return
        if isinstance(node, (nodes.Macro, nodes.CallBlock)):
            if isinstance(node, nodes.CallBlock):
                self.expr(node.call, scope)
            for default in node.defaults:
                self.expr(default, scope)
            inner = dict(scope)
            for arg in node.args:
                inner[arg.name] = ANY
            for stmt in node.body:
                self.walk(stmt, inner)
            return
        if isinstance(node, nodes.Expr):
            self.expr(node, scope)
            return
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Expr):
                self.expr(child, scope)
            else:
                self.walk(child, scope)

    def bind(self, target: nodes.Node, kind: Type, scope: dict[str, Type]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = kind
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, ANY, scope)

    # --- expressions: return the inferred type, reporting what does not exist
    def expr(self, node: nodes.Node, scope: dict[str, Type]) -> Type:
        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                return ANY
            if node.name in scope:
                return scope[node.name]
            if node.name in API:
                return VALUE_TYPES.get(node.name, ANY)
            if node.name in JINJA_NAMES or node.name in self.macros:
                return ANY
            self.problem(node.lineno, node.name, "name is not defined for templates",
                         _suggest(node.name, [*API, *scope]))
            return ANY
        if isinstance(node, nodes.Getattr):
            return self.attribute(node, self.expr(node.node, scope), node.attr)
        if isinstance(node, nodes.Getitem):
            base = self.expr(node.node, scope)
            self.expr(node.arg, scope)
            if isinstance(node.arg, nodes.Slice):
                return base
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str) \
                    and not (isinstance(base, tuple) and base[0] == "dict"):
                return self.attribute(node, base, node.arg.value)
            return _element(base)
        if isinstance(node, nodes.Call):
            self.operands(node, scope, exclude=("node",))
            if isinstance(node.node, nodes.Name) and node.node.name not in scope \
                    and API.get(node.node.name) == "function":
                return RESULT_TYPES.get(node.node.name, ANY)
            if isinstance(node.node, nodes.Getattr) and node.node.attr in ("values", "items"):
                base = self.expr(node.node.node, scope)
                if isinstance(base, tuple) and base[0] == "dict":
                    return ("list", base[1]) if node.node.attr == "values" else ANY
                return ANY
            callee = self.expr(node.node, scope)
            return STR if callee == STR else ANY
        if isinstance(node, nodes.Filter):
            base = self.expr(node.node, scope) if node.node is not None else ANY
            self.operands(node, scope, exclude=("node",))
            if node.name in ("selectattr", "rejectattr", "list", "sort", "reverse", "unique"):
                return base
            if node.name == "first" or node.name == "last":
                return _element(base)
            return STR if node.name in ("lower", "upper", "capfirst", "capitalize", "trim",
                                        "replace", "join", "string") else ANY
        self.operands(node, scope)
        return ANY

    def operands(self, node: nodes.Node, scope: dict[str, Type],
                 exclude: tuple[str, ...] = ()) -> None:
        """Check every expression below node: the operands of a comparison (nodes.Operand),
        the keyword arguments of a call, filter or test (nodes.Keyword), the items of a dict
        literal (nodes.Pair), *args and **kwargs, and plain sub-expressions."""
        for child in node.iter_child_nodes(exclude=exclude):
            if isinstance(child, nodes.Expr):
                self.expr(child, scope)
            elif isinstance(child, nodes.Helper):
                self.operands(child, scope)

    def attribute(self, node: nodes.Node, base: Type, attr: str) -> Type:
        if isinstance(base, tuple) and base[0] == "dict":
            return base[1]  # m.<id>: an id of the dataset, not an attribute
        if not isinstance(base, str) or base not in RECORDS:
            return ANY
        allowed, nested = RECORDS[base]
        if attr not in allowed:
            self.problem(node.lineno, f"{base}.{attr}",
                         f"'{attr}' is not a field of {base} in the dataset model",
                         _suggest(attr, sorted(allowed)))
            return ANY
        return nested.get(attr, ANY)


def _element(kind: Type) -> Type:
    return kind[1] if isinstance(kind, tuple) else ANY


def _suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f"did you mean '{close[0]}'?" if close else ""


def _around_digit(text: str) -> str:
    match = _DIGIT.search(text)
    start = max(0, match.start() - 25) if match else 0
    return f"“…{text[start:start + 50]}…”"


def lint_narrative(folder: Path) -> list[Problem]:
    problems: list[Problem] = []
    sources: dict[Path, str] = {}
    for path in sorted(folder.glob("*.j2")):
        try:  # a template that is a symlink out of the folder is refused unread
            sources[path] = read_inside(folder, path, "templates")
        except Refused as exc:
            problems.append(Problem(relpath(path), 0, 0, "", exc.message, exc.hint))
    macros: set[str] = set()
    say = folder / "_say.j2"
    if say in sources:
        tree = jinja2.Environment().parse(sources[say])
        macros = {m.name for m in tree.find_all(jinja2.nodes.Macro)}
    for path, source in sources.items():
        problems += _NarrativeLint(path, macros).run(source)
    return problems


def lint_catalogs(templates: Path, sections: set[str]) -> list[Problem]:
    """Every translated wording catalog complete against en.po (what `make catalogs` checks)."""
    problems: list[Problem] = []
    for language in locales(templates):
        if language != SOURCE:
            problems += completeness(templates, language, sections)
    return problems


def lint_docx(template: Path, structure: Structure | None = None,
              structure_file: Path | None = None) -> list[Problem]:
    """Everything the build would refuse in the Word template (docx/contract.py: each role's
    style, what the cover and pages must show, sample content, broken references), and tags in
    its body, headers and footers that reportgen does not fill."""

    try:
        doc = open_briefing(template).get_docx()
        _, problems = check_template(doc, template, structure.word if structure else None,
                                     structure.table_style if structure else "Table Grid",
                                     structure_file, tags=False)
        tags = scan(doc, template)
    except TemplateError as exc:
        return exc.problems
    for tag in tags:
        dotted = [n for n in re.findall(r"[A-Za-z_][\w.]*", tag.code)
                  if "." in n and n.split(".")[0] in tag.reads]
        if any(name not in TAGS for name in tag.reads):
            problems.append(Problem(relpath(template), 0, 0, tag.where, f"unknown tag '{tag}'",
                                    "tags available: " + ", ".join(TAGS)))
        elif dotted:
            problems.append(Problem(
                relpath(template), 0, 0, tag.where,
                f"'{dotted[0]}': tags are plain text, with no attributes",
                "use the tag alone, e.g. {{ " + dotted[0].split(".")[0] + " }}"))
    return problems


def lint_pptx(template: Path, structure: Structure) -> list[Problem]:
    """Everything the build would refuse in the deck template (pptx/template.py deck_problems),
    and stray tags."""

    try:
        prs = open_deck(template)
    except TemplateError as exc:
        return exc.problems
    problems = deck_problems(prs, template, structure)
    for layout in prs.slide_layouts:
        for shape in placeholders(layout):
            if shape.has_text_frame and "{{" in shape.text_frame.text:
                problems.append(Problem(
                    relpath(template), 0, 0, f"layout '{layout.name}' › {shape.name}",
                    f"template tag in a placeholder: {shape.text_frame.text.strip()[:40]}",
                    "the deck fills placeholders by their part; tags are not rendered"))
    return problems


def lint_templates(folder: Path) -> None:
    """`reportgen check`: every lint of a templates folder (narrative, Word and deck templates,
    wording catalogs), raising one TemplateError with every problem found."""
    structure = load_structure(folder)
    problems = (lint_narrative(folder / "narrative")
                + lint_docx(briefing_path(folder), structure, folder / "report.yaml")
                + lint_pptx(deck_path(folder), structure)
                + lint_catalogs(folder, structure.areas))
    if problems:
        raise TemplateError(problems)
