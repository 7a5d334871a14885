"""Dataset text per language: translations/<locale>.yaml checked, applied, told on the cover."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from reportgen.dataset.loading import load_dataset
from reportgen.dataset.models import Dataset
from reportgen.dataset.translations import dataset_locales
from reportgen.errors import DataError, Problem
from reportgen.pipeline.build import BuildOptions, build, output_paths
from reportgen.report.structure import load_structure

from ..conftest import DATA, FIXTURES, TEMPLATES, Built
from ..test_cli import run

AREAS = load_structure(TEMPLATES).areas
LOCALES = ("az", "zh")
KZ_UZ = FIXTURES / "kazakhstan-uzbekistan-2025"


def _translation(folder: Path, locale: str) -> dict[str, Any]:
    data = yaml.safe_load((folder / "translations" / f"{locale}.yaml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def editions() -> dict[str, tuple[Dataset, list[Problem]]]:
    """The default dataset loaded once in English and in each of its translations."""
    loaded = {}
    for locale in (None, *LOCALES):
        warnings: list[Problem] = []
        loaded[locale or "en"] = (load_dataset(DATA, AREAS, warnings=warnings, locale=locale),
                                  warnings)
    return loaded


@pytest.mark.parametrize("locale", LOCALES)
def test_loading_in_a_locale_gives_its_text(editions: dict[str, Any], locale: str) -> None:
    ds, _ = editions[locale]
    given = _translation(DATA, locale)
    assert ds.briefing.language == locale
    assert ds.briefing.title == given["briefing.yaml"]["title"]
    assert [c.long_name for c in ds.briefing.countries] == [
        given["briefing.yaml"]["countries"][c]["long_name"] for c in ("cn", "az")]
    assert ds.entity("ilham_aliyev").name == given["entities.yaml"]["ilham_aliyev"]["name"]
    state_visit = next(e for e in ds.events if e.id == "state_visit")
    assert state_visit.outcomes == given["events.yaml"]["state_visit"]["outcomes"]
    facts = {f.id: f.text for f in ds.facts}
    assert facts["highest_level"] == given["facts.yaml"]["highest_level"]["text"]
    assert "[en:" not in ds.model_dump_json()
    shown = ds.model_dump_json(include={"briefing", "people", "facts", "events"})
    if locale == "az":
        assert set("əğışçöüƏİŞ") <= set(shown)
        assert ds.briefing.countries[1].long_name == "Azərbaycan Respublikası"
        assert ds.entity("xi_jinping").name == "Si Cinpin"
    else:
        assert ds.briefing.countries[1].long_name == "阿塞拜疆共和国"
        assert ds.entity("sco").name == "上海合作组织"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_text_of_the_default_dataset_is_translated_and_marked_unreviewed(
        editions: dict[str, Any], locale: str) -> None:
    ds, warnings = editions[locale]
    assert warnings == []  # the product's own check finds no missing translation
    assert ds.edition is not None and ds.edition.untranslated == ()
    # Every text field is there, and none is reviewed yet.
    everything = load_dataset(DATA, AREAS, warnings=[], locale="xx").edition
    assert everything is not None and len(everything.untranslated) > 150
    assert sorted(ds.edition.unreviewed) == sorted(everything.untranslated)
    # Never a figure changed.
    english, _ = editions["en"]
    assert [(m.value, m.unit, m.period, m.change) for m in ds.metrics] == [
        (m.value, m.unit, m.period, m.change) for m in english.metrics]


def test_the_dataset_language_loads_as_before(editions: dict[str, Any]) -> None:
    english, warnings = editions["en"]
    assert english.edition is None and warnings == []
    assert load_dataset(DATA, AREAS, locale="en") == english
    assert dataset_locales(DATA, "en") == ["en", "az", "zh"]


def test_a_fixture_translates_as_well() -> None:
    warnings: list[Problem] = []
    ds = load_dataset(KZ_UZ, AREAS, warnings=warnings, locale="az")
    assert warnings == []
    assert ds.edition is not None and ds.edition.untranslated == ()
    assert ds.briefing.countries[0].long_name == "Qazaxıstan Respublikası"


# --- problems, on a copy of the minimal fixture translated into French ----------------------------

def _minimal(tmp_path: Path, translation: str) -> Path:
    folder = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", folder)
    (folder / "translations").mkdir()
    (folder / "translations" / "fr.yaml").write_text(translation, encoding="utf-8")
    return folder


PARTIAL = """\
reviewed: false
metrics.yaml:
  bilateral_trade:
    label: Commerce bilatéral de marchandises
