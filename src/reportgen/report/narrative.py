"""Render the narrative sections from Jinja2 templates into plain blocks of text with citations."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import jinja2

from reportgen.errors import Problem, TemplateError, relpath
from reportgen.report.catalog import SHIPPED
from reportgen.report.markup import Block, cite_marker, escape, parse_blocks, see_marker
from reportgen.report.prose import Prose
from reportgen.report.views import Views
from reportgen.sandbox import TEMPLATE_FAILURES, ConfinedLoader, Sandbox, bounded, located


@dataclass(frozen=True)
class SectionText:
    """A section as its template rendered it: its heading, its body blocks, and for slides a
    one-line headline (the divider's subtitle) and two or three short takeaways."""

    id: str
    title: str
    blocks: list[Block]
    takeaways: list[Block] = field(default_factory=list)
    headline: str = ""
    # Up to five short lines for a slide of the section when no chart stands beside them (and
    # first, where there is one, the line its title says, for the deck to leave out).
    points: list[Block] = field(default_factory=list)
    # The points beside each of the section's charts (chart id → lines): that chart's figures.
    chart_points: dict[str, list[Block]] = field(default_factory=dict)
    ahead: bool = False  # a section that only looks ahead: its points never join the summary's

    @property
    def empty(self) -> bool:
        return not any(b.text.strip() for b in self.blocks)


class _Raw(str):
    """Template helper output that is markup on purpose (a citation, a chart reference) and must
    not be escaped."""


def _safe(value: object) -> object:
    if isinstance(value, _Raw):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_safe(v) for v in value]
    return _Safe(value)


def _raw(value: object) -> Any:  # a view or value a template passed back
    return value._obj if isinstance(value, _Safe) else value


class _Safe:
    """Read-only view of dataset objects for templates: every string it hands out is escaped."""

    __slots__ = ("_obj",)

    def __init__(self, obj: Any) -> None:  # any view: templates read what they name
        self._obj = obj

    def __getattr__(self, name: str) -> object:
        return _safe(getattr(self._obj, name))

    def __getitem__(self, key: object) -> object:
        return _safe(self._obj[key])

    def __contains__(self, key: object) -> bool:
        return key in self._obj

    def __iter__(self) -> Iterator[object]:
        return (_safe(v) for v in self._obj)

    def __len__(self) -> int:
        return len(self._obj)

    def __bool__(self) -> bool:
        return bool(self._obj)

    def __eq__(self, other: object) -> bool:
        return bool(self._obj == (other._obj if isinstance(other, _Safe) else other))

    def __hash__(self) -> int:
        return hash(id(self._obj))

    def __str__(self) -> str:
        return escape(str(self._obj))

    def __call__(self, *args: object, **kwargs: object) -> object:
        return _safe(self._obj(*args, **kwargs))

    def values(self) -> list[object]:
        return [_safe(v) for v in self._obj.values()]

    def keys(self) -> list[object]:
        return list(self._obj.keys())

    def items(self) -> list[tuple[object, object]]:
        return [(k, _safe(v)) for k, v in self._obj.items()]


class _ProseView:
    """The prose functions as templates see them: their markup is meant, so never escaped."""

    def __init__(self, prose: Prose) -> None:
        self._prose = prose

    def __getattr__(self, name: str) -> Callable[..., object]:
        method = getattr(self._prose, name)

        def call(*args: object) -> object:
            found = method(*(_raw(a) for a in args))
            return [_Raw(x) for x in found] if isinstance(found, list) else _Raw(found)

        return call


@dataclass(frozen=True)
class Context:
    """What every section template can name: the dataset's views (escaped) and the helper
    functions. Its fields are the template API; Narrative.template_api() lists them, with the
    names Narrative adds itself, for the linter (lint.py), so the two cannot drift apart."""

    briefing: object
    year: int
    countries: object  # [first, second], in the order of the title
    metrics: object  # by id
    facts: object  # by id
    events: object  # in date order
    events_by_id: object
    occasion: object
    # The short names of the first templates: a, b (the two countries), m (metrics), f (facts),
    # ev (events by id). The shipped templates no longer use them, but docs/templates.md lists
    # them and a dataset's own narrative/ may: they stay, so that such a dataset still builds.
    a: object
    b: object
    m: object
    f: object
    ev: object
    charts: object
    name: Callable[[str], str]
    person: Callable[[str], object]
    cite: Callable[..., str]
    see: Callable[[str], str]
    uncited_metrics: Callable[[str], object]
    uncited_facts: Callable[[str], object]
    facts_in: Callable[..., object]
    metrics_in: Callable[[str], object]
    events_in: Callable[[str], object]
    period: Callable[[Any], str]
    ordinal: Callable[..., str]
    rank: Callable[..., str]
    multiplier: Callable[..., str]
    names: Callable[..., str]
    percent: Callable[..., str]
    weekday: Callable[..., str]
    t: Callable[..., str]


