"""The build manifest: hashes of every input and output, and each figure with its dataset field.

Cheap by design: it imports nothing heavy, so that an up-to-date check stays fast.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.version import __version__

MANIFEST_NAME = "manifest.json"
FORMAT_VERSION = 1
LIBRARIES = ("python-docx", "python-pptx", "docxtpl", "matplotlib", "babel", "jinja2", "pydantic",
             "xlsxwriter")
_SKIP_DIRS = {"__pycache__", ".git"}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(root: Path, prefix: str) -> dict[str, Path]:
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and not (_SKIP_DIRS & set(rel.parts)) and not path.name.startswith("."):
            found[f"{prefix}/{rel.as_posix()}"] = path
    return found


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _versions() -> dict[str, str]:
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


def input_state(data: Path, templates: Path, options: dict[str, Any]) -> dict[str, Any]:
    """Hashes of every data and template file, the tool and library versions, and the options."""
    files = {**_files(data, "data"), **_files(templates, "templates")}
    return {"files": {key: _sha256(path) for key, path in files.items()},
            "versions": _versions(), "options": options}


@dataclass
class Staleness:
    """Why outputs are not up to date: outputs missing or changed, and inputs that changed."""

    missing: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)

    @property
    def up_to_date(self) -> bool:
        return not (self.missing or self.modified or self.inputs)


def read(folder: Path, name: str = MANIFEST_NAME) -> dict[str, Any] | None:
    return read_why(folder, name)[0]


def read_why(folder: Path, name: str = MANIFEST_NAME) -> tuple[dict[str, Any] | None, str]:
    """The last build's manifest, or None and why it cannot be used ("" when there is none)."""
    path = folder / name
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
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


def staleness(manifest: dict[str, Any] | None, state: dict[str, Any],
              outputs: dict[str, Path], unusable: str = "") -> Staleness:
    """Compare the recorded build with the current inputs and the requested outputs on disk;
    unusable: why a manifest there could not be used (then said once, not for every input)."""
    result = Staleness()
    recorded = manifest["inputs"] if manifest else {"files": {}, "versions": {}, "options": {}}
    old, new = recorded["files"], state["files"]
    if unusable:
        result.inputs = [f"{MANIFEST_NAME} is {unusable}: treated as no manifest, so every "
                         "output is built again"]
        new = {}
    result.inputs += sorted(
        [f"{k} (changed)" for k in new if k in old and old[k] != new[k]]
        + [f"{k} (added)" for k in new if k not in old]
        + [f"{k} (removed)" for k in old if k not in new])
    if manifest:
        result.inputs += [f"{k} {recorded['versions'].get(k)} → {v}"
                          for k, v in state["versions"].items()
                          if recorded["versions"].get(k) != v]
        result.inputs += [f"option {k}: {recorded['options'].get(k)} → {v}"
                          for k, v in state["options"].items()
                          if recorded["options"].get(k) != v]
    hashes = manifest["outputs"] if manifest else {}
    for name, path in outputs.items():
        if not path.exists() or name not in hashes:
            result.missing.append(str(path))
        elif _sha256(path) != hashes[name]:
            result.modified.append(str(path))
    return result


def serialize(state: dict[str, Any], outputs: dict[str, bytes], content: dict[str, Any]) -> bytes:
    """The manifest's bytes (sorted keys, so the same build gives the same file)."""
    manifest = {
        "format": FORMAT_VERSION,
        "inputs": state,
        "outputs": {name: hashlib.sha256(data).hexdigest() for name, data in outputs.items()},
        **content,
    }
    return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
