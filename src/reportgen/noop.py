"""The no-op rebuild's fast path: `reportgen build` whose outputs are all up to date, decided
before click, the configuration's classes or the pipeline are imported.

The entry point (__main__.py) asks `answer` first. It takes only the plainest command lines
(`build`, a dataset, --data, --templates, --out, --format, and -q/-v before `build`) with
reportgen.toml's settings, and reads what `reportgen build` reads to decide: every input file's
hash, the libraries' versions and the options against the manifest, and each output's hash
(pipeline/fingerprint.py, the same code). When everything is up to date it prints the same
line as the full path (console.build_job) and the command exits 0; for anything else (another
command or option, --locale, a setting the file gets wrong, an output folder inside the inputs,
anything stale or missing) it answers False and the full command line runs as before, which
says why.
"""

from __future__ import annotations

import os
import sys

_QUIET = ("-q", "--quiet")
_GROUP = (*_QUIET, "-v", "-vv", "--verbose")  # the group's options that a no-op may be given
_VALUED = ("--data", "--templates", "--out", "--format")


def _parse(argv: list[str]) -> dict[str, str] | None:
    """The options of a plain `build` command line, or None for any other."""
    given: dict[str, str] = {}
    words = list(argv)
    while words and words[0] in _GROUP:
        given["quiet" if words.pop(0) in _QUIET else "verbose"] = "1"
    if not words or words.pop(0) != "build":
        return None
    while words:
        word = words.pop(0)
        name, equals, value = word.partition("=")
        if name in _VALUED and name not in given:
            if not equals:
                if not words:
                    return None
                value = words.pop(0)
            given[name] = value
        elif not word.startswith("-") and "dataset" not in given:
            given["dataset"] = word
        else:
            return None
    if any(not value for value in given.values()) or ("dataset" in given and "--data" in given):
        return None
    return given


def posix_str(path: str) -> str:
    """The path as str(pathlib.PurePosixPath(path)) writes it, without importing pathlib."""
    root = "//" if path.startswith("//") and not path.startswith("///") else (
        "/" if path.startswith("/") else "")
    return root + "/".join(p for p in path.split("/") if p and p != ".") or "."


def joined(folder: str, name: str) -> str:
    """str(pathlib.Path(folder) / name), name being one part."""
    top = posix_str(folder)
    return name if top == "." else top + name if top.endswith("/") else f"{top}/{name}"


def _inside(folder: str, root: str) -> bool:
    """Whether folder is root or lies inside it (both resolved), as build._guard refuses."""
    folder, root = os.path.realpath(folder), os.path.realpath(root)
    return folder == root or folder.startswith(root.rstrip(os.sep) + os.sep)


def answer(argv: list[str]) -> bool:
    """Whether this command line is a plain `reportgen build` whose outputs are all up to date;
    if so, what the full path would print has been printed."""
    given = _parse(argv)
    if given is None or os.sep != "/":
        return False
    # deferred: json, hashlib and tomllib, only for a plain `build` (not --help, not validate)
    from reportgen.pipeline.fingerprint import FORMATS
    from reportgen.settings_file import DEFAULT_FORMATS, DEFAULTS, read_table

    try:
        table = read_table()
    except ValueError:
        return False  # the full path says what is wrong with reportgen.toml
    settings = {**DEFAULTS, "formats": list(DEFAULT_FORMATS), **table}
    if settings["locale"]:
        return False  # an edition chosen by reportgen.toml: planned by the full path
    data = given.get("dataset") or given.get("--data") or str(settings["data"])
    templates = given.get("--templates") or str(settings["templates"])
    out = given.get("--out") or str(settings["out"])
    formats = ([f.strip() for f in given["--format"].split(",")] if "--format" in given
               else list(settings["formats"]))
    name = os.path.basename(os.path.realpath(data))
    if not formats or any(f not in FORMATS for f in formats) or not name or any(
            _inside(os.path.join(out, name), root) for root in (data, templates)):
        return False
    try:
        return _up_to_date(data, templates, out, name, formats, quiet="quiet" in given)
    except OSError:
        return False  # a file that cannot be read: the full path says which


def _up_to_date(data: str, templates: str, out: str, name: str, formats: list[str], *,
                quiet: bool) -> bool:
    """Whether the build of these is up to date (then said unless quiet)."""
    from reportgen.pipeline import fingerprint  # deferred: as in answer, imported there
    from reportgen.pipeline.fingerprint import ANNEX, FORMATS, MANIFEST_NAME

    folder = os.path.join(out, name)
    state = fingerprint.input_state(data, templates, {"formats": sorted(formats),
                                                      "charts": "native"})
    recorded, _ = fingerprint.read(os.path.join(folder, MANIFEST_NAME))
    if recorded is None or fingerprint.changed_inputs(recorded["inputs"], state):
        return False
    names = fingerprint.output_names(name)
    outputs = {names[f]: os.path.join(folder, names[f]) for f in (*FORMATS, ANNEX)
               if f in formats or f == ANNEX}
    if any(fingerprint.changed_outputs(recorded["outputs"], outputs)):
        return False
    if not quiet:
        sys.stdout.write(f"{joined(out, name)}: up to date\n")
        sys.stdout.flush()
    return True