Kind = Literal["value", "function"]
# The names Narrative adds beside the Context: the prose composed from a section's items
# (report/prose.py), the phrasing macros of a folder's own _say.j2 (none is shipped: the shipped
# templates ask `prose`), and the section being rendered.
OWN_NAMES: dict[str, Kind] = {"prose": "value", "say": "value", "section": "value"}


class Narrative:
    """The Jinja2 environment over templates/narrative, with the dataset views as context."""

    def __init__(self, templates: Path, views: Views, dataset: Path | None = None) -> None:
        self.folder = templates / "narrative"
        # A dataset's own narrative/ templates override the shipped ones of the same name.
        own = dataset / "narrative" if dataset is not None else None
        self.folders = [f for f in (own, self.folder) if f is not None and f.is_dir()] or [
            self.folder]
        self.views = views
        # Templates are untrusted code: sandboxed, strict, bounded (reportgen/sandbox.py).
        self.env = Sandbox(
            loader=ConfinedLoader(self.folders),
            autoescape=False,  # the output is plain text placed by python-docx/pptx, which escape
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.cited: set[str] = set()
        self._kept: dict[str, bool] = {}  # template name → a shipped one, kept unchanged
        self.chart_ids = {c.id for c in views.dataset.charts}
        self.env.globals.update(self._context())
        self.env.filters["capfirst"] = lambda text: text[:1].upper() + text[1:]
        self.prose = Prose(views, self._cite, self._see)
        self.env.globals["prose"] = _ProseView(self.prose)
        # A templates folder's or dataset's own phrasing macros, available to every section
        # template as `say` (reportgen ships none).
        if any((f / "_say.j2").exists() for f in self.folders):
            self.env.start()
            try:
                self.env.globals["say"] = self.env.get_template("_say.j2").module
            except TEMPLATE_FAILURES as exc:
                raise located(exc, self._where("_say.j2") / "_say.j2") from None

    @classmethod
    def template_api(cls) -> dict[str, Kind]:
        """Every name a section template can use besides Jinja2's own: "function" for a helper
        that templates call, "value" for the rest."""
        hints = typing.get_type_hints(Context)
        api: dict[str, Kind] = {
            f.name: "function" if typing.get_origin(hints[f.name]) is Callable else "value"
            for f in dataclasses.fields(Context)}
        return {**api, **OWN_NAMES}

    def _cite(self, *ids: str) -> _Raw:
        self.cited.update(ids)
        return _Raw("".join(cite_marker(i) for i in ids))

    def _see(self, chart_id: str) -> _Raw:
        if chart_id not in self.chart_ids:
            # A KeyError names the template line, like any other id the dataset lacks.
            raise KeyError(f"no chart '{chart_id}'; guard with {{% if '{chart_id}' in charts %}}")
        return _Raw(see_marker(chart_id))

    def _context(self) -> dict[str, object]:
        v = self.views
        ds = v.dataset
        fmt = v.fmt
        a, b = ds.briefing.countries
        # Everything from the dataset reaches templates through _safe(), so that no text in the
        # data can turn into markup (a block, a citation) in the rendered narrative.
        context = Context(
            briefing=_safe(ds.briefing),
            year=ds.briefing.year,
            countries=_safe([a, b]),
            metrics=_safe(v.metrics),
            facts=_safe(v.facts),
            events=_safe(v.events),
            events_by_id=_safe({e.id: e for e in v.events}),
            occasion=_safe(ds.briefing.occasion),
            a=_safe(a),
            b=_safe(b),
            m=_safe(v.metrics),
            f=_safe(v.facts),
            ev=_safe({e.id: e for e in v.events}),
            name=lambda entity_id: escape(v.names[entity_id]),
            person=lambda person_id: _safe(next(p for p in ds.people if p.id == person_id)),
            cite=self._cite,
            see=self._see,
            charts=_safe({c.id: c for c in ds.charts}),
            # What a section has not quoted yet, so a template can close with "other figures".
            uncited_metrics=lambda area: _safe([
                x for x in v.metrics.values() if x.area == area and x.id not in self.cited]),
            uncited_facts=lambda area: _safe([
                x for x in v.facts.values() if x.area == area and x.id not in self.cited]),
            facts_in=lambda area, *kinds: _safe([
                f for f in v.facts.values() if f.area == area and (not kinds or f.kind in kinds)]),
            metrics_in=lambda area: _safe([m for m in v.metrics.values() if m.area == area]),
            events_in=lambda area: _safe([e for e in v.events if e.area == area]),
            period=lambda p: fmt.period(_raw(p)),
            ordinal=fmt.ordinal,
            rank=fmt.rank,
            multiplier=fmt.multiplier,
            names=lambda items: fmt.names(list(items)),
            percent=fmt.percent,
            weekday=fmt.weekday,
            t=fmt.t,
        )
        return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}

    def render(self, section_id: str, template_name: str, title: str = "",
               others: list[str] | None = None) -> SectionText:
        """Render one section; a template error names the template file and line.

        `title` is the section's title from report.yaml (templates show it as `section.title`);
        `others` are the other sections' ids, which a summary may lead with. A shipped template
        that a folder keeps unchanged is not run: its prose is composed into blocks directly
        (compose()), as the template would have rendered it.
        """
        others = others or []
        if self._unchanged(template_name):
            composed = compose(self.prose, template_name, section_id, title, others)
            return dataclasses.replace(composed, chart_points=self._chart_points(section_id))
        self.env.start()
        try:
            template = self.env.get_template(template_name)
            context = template.new_context({"section": {"id": section_id, "title": title,
                                                        "others": others}})
            parts = {name: bounded(fn(context)) for name, fn in template.blocks.items()}
        except jinja2.TemplateNotFound as exc:
            if exc.name != template_name:  # an {% include %} or {% import %} of a missing file
                raise located(exc, self._where(template_name) / template_name) from None
            raise TemplateError([Problem(self._shown(template_name), 0, 0, "",
                                         "section template not found",
                                         "create it or remove the section from report.yaml")]
                                ) from None
        except TEMPLATE_FAILURES as exc:
            raise located(exc, self._where(template_name) / template_name) from None
        if "title" not in parts or "body" not in parts:
            raise TemplateError([Problem(self._shown(template_name), 0, 0, "",
                                         "a section template needs {% block title %} and "
                                         "{% block body %}", "see docs/templates.md")])
        return SectionText(
            id=section_id,
            title=" ".join(parts["title"].split()),
            blocks=parse_blocks(parts["body"]),
            takeaways=parse_blocks(parts.get("takeaways", "")),
            headline=_one_line(parts.get("headline", "")),
            points=parse_blocks(parts.get("points", "")),
            chart_points=self._chart_points(section_id),
            ahead=self.prose.deck.looks_ahead(section_id),
        )

    def _unchanged(self, template_name: str) -> bool:
        """Whether the template is a shipped one that `compose` makes, kept unchanged where it
        is read from (each file read once a build, not once a section)."""
        if template_name not in self._kept:
            shipped = SHIPPED / "narrative" / template_name
            own = self._where(template_name) / template_name
            self._kept[template_name] = template_name in COMPOSED and own.is_file() \
                and shipped.is_file() and own.read_bytes() == shipped.read_bytes()
        return self._kept[template_name]

    def _chart_points(self, section_id: str) -> dict[str, list[Block]]:
        """The points beside each of the section's charts (its figures)."""
        return {c.id: bullets(self.prose.chart_points(c.id))
                for c in self.views.dataset.charts if c.area == section_id and c.metrics}


    def _shown(self, name: str) -> str:
        return relpath(self._where(name) / name)

    def _where(self, name: str) -> Path:
        """The folder a template is read from: the dataset's, else the shipped one."""
        return next((f for f in self.folders if (f / name).exists()), self.folder)


