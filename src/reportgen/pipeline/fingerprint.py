"""What deciding "up to date" reads: the hash of every input file, the libraries' versions, the
last build's manifest, and what differs between them.

Light by design: it imports os, re, sys, hashlib, json and reportgen.version only (no pathlib, no
dataclasses), so that the no-op fast path (reportgen/noop.py) decides before click, the
configuration's classes or the pipeline are imported. manifest.py builds its Staleness on it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re  # json imports it anyway
import sys
from collections.abc import Mapping
from typing import Any

from reportgen.version import __version__

MANIFEST_NAME = "manifest.json"
FORMAT_VERSION = 1
FORMATS = ("docx", "pptx", "pdf")
ANNEX = "xlsx"  # the data annex: written by every build, whatever the formats
LIBRARIES = ("python-docx", "python-pptx", "docxtpl", "matplotlib", "babel", "jinja2", "pydantic",
             "xlsxwriter")
_SKIP_DIRS = {"__pycache__", ".git"}
PathLike = str | os.PathLike[str]


def sha256(path: PathLike) -> str:
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def files(root: PathLike, prefix: str) -> dict[str, str]:
    """Every file under root (symbolic links to files too, none followed into a folder), keyed
    PREFIX/RELATIVE/PATH; none under __pycache__ or .git, none whose name starts with a dot."""
    found: dict[str, str] = {}
    top = os.fspath(root)
    for folder, subfolders, names in os.walk(top):
        subfolders[:] = [name for name in subfolders if name not in _SKIP_DIRS]
        for name in names:
            path = os.path.join(folder, name)
            if name.startswith(".") or name in _SKIP_DIRS or not os.path.isfile(path):
                continue
            rel = os.path.relpath(path, top).replace(os.sep, "/")
            found[f"{prefix}/{rel}"] = path
    return dict(sorted(found.items()))


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def versions() -> dict[str, str]:
    """The installed version of each library, read off the names of the `*.dist-info` folders
    (NAME-VERSION.dist-info) on sys.path: importing importlib.metadata and asking it costs more
    than the rest of a no-op rebuild together."""
    wanted = {_normal(name): name for name in LIBRARIES}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if not folder.endswith(".dist-info") or "-" not in folder:
                continue
            dist, _, version = folder[:-len(".dist-info")].partition("-")
            library = wanted.get(_normal(dist))
            if library is not None and library not in found:
                found[library] = version
    return {"reportgen": __version__, **{n: found.get(n, "absent") for n in LIBRARIES}}


def input_state(data: PathLike, templates: PathLike, options: dict[str, Any]) -> dict[str, Any]:
    """Hashes of every data and template file, the tool and library versions, and the options."""
    found = {**files(data, "data"), **files(templates, "templates")}
    return {"files": {key: sha256(path) for key, path in found.items()},
            "versions": versions(), "options": options}


def output_names(dataset_name: str, edition: str = "") -> dict[str, str]:
    """Each format's file name: NAME-briefing.docx for the dataset's own language,
    NAME-briefing.az.docx for another; the data annex NAME-data.xlsx."""
    mark = f".{edition}" if edition else ""
    return {"docx": f"{dataset_name}-briefing{mark}.docx",
            "pptx": f"{dataset_name}-deck{mark}.pptx",
            "pdf": f"{dataset_name}-briefing{mark}.pdf",
            ANNEX: f"{dataset_name}-data{mark}.xlsx"}


def read(path: PathLike) -> tuple[dict[str, Any] | None, str]:
    """The manifest at path, or None and why it cannot be used ("" when there is none)."""
    try:
        with open(path, encoding="utf-8") as file:
            manifest = json.loads(file.read())
    except FileNotFoundError:
        return None, ""
    except (OSError, ValueError) as exc:
        return None, f"unreadable ({getattr(exc, 'strerror', None) or exc})"
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        return None, (f"of another format ({manifest.get('format')!r}, not {FORMAT_VERSION})"
                      if isinstance(manifest, dict) else "not a JSON object")
    # A broken record of the last build (edited by hand, cut short) must not block the next one:
    # anything of the wrong shape counts as no manifest, and the build runs in full.
    return (manifest, "") if _well_formed(manifest) else (None, "of the wrong shape")


def _mapping(value: object, of: type | tuple[type, ...] = str) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, of)
                                           for k, v in value.items())


_TEXT = (str, type(None))
# What each recorded figure, event and section must hold for the change summary (changes.py).
_ITEMS = {"figures": ("label", "text", "period", "change"), "events": ("title", "period"),
          "sections": ("title", "sha256")}


def _well_formed(manifest: dict[str, Any]) -> bool:
    inputs = manifest.get("inputs")
    if not (isinstance(inputs, dict) and _mapping(inputs.get("files"))
            and _mapping(inputs.get("versions")) and _mapping(inputs.get("options"), object)
            and _mapping(manifest.get("outputs"))):
        return False
    content = manifest.get("content", {})
    if not isinstance(content, dict):
        return False
    for part, keys in _ITEMS.items():
        items = content.get(part, {})
        if not _mapping(items, dict) or not all(
                isinstance(item.get(key), _TEXT) for item in items.values() for key in keys):
            return False
    return True


def changed_inputs(recorded: dict[str, Any] | None, state: dict[str, Any]) -> list[str]:
    """Each input file added, removed or changed since the recorded build (its manifest's
    "inputs"; None: no build), then each library version and option that differs."""
    old, new = (recorded or {}).get("files", {}), state["files"]
    changed = sorted([f"{k} (changed)" for k in new if k in old and old[k] != new[k]]
                     + [f"{k} (added)" for k in new if k not in old]
                     + [f"{k} (removed)" for k in old if k not in new])
    if recorded:
        changed += [f"{k} {recorded['versions'].get(k)} → {v}"
                    for k, v in state["versions"].items() if recorded["versions"].get(k) != v]
        changed += [f"option {k}: {recorded['options'].get(k)} → {v}"
                    for k, v in state["options"].items() if recorded["options"].get(k) != v]
    return changed


def changed_outputs(hashes: Mapping[str, str], outputs: Mapping[str, PathLike]
                    ) -> tuple[list[str], list[str]]:
    """The outputs missing (or not recorded) and those modified since their recorded hash."""
    missing: list[str] = []
    modified: list[str] = []
    for name, path in outputs.items():
        if not os.path.exists(path) or name not in hashes:
            missing.append(os.fspath(path))
        elif sha256(path) != hashes[name]:
            modified.append(os.fspath(path))
    return missing, modified
