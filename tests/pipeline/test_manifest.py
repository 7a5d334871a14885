"""The manifest: a broken record of the last build never blocks the next (rebuild), and the
cheap version lookup agrees with importlib.metadata."""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

import pytest

from reportgen.pipeline.fingerprint import versions
from reportgen.pipeline.manifest import (
    FORMAT_VERSION,
    LIBRARIES,
    MANIFEST_NAME,
    read,
    read_why,
    staleness,
)

GOOD = {"format": FORMAT_VERSION,
        "inputs": {"files": {"data/a.yaml": "ab"}, "versions": {"reportgen": "1"},
                   "options": {"formats": ["docx"]}},
        "outputs": {"b.docx": "cd"},
        "content": {"figures": {"x": {"label": "X", "text": "1", "period": "2025",
                                      "change": None}},
                    "events": {"e": {"title": "E", "period": "2025"}},
                    "sections": {"s": {"title": "S", "sha256": "ef"}}}}


def _with(path: tuple[str, ...], value: object) -> dict:
    manifest = json.loads(json.dumps(GOOD))
    target = manifest
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return manifest


@pytest.mark.parametrize("text", [
    "", "{", "[]", "null", "3", json.dumps({"format": "1"}),
    json.dumps(_with(("inputs",), [])),
    json.dumps(_with(("inputs", "files"), ["data/a.yaml"])),
    json.dumps(_with(("inputs", "files", "data/a.yaml"), 3)),
    json.dumps(_with(("inputs", "versions"), None)),
    json.dumps(_with(("inputs", "options"), "all")),
    json.dumps(_with(("outputs",), {"b.docx": None})),
    json.dumps(_with(("content",), [])),
    json.dumps(_with(("content", "figures"), {"x": "1"})),
    json.dumps(_with(("content", "figures", "x", "text"), 1)),
    json.dumps(_with(("content", "sections", "s"), {"title": ["S"]})),
], ids=["empty", "cut short", "a list", "null", "a number", "format as text", "inputs a list",
        "files a list", "hash a number", "versions null", "options text", "output hash null",
        "content a list", "figure text", "figure value a number", "section title a list"])
def test_a_malformed_manifest_means_rebuild(tmp_path: Path, text: str) -> None:
    (tmp_path / MANIFEST_NAME).write_text(text, encoding="utf-8")
    assert read(tmp_path) is None
    recorded, unusable = read_why(tmp_path)
    assert recorded is None and unusable
    state = {"files": {"data/a.yaml": "ab", "data/b.yaml": "cd"}, "versions": {}, "options": {}}
    stale = staleness(None, state, {"b.docx": tmp_path / "b.docx"}, unusable)
    assert stale.missing
    # Said once, as what it is, never as every input "added".
    assert stale.inputs == [f"{MANIFEST_NAME} is {unusable}: treated as no manifest, so every "
                            "output is built again"]
    assert unusable.startswith(("unreadable", "of another format", "not a JSON object",
                                "of the wrong shape"))


def test_no_manifest_is_no_problem(tmp_path: Path) -> None:
    assert read_why(tmp_path) == (None, "")


def test_a_well_formed_manifest_is_read(tmp_path: Path) -> None:
    (tmp_path / MANIFEST_NAME).write_text(json.dumps(GOOD), encoding="utf-8")
    assert read(tmp_path) == GOOD
    (tmp_path / MANIFEST_NAME).write_bytes(b"\xff\xfe not UTF-8")
    assert read(tmp_path) is None


def test_versions_read_off_dist_info_folders_match_importlib_metadata() -> None:
    found = versions()
    assert {name: found[name] for name in LIBRARIES} == {
        name: metadata.version(name) for name in LIBRARIES}


def test_the_inputs_hashed_are_every_file_but_hidden_and_cached_ones(tmp_path: Path) -> None:
    """A file in a hidden folder counts, a hidden file or one under __pycache__ or .git does
    not; a link to a file counts, a link to a folder is not followed, a broken one is left."""
    from reportgen.pipeline.fingerprint import files

    for name in ("a/b/x", "a/.h", ".hid/y", "__pycache__/z", "c/__pycache__/w", "d/.git/v",
                 "c/k", "top"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    (tmp_path / "linkdir").symlink_to(tmp_path / "a")
    (tmp_path / "linkfile").symlink_to(tmp_path / "top")
    (tmp_path / "broken").symlink_to(tmp_path / "nowhere")
    assert list(files(tmp_path, "data")) == ["data/.hid/y", "data/a/b/x", "data/c/k",
                                             "data/linkfile", "data/top"]