"""


def test_a_missing_translation_warns_with_field_and_locale(tmp_path: Path) -> None:
    folder = _minimal(tmp_path, PARTIAL)
    warnings: list[Problem] = []
    ds = load_dataset(folder, AREAS, warnings=warnings, locale="fr")
    shown = [str(w) for w in warnings]
    assert all(w.warning for w in warnings)
    assert ds.edition is not None and len(warnings) == len(ds.edition.untranslated)
    where = str(folder / "metrics.yaml")
    missing = next(s for s in shown if "metrics[0].short_label" in s)
    assert missing.split(": ", 1)[1] == (
        "metrics[0].short_label: warning: no French (fr) translation (add it to "
        f"{folder / 'translations' / 'fr.yaml'} at metrics.yaml › bilateral_trade › "
        "short_label; until then the fr edition shows the original, marked [en: …])")
    assert missing.startswith(f"{where}:5:")
    assert not any("metrics[0].label:" in s for s in shown)
    # What the edition shows meanwhile: the translation, and the original marked.
    metric = next(m for m in ds.metrics if m.id == "bilateral_trade")
    assert metric.label == "Commerce bilatéral de marchandises"
    assert metric.short_label == "[en: Bilateral trade]"
    assert "metrics.yaml bilateral_trade.label" in ds.edition.unreviewed
    with pytest.raises(DataError) as strict:
        load_dataset(folder, AREAS, strict=True, locale="fr")
    assert any("metrics[0].short_label: no French (fr) translation" in str(p)
               for p in strict.value.problems)


def test_no_translation_file_is_one_warning(tmp_path: Path) -> None:
    warnings: list[Problem] = []
    ds = load_dataset(FIXTURES / "minimal", AREAS, warnings=warnings, locale="fr")
    assert len(warnings) == 1 and warnings[0].warning
    assert "no French (fr) translation of the dataset's text" in str(warnings[0])
    assert ds.edition is not None and ds.briefing.title.startswith("[en: ")


@pytest.mark.parametrize(("translation", "expected"), [
    ("metrics.yaml:\n  bilateral_trad:\n    label: Commerce\n",
     "fr.yaml:2:3: metrics.yaml.bilateral_trad: metrics.yaml has no item 'bilateral_trad' "
     "(did you mean 'bilateral_trade'?)"),
    ("metrics.yaml:\n  bilateral_trade:\n    lable: Commerce\n",
     "fr.yaml:3:5: metrics.yaml.bilateral_trade.lable: 'lable' is no text field of Metric "
     "(did you mean 'label'?)"),
    ("metrics.yaml:\n  bilateral_trade:\n    label: [Commerce]\n",
     "fr.yaml:3:5: metrics.yaml.bilateral_trade.label: expected text, got ['Commerce'] "
     "(write the translation as text)"),
    ("events.yaml:\n  royal_visit:\n    outcomes: [la signature, et encore]\n",
     "fr.yaml:3:5: events.yaml.royal_visit.outcomes: expected a list of 1 texts, one per item "
     "of the original, in its order (translate each item; keep their number)"),
    ("events.yaml:\n  royal_visit:\n    outcomes: [la signature de l'accord]\n",
     "fr.yaml:3:16: events.yaml.royal_visit.outcomes[0]: the translation's {references} differ "
     "from the original's: the original has {duck_accord}, the translation none (keep every "
     "{reference} of the original, as often, and add none)"),
    ("events.yaml:\n  royal_visit:\n    outcomes: ['la signature du {duck_acord}']\n",
     "the original has {duck_accord}, the translation {duck_acord}"),
    ("facts.yaml:\n  warm_ties:\n    text: Les relations, en 2031, étaient chaleureuses.\n",
     "fr.yaml:3:5: facts.yaml.warm_ties.text: prose may not contain digits"),
    ("briefing.yaml:\n  countries:\n    fx: {name: Freedonie}\n",
     "fr.yaml:3:5: briefing.yaml.countries.fx: no item 'fx' here (known: fr, sy)"),
    ("metric.yaml: {}\n", "fr.yaml:1:1: metric.yaml: unknown key 'metric.yaml' "
     "(did you mean 'metrics.yaml'?)"),
    ("reviewed: yes please\n", "fr.yaml:1:1: reviewed: expected true or false, got 'yes please'"),
])
def test_a_bad_translation_is_a_located_error(tmp_path: Path, translation: str,
                                              expected: str) -> None:
    folder = _minimal(tmp_path, translation)
    with pytest.raises(DataError) as caught:
        load_dataset(folder, AREAS, warnings=[], locale="fr")
    errors = [str(p) for p in caught.value.problems if not p.warning]
    assert len(errors) == 1 and expected in errors[0], errors


def test_reviewed_per_file_and_per_item(tmp_path: Path) -> None:
    folder = _minimal(tmp_path, """\
reviewed: true
metrics.yaml:
  bilateral_trade: {label: Commerce bilatéral, short_label: Commerce}
  cheese_exports:
    reviewed: false
    label: Exportations freedoniennes de fromage vers la Sylvanie
