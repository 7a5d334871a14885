"""The shipped fonts: what they cover, that they win over installed copies, that the font list
follows fonts installed later, and that a machine without fonts builds the same bytes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import matplotlib
import pytest
from fontTools.ttLib import TTFont
from matplotlib import font_manager

from reportgen.render import chart_pictures, fonts
from reportgen.render.fonts import EAST_ASIAN, INSTALLED, SHIPPED, SHIPPED_FAMILIES

from ..conftest import DATA, ROOT, TEMPLATES
from ..fresh import HIDDEN
from ..test_cli import NO_OFFICE

CJK = re.compile(r"[\u3400-\u9fff]")


def _cmap(name: str) -> set[int]:
    with TTFont(SHIPPED / name, lazy=True) as font:
        return set(font.getBestCmap())


def test_the_shipped_families_are_the_files_with_their_licences() -> None:
    names = set()
    for path in fonts.shipped_files():
        with TTFont(path, lazy=True) as font:
            names.add(font["name"].getDebugName(1))
    assert names == set(SHIPPED_FAMILIES)
    for package in ("fonts-crosextra-carlito", "fonts-crosextra-caladea", "fonts-noto-cjk"):
        assert "SIL OPEN FONT LICENSE" in (SHIPPED / f"{package}.copyright").read_text().upper()


@pytest.mark.parametrize("weight", ["Regular", "Bold"])
def test_the_cjk_subset_covers_the_chinese_catalog_and_the_sample(weight: str) -> None:
    """Else run tools/ship_fonts.py again: a new character of the catalog or the sample."""
    texts = [(TEMPLATES / "locale" / "zh.po").read_text(encoding="utf-8"),
             (DATA / "translations" / "zh.yaml").read_text(encoding="utf-8")]
    wanted = {ord(c) for text in texts for c in CJK.findall(text)}
    assert len(wanted) > 300
    assert wanted - _cmap(f"NotoSansCJKsc-{weight}-subset.otf") == set()
    assert {ord(c) for c in "的一是在不了有和人这中大为上个国"} <= _cmap(
        f"NotoSansCJKsc-{weight}-subset.otf")


def test_the_shipped_files_win_over_installed_copies() -> None:
    manager = fonts.font_list()
    for family in SHIPPED_FAMILIES:
        for weight in ("normal", "bold"):
            path = manager.findfont(font_manager.FontProperties(family=family, weight=weight),
                                    fallback_to_default=False)
            assert Path(path).parent == SHIPPED, (family, weight, path)
    # An installed copy of a shipped family stays reachable for the characters the
    # shipped one lacks, under its own name.
    installed = [f for f in manager.ttflist if f.name == INSTALLED.format(EAST_ASIAN)]
    assert all(Path(f.fname).parent != SHIPPED for f in installed)


@pytest.fixture
def fresh_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """matplotlib's font list as its cache file gives it (in tmp_path), for font_list() to
    bring up to date again; the session's list is restored after."""
    fonts.font_list()
    pristine = list(fonts._INSTALLED)
    monkeypatch.setattr(matplotlib, "get_cachedir", lambda: str(tmp_path))

    def start(entries: list[Any]) -> None:
        font_manager.fontManager.ttflist = list(entries)
        fonts._INSTALLED.clear()
        fonts.font_list.cache_clear()

    yield start, pristine
    monkeypatch.undo()
    start(pristine)
    fonts.font_list()
    fonts.fonts_key.cache_clear()


def test_a_font_installed_after_matplotlibs_cache_is_seen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_list: Any) -> None:
    """matplotlib rebuilds its cached font list only for a new matplotlib: reportgen compares
    the list with the files on disk, and writes the cache anew."""
    start, pristine = fresh_list
    new = tmp_path / "NewlyInstalled.ttf"
    with TTFont(SHIPPED / "Caladea-Regular.ttf") as font:
        for record in font["name"].names:
            if record.nameID in (1, 4, 16):
                record.string = "Newly Installed"
        font.save(new)
    system = font_manager.findSystemFonts()
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [*system, str(new)])
    start(pristine)
    assert fonts.installed(["Newly Installed", "Carlito"]) == ["Newly Installed", "Carlito"]
    cached = json.loads(next(tmp_path.glob("fontlist-*.json")).read_text())
    names = {e["name"] for e in cached["ttflist"]}
    # The cache holds the installed fonts as they are, none of reportgen's own entries.
    assert "Newly Installed" in names and not [n for n in names if "(installed)" in n]
    assert not [e for e in cached["ttflist"] if e["fname"].startswith(str(SHIPPED))]


