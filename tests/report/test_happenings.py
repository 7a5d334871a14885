"""report/happenings.py: an event's title read as who did what, with the shipped catalogs."""
from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.report.catalog import load_catalog
from reportgen.report.happenings import read_title

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize(("title", "who", "where"), [
    # A name holding a word of the shape ("To" Lam): the shape's words in their own case first.
    ("State visit by General Secretary and President To Lam to China",
     "General Secretary and President To Lam", "China"),
    ("Official visit by Premier Li Qiang to Vietnam", "Premier Li Qiang", "Vietnam"),
    # A title in title case is still read, in any case.
    ("State Visit By President Ana Ruiz To Sylvania", "President Ana Ruiz", "Sylvania"),
])
def test_a_visit_title_is_read_as_who_went_where(title: str, who: str, where: str) -> None:
    clause = read_title(load_catalog(TEMPLATES, "en"), title)
    assert clause is not None and (clause.slots["who"], clause.slots["where"]) == (who, where)


def test_a_title_no_shape_reads_is_left_to_the_neutral_frame() -> None:
    assert read_title(load_catalog(TEMPLATES, "en"), "Exporters' gala evening") is None
