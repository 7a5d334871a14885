"""The build manifest: hashes of every input and output, and each figure with its dataset field.

Cheap by design: it imports nothing heavy, so that an up-to-date check stays fast; what it reads
and compares is fingerprint.py's, which the no-op fast path (reportgen/noop.py) uses alone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.pipeline import fingerprint
from reportgen.pipeline.fingerprint import FORMAT_VERSION, LIBRARIES, MANIFEST_NAME, input_state

__all__ = ["FORMAT_VERSION", "LIBRARIES", "MANIFEST_NAME", "Staleness", "input_state", "read",
           "read_why", "serialize", "staleness"]


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
    return fingerprint.read(folder / name)


def staleness(manifest: dict[str, Any] | None, state: dict[str, Any],
              outputs: dict[str, Path], unusable: str = "") -> Staleness:
    """Compare the recorded build with the current inputs and the requested outputs on disk;
    unusable: why a manifest there could not be used (then said once, not for every input)."""
    result = Staleness()
    state = {**state, "files": {}} if unusable else state
    if unusable:
        result.inputs = [f"{MANIFEST_NAME} is {unusable}: treated as no manifest, so every "
                         "output is built again"]
    result.inputs += fingerprint.changed_inputs(manifest["inputs"] if manifest else None, state)
    result.missing, result.modified = fingerprint.changed_outputs(
        manifest["outputs"] if manifest else {}, outputs)
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
