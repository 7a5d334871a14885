"""The English, Azerbaijani and Chinese editions of the default dataset, as readers get them:
rendered by LibreOffice, every character a real glyph, figures in each language's format."""

from __future__ import annotations

import re
import subprocess
import unicodedata
import warnings
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from reportgen.errors import OutputError
from reportgen.pipeline.build import BuildOptions, output_paths, staleness
from reportgen.pipeline.plan import editions
from reportgen.render.chart_figure import FONTS, draw_figure
from reportgen.render.fonts import EAST_ASIAN, require_glyphs
from reportgen.report.catalog import load_catalog
from reportgen.report.charts import chart_specs
from reportgen.report.formatting import Formatter

from .conftest import DATA, TEMPLATES, Built, pdf_pages
from .docx.test_writer import _entries

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def normalise(text: str) -> str:
    """Ligatures folded, spaces collapsed, and none beside Chinese (pdftotext writes
    "2025 年 4 月" for "2025年4月")."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    return "".join(c for i, c in enumerate(text) if c != " " or not (
        unicodedata.east_asian_width(text[i - 1]) in "WF"
        or unicodedata.east_asian_width(text[i + 1]) in "WF"))


def _text(built: Built, suffix: str) -> str:
    """The rendered document's text, compared as the layout pass does (no spaces that pdftotext
    puts beside Chinese)."""
    return normalise(" ".join(pdf_pages(built.pdf_of(suffix))))


def test_each_edition_has_its_own_names_and_manifest(edition_builds: dict[str, Built]) -> None:
    names = {path.name for path in edition_builds["en"].folder.iterdir()}
    for mark in (".az", ".zh"):
        assert {f"{DATA.name}-briefing{mark}.docx", f"{DATA.name}-deck{mark}.pptx",
                f"manifest{mark}.json"} <= names
    assert {f"{DATA.name}-briefing.docx", "manifest.json"} <= names
    # each edition is up to date on its own, and --check would say so
    out = edition_builds["en"].folder.parent
    formats = ("docx", "pptx", "pdf") if edition_builds["en"].pdf else ("docx", "pptx")
    for options in editions(BuildOptions(data=DATA, templates=TEMPLATES, out=out,
                                         formats=formats), "all"):
        assert staleness(options).up_to_date, options.locale


def test_the_chinese_pdf_embeds_a_cjk_font_and_holds_the_chinese_narrative(
        edition_builds: dict[str, Built]) -> None:
    built = edition_builds["zh"]
    fonts = subprocess.run(["pdffonts", str(built.pdf_of(".docx"))], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    cjk = [line for line in fonts if "CJK" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk), fonts  # embedded
    text = _text(built, ".docx")
    # the catalog's sentences and headings, with the dataset's figures in them
    for words in ("本简报回顾2025年", "经济与贸易", "举行会谈", "主要数据", "资料来源",
                  "亿美元", "图1:", "表1:年度主要数据"):
        assert words in text, words
    assert " took place " not in text and "Looking ahead" not in text  # no English pattern


def test_the_azerbaijani_edition_shows_azerbaijani_figures_and_labels(
        edition_builds: dict[str, Built]) -> None:
    text = _text(edition_builds["az"], ".docx")
    assert re.search(r"\b\d+,\d+ milyard ABŞ dolları", text)  # the decimal comma
    assert re.search(r"\b\d+,\d+%", text)
    for words in ("Əsas göstəricilər", "Mündəricat", "Mənbələr", "İqtisadiyyat və ticarət",
                  "Hadisələrin xronologiyası", "yanvar–oktyabr 2025"):
        assert words in text, words
    deck = _text(edition_builds["az"], ".pptx")
    assert "Əsas göstəricilər" in deck and re.search(r"\d+,\d+ milyard", deck)


@pytest.mark.parametrize("locale", ["en", "az", "zh"])
@pytest.mark.parametrize("suffix", [".docx", ".pptx"])
def test_no_page_shows_a_replacement_character_or_an_empty_glyph(
        edition_builds: dict[str, Built], locale: str, suffix: str) -> None:
    """U+FFFD where a character was lost; a glyph with no Unicode (the .notdef box) comes out
    of pdftotext as nothing, so every character of the document must come back out of the PDF."""
    built = edition_builds[locale]
    text = _text(built, suffix)
    assert "\ufffd" not in text
    source = normalise(" ".join(_document_text(built.docx if suffix == ".docx" else built.pptx)))
    lost = {c for c in source if not c.isspace()} - set(text)
    assert not lost, sorted(lost)


def _document_text(path: Path) -> list[str]:
    """The text of every run of the body (briefing) or slides (deck)."""
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if re.fullmatch(
            r"word/document\.xml|ppt/slides/slide\d+\.xml", n)]
        roots = [etree.fromstring(z.read(n)) for n in names]
    return [t.text or "" for root in roots for t in root.iter(f"{W}t", f"{A}t")]


def test_charts_in_chinese_draw_every_character(default_build: Built) -> None:
    """matplotlib takes the Chinese from the East Asian font of the fallback list: no
    missing-glyph warning (pytest would turn it into an error anyway)."""
    import matplotlib.pyplot as plt

    from reportgen.pipeline.build import prepare

    views = prepare(DATA, TEMPLATES, locale="zh").views
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for spec in chart_specs(views):
            plt.close(draw_figure(spec))
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert any("年" in spec.title or "年" in str(spec) for spec in chart_specs(views))


def test_a_character_no_installed_font_has_is_an_error_naming_what_to_install() -> None:
    with pytest.raises(OutputError) as caught:
        require_glyphs(["Linear A: \U00010600"], FONTS, "chart 'x'")
    message = str(caught.value)
    assert "chart 'x': no font (Carlito, " in message
    assert "'\U00010600' (U+10600 LINEAR A SIGN AB001)" in message
    assert "fonts-noto-core" in message


def test_the_editions_are_tagged_with_their_language_and_name_the_east_asian_font(
        edition_builds: dict[str, Built]) -> None:
    def styles(built: Built) -> etree._Element:
        with zipfile.ZipFile(built.docx) as z:
            return etree.fromstring(z.read("word/styles.xml"))

    zh = styles(edition_builds["zh"]).find(f".//{W}rPrDefault/{W}rPr")
    assert zh.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"
    assert zh.find(f"{W}rFonts").get(f"{W}eastAsia") == EAST_ASIAN
    az = styles(edition_builds["az"]).find(f".//{W}rPrDefault/{W}rPr")
    assert az.find(f"{W}lang").get(f"{W}val") == "az-AZ"
    with zipfile.ZipFile(edition_builds["zh"].pptx) as z:
        slide = etree.fromstring(z.read("ppt/slides/slide1.xml"))
        theme = etree.fromstring(z.read("ppt/theme/theme1.xml"))
    assert {r.get("lang") for r in slide.iter(f"{A}rPr")} == {"zh-CN"}
    assert theme.find(f".//{A}minorFont/{A}ea").get("typeface") == EAST_ASIAN
    if edition_builds["zh"].pdf:
        # (as LibreOffice writes it, or qpdf, which the charts' alt text goes through)
        assert re.search(rb"/Lang\s*\(zh-CN\)", edition_builds["zh"].pdf.read_bytes())
        assert re.search(rb"/Lang\s*\(az-AZ\)", edition_builds["az"].pdf_of(".docx").read_bytes())


@pytest.mark.parametrize("locale", ["az", "zh"])
def test_contents_give_the_page_each_heading_lands_on(edition_builds: dict[str, Built],
                                                      locale: str) -> None:
    built = edition_builds[locale]
    pages = [[normalise(line) for line in page.splitlines() if line.strip()]
             for page in pdf_pages(built.pdf_of(".docx"))]
    entries = _entries(built.docx, ("TOC1", "TOC2", "TableofFigures"))
    assert len(entries) > 10
    for _, text, _, number in entries:
        target, page = normalise(text), pages[number - 1]
        joined = [normalise(" ".join(page[i:i + n])) for i in range(len(page)) for n in (1, 2, 3)]
        assert target in joined, (text, number)


def test_output_names_keep_the_default_for_the_dataset_language() -> None:
    assert output_paths("x", Path("out"))["docx"] == Path("out/x/x-briefing.docx")
    assert output_paths("x", Path("out"), "zh")["pptx"] == Path("out/x/x-deck.zh.pptx")
    catalog = load_catalog(TEMPLATES, "zh")
    assert Formatter(catalog, "zh").t("section.economy") == "经济与贸易"
