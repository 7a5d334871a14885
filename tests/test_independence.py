"""Nothing in src/ is tied to the default dataset: no country, place or figure is named there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT

SOURCES = sorted((ROOT / "src" / "reportgen").rglob("*.py"))
FORBIDDEN = ["China", "Chinese", "Azerbaijan", "Baku", "Beijing", "Aliyev", "Xi Jinping",
             "Lu Mei", "2025", "2.44", "21.9", "351", "57,000", "57000", "1,570", "1570"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_source_names_no_country_or_figure(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = [word for word in FORBIDDEN if re.search(rf"(?<![\w.]){re.escape(word)}(?![\w])",
                                                     text)]
    assert not found, f"{path.name} names {found}"


def test_the_scan_covers_the_package() -> None:
    assert len(SOURCES) >= 10