# The shipped section templates only lay out what the prose composes; where a folder keeps them
# unchanged, their blocks are made here, in the order the templates ask for them (what is said
# once depends on it), and only a template of one's own is run by Jinja and parsed back.
COMPOSED = ("section.j2", "summary.j2")


def compose(prose: Prose, template_name: str, section_id: str, title: str,
            others: list[str]) -> SectionText:
    """A section as its shipped template renders it, without running the template."""
    if template_name == "summary.j2":
        body = paragraphs([prose.occasion(), *prose.summary(others)])
        headline = prose.summary_headline(others)
        return SectionText(id=section_id, title=" ".join(title.split()), blocks=body,
                           takeaways=bullets(prose.summary_points(others)),
                           headline=_one_line(headline),
                           ahead=prose.deck.looks_ahead(section_id))
    body = paragraphs(prose.paragraphs(section_id))
    headline = prose.headline(section_id)
    takeaways = bullets(prose.takeaways(section_id))
    return SectionText(id=section_id, title=" ".join(title.split()), blocks=body,
                       takeaways=takeaways, headline=_one_line(headline),
                       points=bullets(prose.points(section_id)),
                       ahead=prose.deck.looks_ahead(section_id))


def paragraphs(texts: list[str]) -> list[Block]:
    """Each composed paragraph a block of its own (its citations and chart references as runs)."""
    return [block for text in texts for block in parse_blocks(text)]


def bullets(lines: list[str]) -> list[Block]:
    """Each composed line a bullet."""
    return [block for line in lines for block in parse_blocks(f"- {line}")]


def _one_line(text: str) -> str:
    return " ".join(b.text for b in parse_blocks(text))