""")
    ds = load_dataset(folder, AREAS, warnings=[], locale="fr")
    assert ds.edition is not None
    assert ds.edition.unreviewed == ("metrics.yaml cheese_exports.label",)


def test_a_quote_in_its_original_language_needs_no_translation(tmp_path: Path) -> None:
    folder = _minimal(tmp_path, "facts.yaml:\n  warm_ties:\n    text: Chaleureuses.\n")
    facts = yaml.safe_load((folder / "facts.yaml").read_text("utf-8"))
    facts["facts"].append({"id": "envoy_quote", "area": "politics", "kind": "quote",
                           "speaker": "rufus_firefly", "text": "We signed the {duck_accord}.",
                           "original": {"language": "fr",
                                        "text": "Nous avons signé le {duck_accord}."},
                           "sources": ["gazette"]})
    (folder / "facts.yaml").write_text(yaml.safe_dump(facts, allow_unicode=True), "utf-8")
    ds = load_dataset(folder, AREAS, warnings=[], locale="fr")
    quote = next(f for f in ds.facts if f.id == "envoy_quote")
    assert quote.text == "Nous avons signé le {duck_accord}."
    assert ds.edition is not None
    assert not any("envoy_quote" in f for f in ds.edition.unreviewed + ds.edition.untranslated)
    assert next(f for f in load_dataset(folder, AREAS).facts
                if f.id == "envoy_quote").text == "We signed the {duck_accord}."
    # Translating the speaker's own words is an error, and so is an original of other words.
    (folder / "translations" / "fr.yaml").write_text(
        "facts.yaml:\n  envoy_quote:\n    text: Nous avons signé le {duck_accord}.\n", "utf-8")
    with pytest.raises(DataError, match="this quote has its French original in facts.yaml"):
        load_dataset(folder, AREAS, locale="fr")
    facts["facts"][-1]["original"]["text"] = "Nous avons signé."
    (folder / "facts.yaml").write_text(yaml.safe_dump(facts, allow_unicode=True), "utf-8")
    with pytest.raises(DataError, match=r"the original's \{references\} differ"):
        load_dataset(folder, AREAS)


def test_validate_locale_lists_the_warnings_and_strict_fails(tmp_path: Path) -> None:
    folder = _minimal(tmp_path, PARTIAL)
    shown = run("validate", str(folder), "--locale", "fr", "--templates", str(TEMPLATES))
    assert shown.returncode == 0, shown.stderr
    assert "metrics[0].short_label: warning: no French (fr) translation" in shown.stderr
    assert "text in fr:" in shown.stdout
    strict = run("validate", str(folder), "--locale", "fr", "--strict",
                 "--templates", str(TEMPLATES))
    assert strict.returncode == 1
    assert "metrics[0].short_label: no French (fr) translation" in strict.stderr


# --- the edition as the documents show it --------------------------------------------------------

def test_an_unreviewed_edition_says_so_on_its_cover(tmp_path: Path) -> None:
    from reportgen.docx.writer import write_docx
    from reportgen.pipeline.build import gather

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    # A wording catalog for the edition: the English one suffices to test the dataset's text.
    (templates / "locale" / "fr.po").write_text(
        (TEMPLATES / "locale" / "en.po").read_text("utf-8").replace(
            '"Language: en\\n"', '"Language: fr\\n"'), "utf-8")
    folder = _minimal(tmp_path, PARTIAL)
    options = BuildOptions(data=folder, templates=templates, out=tmp_path / "out",
                           locale="fr", cache=tmp_path / "cache")
    report = gather(options).report
    assert report.unreviewed and report.untranslated
    assert report.cover.notice.startswith("Incomplete translation: text not yet translated is "
                                          "shown in the original, marked [en: …].")
    assert "Unreviewed translation" in report.cover.notice
    assert report.cover.subtitle == f"[en: Annual briefing (test fixture)] ({report.cover.notice})"
    buf = io.BytesIO()
    write_docx(report, templates / "briefing.docx", load_structure(templates).table_style, buf)
    document = docx.Document(io.BytesIO(buf.getvalue()))
    cover = "\n".join(p.text for p in document.paragraphs[:12])
    assert "Unreviewed translation: the dataset's text in this edition has not been" in cover
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Commerce bilatéral de marchandises" in cells


def test_the_english_build_ignores_the_translations(default_build: Built,
                                                    tmp_path: Path) -> None:
    """The translations change no byte of the dataset's own edition."""
    bare = tmp_path / DATA.name
    shutil.copytree(DATA, bare, ignore=shutil.ignore_patterns("translations"))
    build(BuildOptions(data=bare, templates=TEMPLATES, out=tmp_path / "out"))
    paths = output_paths(DATA.name, tmp_path / "out")
    for kind, built in (("docx", default_build.docx), ("pptx", default_build.pptx)):
        assert hashlib.sha256(paths[kind].read_bytes()).hexdigest() == \
            hashlib.sha256(built.read_bytes()).hexdigest(), kind
