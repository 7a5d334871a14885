"""The one Jinja2 environment every template runs in: sandboxed, strict, bounded, errors located."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import SandboxedEnvironment

from reportgen.errors import Problem, TemplateError, relpath

# A template may come from someone else (a colleague's template pack), so it is untrusted code:
# it sees only what the context hands it, no attribute starting with "_" (the sandbox's rule,
# which closes __globals__, __class__, __mro__, __subclasses__ and name-mangled privates), no
# format-string tricks (the sandbox's formatter), and bounded work.
MAX_OUTPUT = 2_000_000  # characters one template may render: a report section is a few thousand
MAX_SECONDS = 20.0  # processor time one render may take (its thread's, so that a machine busy
#                    with other work does not stop it), checked at every call, attribute and
#                    loop item
MAX_RANGE = 10_000  # the longest range() a template may ask for (Jinja's default is 100,000)


class ConfinedLoader(jinja2.FileSystemLoader):
    """Jinja's FileSystemLoader, reading only files that lie inside its folders: a template
    that is a symlink out of them is refused before it is opened (Jinja itself refuses `..`
    and absolute names), and the message names the link, never its target."""

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if path.is_file() or path.is_symlink():
                real = path.resolve()
                if not real.is_relative_to(Path(folder).resolve()) or not real.is_file():
                    raise TemplateError([Problem(
                        relpath(path), 0, 0, "", "lies outside the templates folder (a symlink?) "
                        "or is no file; it was not read", "copy the file into the folder")])
                break
        return super().get_source(environment, template)


class TemplateLimit(Exception):
    """A template went past one of the bounds above."""


# The filter every {% for %} loop's items pass through, so that the clock is checked at each
# item even when the loop's body calls nothing (empty nested loops over a long string).
TICKING = "reportgen_deadline"


class _TickingLoops(CodeGenerator):
    """Jinja's code generator, with each for loop's iterable wrapped in the TICKING filter
    (before the template is generated, as Jinja gathers the filters it uses first)."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        for loop in node.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, TICKING, [], [], None, None,
                                     lineno=loop.iter.lineno)
        super().visit_Template(node, frame)


class Sandbox(SandboxedEnvironment):
    """SandboxedEnvironment with StrictUndefined, a short range() and a render deadline."""

    code_generator_class = _TickingLoops

    def __init__(self, **options: Any) -> None:
        options.setdefault("undefined", jinja2.StrictUndefined)
        super().__init__(**options)
        self.deadline = float("inf")
        self.globals["range"] = self._range
        self.filters[TICKING] = self._ticking

    def start(self) -> None:
        """Start the clock of one render."""
        self.deadline = time.thread_time() + MAX_SECONDS

    def _tick(self) -> None:
        if time.thread_time() > self.deadline:
            raise TemplateLimit(f"the template ran longer than {MAX_SECONDS:g} s")

    def _ticking(self, items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            self._tick()
            yield item

    def _range(self, *args: int) -> range:
        found = range(*args)
        if len(found) > MAX_RANGE:
            raise TemplateLimit(f"range() of {len(found)} items; at most {MAX_RANGE} allowed")
        return found

    def call(__self, __context: Any, __obj: Any, *args: Any,  # noqa: N805 (Jinja's signature)
             **kwargs: Any) -> Any:
        __self._tick()
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self._tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self._tick()
        return super().getitem(obj, argument)


def bounded(parts: Iterable[str], limit: int = MAX_OUTPUT) -> str:
    """Join a template's rendered parts, stopping as soon as they pass `limit` characters."""
    out: list[str] = []
    size = 0
    for part in parts:
        size += len(part)
        if size > limit:
            stop = TemplateLimit(f"the template rendered more than {limit:,} characters")
            throw = getattr(parts, "throw", None)
            if throw is not None:  # raised inside the template, so its traceback names the line
                throw(stop)
            raise stop
        out.append(part)
    return "".join(out)


def _frames(exc: BaseException) -> Iterator[tuple[str, int]]:
    """Each template file and line on the traceback of exc, innermost last."""
    tb = exc.__traceback__
    while tb is not None:
        frame_globals = tb.tb_frame.f_globals
        template = frame_globals.get("__jinja_template__")
        if template is not None and template.filename:
            yield template.filename, template.get_corresponding_lineno(tb.tb_lineno)
        elif "__jinja_exception__" in frame_globals:  # a frame Jinja rewrote to the template's
            yield tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next


def located(exc: BaseException, fallback: Path | str, hint: str = "") -> TemplateError:
    """Any exception a template raised, as a TemplateError at the template's file and line."""
    if isinstance(exc, TemplateError):
        return exc
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = exc.filename or str(fallback)
        return TemplateError([Problem(relpath(Path(where)), exc.lineno, 1, "",
                                      f"template syntax error: {exc.message}",
                                      hint or "check the {{ }} and {% %} around this line")])
    name, line = ([*_frames(exc)] or [(str(fallback), 0)])[-1]
    if isinstance(exc, jinja2.exceptions.SecurityError):
        message, hint = (f"template does something not allowed: {exc}",
                         "templates may only show the values and helpers they are given "
                         "(docs/security.md)")
    elif isinstance(exc, RecursionError):
        message, hint = ("template recursion too deep (a macro calling itself without end?)",
                         hint or "make the recursion stop")
    elif isinstance(exc, TemplateLimit):
        message, hint = f"template too costly: {exc}", hint or "docs/security.md lists the limits"
    elif isinstance(exc, (jinja2.UndefinedError, KeyError, AttributeError, StopIteration)):
        message = f"template uses something the dataset lacks: {exc}"
        hint = hint or "guard it with {% if ... %} or add it to the dataset"
    else:
        message = f"template failed: {type(exc).__name__}: {exc}"
    return TemplateError([Problem(relpath(Path(name)), line, 1 if line else 0, "", message, hint)])


# The exceptions a template can cause, by itself or by calling a helper with the wrong values
# (so a bug of reportgen's own inside a helper is reported at the template line that called it).
# Anything else (a MemoryError, a KeyboardInterrupt) is not the template's and propagates.
TEMPLATE_FAILURES: tuple[type[BaseException], ...] = (
    jinja2.TemplateError, TemplateLimit, RecursionError, KeyError, AttributeError, TypeError,
    ValueError, ArithmeticError, StopIteration, IndexError, LookupError)


def render_located(render: Callable[[], str], fallback: Path | str, hint: str = "") -> str:
    """Run one render; any failure of the template becomes a located TemplateError."""
    try:
        return render()
    except TEMPLATE_FAILURES as exc:
        raise located(exc, fallback, hint) from None
