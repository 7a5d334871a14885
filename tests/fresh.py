"""A fresh machine's view of fonts: matplotlib sees its own fonts and reportgen's shipped ones,
none installed (REPORTGEN_SYSTEM_FONTS=hidden, set by tools/fresh_machine.sh and by tests that
compare a picture drawn so with one drawn with every installed font)."""

from __future__ import annotations

import os
from pathlib import Path

HIDDEN = "REPORTGEN_SYSTEM_FONTS"


def hide_system_fonts() -> None:
    """Make matplotlib's font list that of a machine with no fonts installed."""
    from matplotlib import font_manager

    own = str(Path(font_manager.__file__).parent / "mpl-data")
    font_manager.findSystemFonts = lambda *args, **kwargs: []  # type: ignore[assignment]
    manager = font_manager.fontManager
    manager.ttflist = [f for f in manager.ttflist if f.fname.startswith(own)]
    manager._findfont_cached.cache_clear()  # type: ignore[attr-defined]


def apply() -> None:
    if os.environ.get(HIDDEN) == "hidden":
        hide_system_fonts()
