"""The sources list and the footnotes' names for sources: URL and date where the dataset gives
them, and two articles of one outlet told apart."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from reportgen.dataset.loading import load_dataset
from reportgen.report.assemble import _source_entry, footnotes
from reportgen.report.catalog import load_catalog
from reportgen.report.formatting import Formatter
from reportgen.report.views import Views, build_views

from ..conftest import DATA, FIXTURES, TEMPLATES

KZ = FIXTURES / "kazakhstan-uzbekistan-2025"


def _views(data: Path, locale: str = "en") -> Views:
    return build_views(load_dataset(data), Formatter(load_catalog(TEMPLATES, locale), locale))


def test_the_sources_list_gives_the_url_and_date_where_known() -> None:
    views = _views(KZ)
    entry = _source_entry(next(s for s in views.sources if s.id == "qazinform_khiva"), views)
    assert "Published 20 March 2025." in entry
    assert entry.endswith("Online at https://qazinform.com/news/kazakhstan-and-uzbekistan-hold-"
                          "inaugural-meeting-of-council-of-foreign-ministers-in-khiva-6cc923")
    undated = _views(DATA)
    assert all(_source_entry(s, undated).endswith("Publication date not given.")
               for s in undated.sources)
    chinese = _views(KZ, "zh")
    assert "发布日期：2025年3月20日。" in _source_entry(chinese.sources[1], chinese)


def _untitled(tmp_path: Path, dated: bool) -> Path:
    data = Path(shutil.copytree(KZ, tmp_path / "kz"))
    sources = yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))
    for source in sources["sources"]:
        source.pop("title", None)
        if not dated:
            source.pop("date", None)
    (data / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True),
                                       encoding="utf-8")
    return data


def test_two_untitled_articles_of_one_outlet_are_told_apart(tmp_path: Path) -> None:
    """By date where they differ, else by their number in the sources list; never "Qazinform
    News Agency and Qazinform News Agency"."""
    for dated, expected in ((True, ["Qazinform News Agency, 20 March 2025",
                                    "Qazinform News Agency, 8 December 2025"]),
                            (False, ["Qazinform News Agency (source 2)",
                                     "Qazinform News Agency (source 3)"])):
        views = _views(_untitled(tmp_path / str(dated), dated))
        notes = footnotes(views)
        both = [n for n in notes.values() if "Qazinform" in n]
        assert both, notes
        text = " ".join(notes.values())
        assert all(name in text for name in expected), both
        assert "Qazinform News Agency and Qazinform News Agency" not in text
        assert "Trend News Agency (via MENAFN) (source" not in text  # one article: its name
