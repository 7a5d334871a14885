"""The manifest's cheap version lookup agrees with importlib.metadata."""

from __future__ import annotations

from importlib import metadata

from reportgen.pipeline.manifest import LIBRARIES, _versions


def test_versions_read_off_dist_info_folders_match_importlib_metadata() -> None:
    found = _versions()
    assert {name: found[name] for name in LIBRARIES} == {
        name: metadata.version(name) for name in LIBRARIES}