def test_a_cache_written_with_reportgens_entries_is_rebuilt(
        tmp_path: Path, fresh_list: Any) -> None:
    """Never trusted over what it claims to hold: a list of the installed fonts."""
    start, pristine = fresh_list
    import dataclasses

    carlito = next(f for f in fonts.font_list().ttflist if Path(f.fname).parent == SHIPPED)
    start([*pristine, carlito, dataclasses.replace(pristine[0], name="X (installed)")])
    manager = fonts.font_list()
    assert "X (installed)" not in {f.name for f in manager.ttflist}
    assert [f for f in manager.ttflist if Path(f.fname).parent == SHIPPED][0] is \
        manager.ttflist[0]  # the shipped fonts first, each once
    assert len([f for f in manager.ttflist if f.fname == carlito.fname]) == 1
    cached = json.loads(next(tmp_path.glob("fontlist-*.json")).read_text())
    assert not [e for e in cached["ttflist"] if "(installed)" in e["name"]]


def test_the_chart_cache_key_includes_the_fonts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A chart drawn with other fonts (installed, upgraded) is drawn again, not reused."""
    from reportgen.dataset.loading import load_dataset
    from reportgen.report.catalog import load_catalog
    from reportgen.report.charts import chart_specs
    from reportgen.report.formatting import Formatter
    from reportgen.report.views import build_views

    views = build_views(load_dataset(DATA), Formatter(load_catalog(TEMPLATES, "en"), "en"))
    cache = tmp_path / "cache"
    first = chart_pictures.render_charts(chart_specs(views), cache)
    assert len(list(cache.iterdir())) == len(first)
    monkeypatch.setattr(chart_pictures, "fonts_key", lambda families: "another-font-file")
    chart_pictures.render_charts(chart_specs(views), cache)
    assert len(list(cache.iterdir())) == 2 * len(first)


def test_libreoffice_is_given_the_shipped_fonts_first(tmp_path: Path) -> None:
    if shutil.which("fc-match") is None:
        message = "fc-match (fontconfig) is needed to read the fontconfig file"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    conf = fonts.fontconfig_file(tmp_path)
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    for pattern, family in (("Carlito:bold", "Carlito"), ("Calibri", "Carlito"),
                            ("Cambria", "Caladea"), (EAST_ASIAN, EAST_ASIAN)):
        found = subprocess.run(["fc-match", "-f", "%{family}|%{file}", pattern], env=env,
                               capture_output=True, text=True, check=True).stdout
        assert found.split("|")[0].split(",")[0] == family, (pattern, found)
        assert Path(found.split("|")[1]).parent == SHIPPED, (pattern, found)


def _build(out: Path, hidden: bool) -> Path:
    """The default dataset built in a new process, with the installed fonts out of its sight
    or not, and without LibreOffice (whose page numbers would otherwise also be compared)."""
    code = ("import sys; from tests import fresh; fresh.apply(); from reportgen.cli import main; "
            "sys.argv[0] = 'reportgen'; main()")
    env = {**os.environ, **NO_OFFICE, "MPLCONFIGDIR": str(out / "mpl"),
           HIDDEN: "hidden" if hidden else ""}
    result = subprocess.run(
        [sys.executable, "-c", code, "build", "--data", str(DATA), "--templates",
         str(TEMPLATES), "--out", str(out), "--format", "docx,pptx", "--charts", "image",
         "--locale", "all"], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return out / DATA.name


def test_a_machine_without_installed_fonts_builds_the_same_bytes(tmp_path: Path) -> None:
    """Every edition (the Chinese one too): charts drawn and text measured with the shipped
    fonts, so the documents do not depend on what the machine has installed."""
    fresh = _build(tmp_path / "fresh", hidden=True)
    usual = _build(tmp_path / "usual", hidden=False)
    names = sorted(p.name for p in fresh.iterdir() if p.suffix in (".docx", ".pptx"))
    assert len(names) == 6
    for name in names:
        assert (fresh / name).read_bytes() == (usual / name).read_bytes(), name
