"""The briefing's language and fonts per script: w:lang and w:eastAsia, which python-docx does
not expose, set once on the whole document through the XML."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from lxml import etree

from reportgen.docx.notes import FOOTNOTES_TYPE
from reportgen.render.fonts import (
    EAST_ASIAN,
    RIGHT_TO_LEFT,
    alphabets,
    is_east_asian,
    language_tag,
    split_by_script,
    tags_by_script,
)

# What follows w:lang in a w:rPr (CT_RPr is a sequence): a new w:lang goes before these.
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange")


def _parts(doc: DocumentObject) -> list[XmlPart]:
    """Every XML part of the document: styles, body, headers, footers, footnotes."""
    return [p for p in doc.part.package.iter_parts() if isinstance(p, XmlPart)]


def _primary(tag: str) -> str:
    """A tag's language alone: en-GB → en, zh_Hans → zh."""
    return tag.replace("_", "-").split("-")[0].lower()


def _template_language(doc: DocumentObject) -> str | None:
    """The language the template's text is in: its Normal style's, else its defaults'."""
    styles = doc.styles.element
    for path in (f"{qn('w:style')}[@{qn('w:default')}='1']/{qn('w:rPr')}/{qn('w:lang')}",
                 f"{qn('w:docDefaults')}//{qn('w:lang')}"):
        lang = styles.find(path)
        if lang is not None and lang.get(qn("w:val")):
            return str(lang.get(qn("w:val")))
    return None


def written_in(doc: DocumentObject, locale: str) -> bool:
    """Whether the template's language (its Normal style's, else its document defaults') is
    locale's; a template that names none counts as written in any."""
    tag = _template_language(doc)
    return not tag or _primary(tag) == _primary(locale)


def name_scripts(doc: DocumentObject, locale: str) -> None:
    """Tag the document with the edition's language (spell-checkers, screen readers, the PDF's
    /Lang) and, for Han or kana (CJK), name the East Asian font wherever the template names
    only a Latin one for it. A template already in the edition's language is left as it is."""
    tag = language_tag(locale)
    east_asian = is_east_asian(locale)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    if rpr is not None:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang)  # w:lang is the last child of w:rPr that a default carries
        if east_asian:
            # w:val stays the language of the Latin-script text (names, words quoted in the
            # original): tagged as zh, LibreOffice would break it anywhere, mid-word. The PDF's
            # /Lang, which LibreOffice takes from w:val, is set after (pipeline.reproducible).
            lang.set(qn("w:eastAsia"), tag)
        elif _primary(lang.get(qn("w:val")) or "") != _primary(tag):
            lang.set(qn("w:val"), tag)
    if not east_asian:
        # A house's style that sets another language (ru-RU on its Normal style) would tag
        # every paragraph of the briefing with it.
        for lang in doc.styles.element.iter(qn("w:lang")):
            value = lang.get(qn("w:val"))
            if value and _primary(value) != _primary(tag) and lang.getparent() is not rpr:
                lang.set(qn("w:val"), tag)
    if not east_asian:
        return
    for part in _parts(doc):
        for fonts in part._element.iter(qn("w:rFonts")):
            latin = {fonts.get(qn("w:ascii")), fonts.get(qn("w:hAnsi"))}
            if fonts.get(qn("w:eastAsia")) in latin | {None}:
                fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
                fonts.set(qn("w:eastAsia"), EAST_ASIAN)


def tag_other_languages(doc: DocumentObject, languages: list[str], locale: str) -> None:
    """Tag each run written in another script than the edition's with the language of the
    dataset (a source's `language:`, a quote's original) written in that script: a Russian
    title in the sources list and the footnotes is tagged Russian, for spell-checkers, screen
    readers and the accessibility check."""
    tags = tags_by_script(languages, locale)
    if not tags:
        return
    for part in _parts(doc):
        _tag_runs(part._element, tags)
    for part in doc.part.package.iter_parts():
        if part.content_type == FOOTNOTES_TYPE and not hasattr(part, "_element"):
            root = etree.fromstring(part.blob)  # written as a blob by notes.py
            _tag_runs(root, tags)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                        standalone=True)


def _tag_runs(root: etree._Element, tags: dict[str, str]) -> None:
    for run in list(root.iter(qn("w:r"))):
        for piece in split_by_script(run, qn("w:t"), tags, preserve=True):
            _tag_run(piece, tags)


def _tag_run(run: etree._Element, tags: dict[str, str]) -> None:
    text = "".join(t.text or "" for t in run.iter(qn("w:t")))
    scripts = [s for s in sorted(alphabets(text)) if s in tags]
    if not scripts:
        return
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = run.makeelement(qn("w:rPr"), {})
        run.insert(0, rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        after = next((c for c in rpr if c.tag in {qn(n) for n in _AFTER_LANG}), None)
        if after is not None:
            after.addprevious(lang)
        else:
            rpr.append(lang)
    for script in scripts:
        lang.set(qn("w:bidi" if script in RIGHT_TO_LEFT else "w:val"), tags[script])
