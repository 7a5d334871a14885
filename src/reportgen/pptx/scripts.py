"""The deck's language and fonts per script: a:lang on every run and a:ea beside every a:latin,
which python-pptx does not expose, set once on the whole deck through the XML."""

from __future__ import annotations

from lxml import etree
from pptx.opc.package import Part, XmlPart
from pptx.oxml.ns import qn
from pptx.presentation import Presentation

from reportgen.render.fonts import (
    EAST_ASIAN,
    alphabets,
    is_east_asian,
    language_tag,
    split_by_script,
    tags_by_script,
)

# Run properties that carry a language and fonts: of a run, a paragraph's end, a default.
_RUN_PROPERTIES = ("a:rPr", "a:endParaRPr", "a:defRPr")


def _parts(prs: Presentation) -> list[XmlPart]:
    """Every XML part of the deck: presentation, masters, layouts, slides, notes, charts."""
    return [p for p in prs.part.package.iter_parts() if isinstance(p, XmlPart)]


def name_scripts(prs: Presentation, locale: str) -> None:
    """Tag every run with the edition's language and, for Han or kana (CJK), name the East
    Asian font in the theme and beside every Latin font a run names. A deck whose runs are
    already in the edition's language is left as it is."""
    tag = language_tag(locale)
    east_asian = is_east_asian(locale)
    default = next(prs.part._element.iter(qn("a:defRPr")), None)
    if default is not None and (default.get("lang") or "").split("-")[0] == tag.split("-")[0]:
        return  # the template's own language: its runs say so already
    for part in _parts(prs):
        for name in _RUN_PROPERTIES:
            for rpr in part._element.iter(qn(name)):
                if (rpr.get("lang") or "").split("-")[0] != tag.split("-")[0]:
                    rpr.set("lang", tag)
                if east_asian:
                    latin = rpr.find(qn("a:latin"))
                    if latin is not None and rpr.find(qn("a:ea")) is None:
                        latin.addnext(latin.makeelement(qn("a:ea"), {"typeface": EAST_ASIAN}))
    if east_asian:
        for master in prs.slide_masters:
            theme = master.part.part_related_by(
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
            _name_east_asian_font(theme)


def _name_east_asian_font(theme: Part) -> None:
    """The theme's major and minor East Asian font, where the template leaves it empty."""
    root = etree.fromstring(theme.blob)
    for ea in root.iter(qn("a:ea")):
        if not ea.get("typeface"):
            ea.set("typeface", EAST_ASIAN)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def tag_other_languages(prs: Presentation, languages: list[str], locale: str) -> None:
    """Tag each run written in another script than the edition's with the language of the
    dataset (a source's `language:`, a quote's original) written in that script."""
    tags = tags_by_script(languages, locale)
    if not tags:
        return
    for part in _parts(prs):
        for whole in list(part._element.iter(qn("a:r"))):
            for run in split_by_script(whole, qn("a:t"), tags):
                text = "".join(t.text or "" for t in run.iter(qn("a:t")))
                found = [tags[s] for s in sorted(alphabets(text)) if s in tags]
                if found:
                    rpr = run.find(qn("a:rPr"))
                    if rpr is None:
                        rpr = run.makeelement(qn("a:rPr"), {})
                        run.insert(0, rpr)
                    rpr.set("lang", found[0])
