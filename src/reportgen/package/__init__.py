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
policy.py says what is refused, removed or replaced; parts.py reads the zip and its XML;
check.py runs the checks of links.py (relationships, macros), contents.py (what a part holds)
and fields.py (Word and PowerPoint fields).
"""

from __future__ import annotations

import functools
import logging
import zipfile
from pathlib import Path

from reportgen.errors import Problem, TemplateError, relpath, unreadable_template
from reportgen.package import policy
from reportgen.package.check import inspect
from reportgen.package.parts import Package

log = logging.getLogger(__name__)


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
    pkg = Package(path, label, kind)
    try:
        complete = pkg.read_zip(str(path), [policy.MAX_TOTAL_BYTES])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError, RuntimeError) as exc:
        raise unreadable_template(path, kind, exc) from None
    if complete:
        inspect(pkg, [policy.MAX_TOTAL_BYTES], remove_macros=True)
    if pkg.problems:
        raise TemplateError(pkg.problems)
    macros = [n for n in pkg.removed if not n.startswith("(")]
    if pkg.removed:
        log.warning("%s: macros removed (%s): reportgen carries no macro into a briefing or "
                    "deck", label, ", ".join(macros) or "the macro-enabled type")
    return pkg.package()
