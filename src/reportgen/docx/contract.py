"""The Word template contract, in one place for the writer, `reportgen check` and `adopt`: the
roles the briefing writes in and the house style that plays each one (found by Word's built-in
identity in any language, or named in report.yaml's `word:`), the tags and fields it must show,
the cover and nothing after it, and the page's text width."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.shared import Emu, Twips
from docx.styles.style import BaseStyle
from lxml import etree

from reportgen.docx.tags import TAGS, Tag, scan
from reportgen.errors import Problem, TemplateError, relpath


@dataclass(frozen=True)
class Role:
    """A part of the briefing written in one style: its key in report.yaml's `word:`, the kind
    of style, Word's own name and id for its built-in style, and that style's name as
    localised Word and LibreOffice versions write it."""

    key: str
    kind: str  # paragraph, character
    name: str  # the built-in style's name, as the shipped template names it
    style_id: str
    localised: tuple[str, ...] = ()
    outline: int | None = None  # a heading's outline level (0 for Heading 1)


def _heading(level: int) -> Role:
    words = ("Überschrift", "Nadpis", "Заголовок", "Overskrift", "Rubrik", "Titre", "Titolo",
             "Título", "Kop", "Nagłówek", "Otsikko", "Címsor", "Başlık", "Cabeçalho", "Heading")
    return Role(f"heading{level}", "paragraph", f"Heading {level}", f"Heading{level}",
                tuple(f"{word} {level}" for word in words), outline=level - 1)


ROLES: tuple[Role, ...] = (
    Role("title", "paragraph", "Title", "Title",
         ("Titel", "Název", "Заголовок", "Tittel", "Titre", "Titolo", "Título", "Tytuł")),
    Role("subtitle", "paragraph", "Subtitle", "Subtitle",
         ("Untertitel", "Podtitul", "Подзаголовок", "Undertittel", "Sous-titre", "Sottotitolo",
          "Subtítulo", "Podtytuł", "Ondertitel")),
    _heading(1), _heading(2),
    Role("body", "paragraph", "Body Text", "BodyText",
         ("Textkörper", "Základní text", "Основной текст", "Brødtekst", "Corps de texte",
          "Corpo testo", "Texto independiente", "Corpo de texto", "Tekst podstawowy",
          "Plattetekst", "Text body")),
    Role("caption", "paragraph", "Caption", "Caption",
         ("Beschriftung", "Titulek", "Название объекта", "Bildetekst", "Légende", "Didascalia",
          "Descripción", "Legenda", "Bijschrift", "Beskrivning")),
    Role("bullet", "paragraph", "List Bullet", "ListBullet",
         ("Aufzählungszeichen", "Seznam s odrážkami", "Маркированный список", "Punktmerket liste",
          "Liste à puces", "Puntato", "Listado con viñetas", "Commando", "Lista punktowana")),
    Role("quote", "paragraph", "Quote", "Quote",
         ("Zitat", "Citace", "Цитата", "Sitat", "Citation", "Citazione", "Cita", "Citação",
          "Cytat", "Citaat", "Quotations")),
    Role("footnote_text", "paragraph", "Footnote Text", "FootnoteText",
         ("Funotentext", "Text poznámky pod čarou", "Текст сноски", "Fotnotetekst",
          "Note de bas de page", "Testo nota a piè di pagina", "Texto nota pie", "Footnote")),
    Role("footnote_reference", "character", "Footnote Reference", "FootnoteReference",
         ("Funotenzeichen", "Znak poznámky pod čarou", "Знак сноски", "Fotnotereferanse",
          "Appel note de bas de p.", "Rimando nota a piè di pagina", "Footnote anchor",
          "Footnote Symbol")),
    Role("contents_heading", "paragraph", "TOC Heading", "TOCHeading",
         ("Inhaltsverzeichnisüberschrift", "Nadpis obsahu", "Заголовок оглавления",
          "Overskrift for innholdsfortegnelse", "En-tête de table des matières",
          "Contents Heading")),
    Role("contents1", "paragraph", "TOC 1", "TOC1",
         ("Verzeichnis 1", "Obsah 1", "Оглавление 1", "Innholdsfortegnelse 1", "TM 1",
          "Sommario 1", "TDC 1", "Sumário 1", "Spis treści 1", "Inhopg 1", "Contents 1")),
    Role("contents2", "paragraph", "TOC 2", "TOC2",
         ("Verzeichnis 2", "Obsah 2", "Оглавление 2", "Innholdsfortegnelse 2", "TM 2",
          "Sommario 2", "TDC 2", "Sumário 2", "Spis treści 2", "Inhopg 2", "Contents 2")),
    Role("figures_list", "paragraph", "Table of Figures", "TableofFigures",
         ("Abbildungsverzeichnis", "Seznam obrázků", "Список иллюстраций", "Figurliste",
          "Table des illustrations", "Indice delle figure", "Tabla de ilustraciones",
          "Índice de ilustrações", "Spis ilustracji", "Lijst van afbeeldingen", "Figure Index 1",
          "Illustration Index 1")),
)  # fmt: skip
ROLE_KEYS = {role.key: role for role in ROLES}
PURPOSES = {"title": "cover's title", "subtitle": "cover's subtitle",
            "heading1": "section headings", "heading2": "subheadings", "body": "body text",
            "caption": "captions", "bullet": "bullet lists", "quote": "quotations",
            "footnote_text": "footnotes", "footnote_reference": "footnote marks",
            "contents_heading": "titles of the contents and lists",
            "contents1": "contents lines of sections", "contents2": "contents lines of "
            "subheadings", "figures_list": "lines of the lists of figures and tables"}
# The shipped template's names: what the writer asked for before roles had keys.
BY_NAME = {role.name: role for role in ROLES}

# What the template must show on the cover, and on every later page (running header or footer).
COVER_MUST_SHOW = ("title", "marking")
PAGES_MUST_SHOW = ("title", "marking")
PAGE_FIELDS = {"PAGE": "Page", "NUMPAGES": "NumPages"}  # field: its name in Word's field list
BRIEFING_NAMES = ("briefing.docx", "briefing.dotx", "briefing.docm", "briefing.dotm")
ADOPT_HINT = "reportgen adopt YOUR-TEMPLATE --into THIS-FOLDER maps and prepares it"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Word templates and macro-enabled files hold the same WordprocessingML under another type.
_OTHER_MAIN = ("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
               "application/vnd.ms-word.document.macroEnabled.main+xml",
               "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")


def briefing_path(folder: Path) -> Path:
    """The Word template of a templates folder: briefing.docx, or a Word template (.dotx,
    .dotm) or macro-enabled file kept under that name; briefing.docx where there is none."""
    return next((folder / name for name in BRIEFING_NAMES if (folder / name).is_file()),
                folder / BRIEFING_NAMES[0])


def missing_template(path: Path) -> TemplateError:
    return TemplateError([Problem(relpath(path), 0, 0, "", "the Word template is missing",
                                  f"put the house's Word template there; {ADOPT_HINT}")])


def as_document(data: bytes) -> bytes:
    """A Word package as a plain document: a template's main part retyped as a document's, so
    that python-docx opens it. Macros never reach here: package.read_template removes them."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        types = archive.read("[Content_Types].xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, OSError, EOFError):
        return data  # not a package: the opener says so, located
    if not any(t in types for t in _OTHER_MAIN):
        return data
    for kind in _OTHER_MAIN:
        types = types.replace(kind, _DOCUMENT)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            blob = archive.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = types.encode("utf-8")
            target.writestr(info, blob)
    return out.getvalue()


_KINDS = {"presentationml": "a PowerPoint file", "spreadsheetml": "an Excel file"}


def other_kind(template: Path, data: bytes) -> TemplateError | None:
    """A located error when the package is an Office file of another kind (a deck renamed
    .docx), whose library message would name an in-memory copy rather than the file."""
    try:
        types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, OSError, EOFError):
        return None
    if "wordprocessingml" in types:
        return None
    kind = next((name for key, name in _KINDS.items() if f"{key}." in types), None)
    if kind is None:
        return None
    return TemplateError([Problem(relpath(template), 0, 0, "", f"not a Word file: it is {kind}",
                                  "save the Word template under this name (or adopt it: "
                                  f"{ADOPT_HINT})")])


# --- styles


def _name(style: etree._Element) -> str:
    name = style.find(qn("w:name"))
    return name.get(qn("w:val"), "") if name is not None else ""


def _fold(text: str) -> str:
    return re.sub(r"[\s_-]+", "", text).casefold()


def _own_outline(style: etree._Element) -> int | None:
    level = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    return int(level.get(qn("w:val"), "9")) if level is not None else None


@dataclass
class StyleTable:
    """The w:style elements of a document's styles part, for finding a role's style."""

    styles: list[etree._Element]

    @classmethod
    def of(cls, doc: DocumentObject) -> StyleTable:
        return cls(list(doc.styles.element.iter(qn("w:style"))))

    def of_kind(self, kind: str) -> Iterator[etree._Element]:
        return (s for s in self.styles if s.get(qn("w:type")) == kind)

    def named(self, name: str, kind: str) -> etree._Element | None:
        """A style by its name or id, case and spacing aside."""
        wanted = _fold(name)
        return next((s for s in self.of_kind(kind)
                     if wanted in (_fold(_name(s)), _fold(s.get(qn("w:styleId"), "")))), None)

    def by_id(self, style_id: str) -> etree._Element | None:
        return next((s for s in self.styles if s.get(qn("w:styleId")) == style_id), None)

    def default(self, kind: str) -> etree._Element | None:
        return next((s for s in self.of_kind(kind)
                     if s.get(qn("w:default")) in ("1", "true", "on")), None)

    def chain(self, style: etree._Element | None) -> Iterator[etree._Element]:
        """The style and those it is based on."""
        seen: set[str] = set()
        while style is not None and style.get(qn("w:styleId")) not in seen:
            seen.add(style.get(qn("w:styleId")))
            yield style
            based = style.find(qn("w:basedOn"))
            style = self.by_id(based.get(qn("w:val"))) if based is not None else None

    def find(self, role: Role) -> tuple[etree._Element | None, str]:
        """The house's style for a role, and how it was recognised."""
        builtin = self.named(role.name, role.kind)
        if builtin is not None:
            return builtin, "Word's built-in style"
        wanted = {_fold(name) for name in role.localised}
        for style in self.of_kind(role.kind):
            if _fold(_name(style)) in wanted or _fold(style.get(qn("w:styleId"), "")) in wanted:
                return style, "its localised name"
        if role.outline is not None:
            for style in self.of_kind("paragraph"):
                if _own_outline(style) == role.outline:
                    return style, f"outline level {role.outline + 1}"
        if role.key == "body":
            default = self.default("paragraph")
            if default is not None:
                return default, "the default paragraph style (no Body Text)"
        return None, ""


def _display(style: etree._Element) -> str:
    return _name(style) or style.get(qn("w:styleId"), "")


def resolve_styles(doc: DocumentObject, path: Path, word: Mapping[str, str] | None = None,
                   table_style: str = "Table Grid", structure: Path | None = None
                   ) -> tuple[dict[str, BaseStyle], list[Problem]]:
    """Each role's python-docx style (by role key, and "table"), and a problem for each role no
    style plays: named in report.yaml's `word:` (which wins) or found by built-in identity."""
    word = dict(word or {})
    table = StyleTable.of(doc)
    by_id = {style.style_id: style for style in doc.styles}
    where = relpath(structure) if structure else relpath(path)
    problems = [Problem(where, 0, 0, f"word.{key}", "no such role",
                        "roles: " + ", ".join(ROLE_KEYS))
                for key in word if key not in ROLE_KEYS]
    found: dict[str, BaseStyle] = {}
    wanted = [(role.key, role.kind, word.get(role.key)) for role in ROLES]
    for key, kind, named in [*wanted, ("table", "table", table_style)]:
        role = ROLE_KEYS.get(key)
        if named:
            element = table.named(named, kind)
            if element is None:
                others = sorted(_display(s) for s in table.of_kind(kind))[:12]
                field = f"word.{key}" if key != "table" else "table_style"
                problems.append(Problem(
                    where, 0, 0, f"{field}: style '{named}'",
                    f"no {kind} style of that name in {path.name}",
                    "name one it has (" + ", ".join(others) + ")" if others else ADOPT_HINT))
                continue
        else:
            assert role is not None
            element, _ = table.find(role)
            if element is None:
                problems.append(Problem(
                    relpath(path), 0, 0, f"style '{role.name}'",
                    f"no style for the briefing's {PURPOSES[key]} (role `{key}`)",
                    f"{ADOPT_HINT}, or name one of its {kind} styles in report.yaml "
                    f"(word: {{{key}: STYLE}})"))
                continue
        found[key] = by_id[element.get(qn("w:styleId"))]
    return found, problems


# --- tags, fields, cover


def check_shown(doc: DocumentObject, path: Path, tags: list[Tag]) -> list[Problem]:
    """The cover shows title and marking; every later page shows them and "Page X of Y"."""

    def shown_in(parts: set[str]) -> set[str]:
        return {name for tag in tags if tag.part in parts and not tag.statement
                for name in tag.reads}

    running = [part for section in doc.sections for part in (section.header, section.footer)
               if not part.is_linked_to_previous]
    elements = [part._element for part in running]
    instructions = " ".join(
        [i.text or "" for el in elements for i in el.iter(qn("w:instrText"))]
        + [f.get(qn("w:instr"), "") for el in elements for f in el.iter(qn("w:fldSimple"))])
    on_pages = shown_in({str(part.part.partname).removeprefix("/word/") for part in running})
    problems = [Problem(relpath(path), 0, 0, f"tag '{{{{ {tag} }}}}'",
                        "missing from the cover (the document's own text)",
                        "type it on the cover page in one go")
                for tag in COVER_MUST_SHOW if tag not in shown_in({"document.xml"})]
    problems += [Problem(relpath(path), 0, 0, f"tag '{{{{ {tag} }}}}'",
                         "missing from the running header and footer, so pages after the "
                         "cover would not show it", "type it in the header or footer (Insert › "
                         "Header); keep the first-page header empty for the cover")
                 for tag in PAGES_MUST_SHOW if tag not in on_pages]
    problems += [Problem(relpath(path), 0, 0, f"field {name}",
                         "missing from the running header and footer, so pages would not say "
                         "\"Page X of Y\"",
                         f"insert it with Insert › Quick Parts › Field › {shown}")
                 for name, shown in PAGE_FIELDS.items()
                 if not re.search(rf"\b{name}\b", instructions)]
    return problems


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _breaks_page(p: etree._Element) -> bool:
    """Whether a body paragraph ends the cover: a page break in it, or a section break."""
    return (any(br.get(qn("w:type")) == "page" for br in p.iter(qn("w:br")))
            or p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None)


def cover_end(doc: DocumentObject, headings: bool = True) -> int:
    """How many of the body's block elements make the cover: up to its first page or section
    break, or (headings) up to the first heading, a template's sample chapter, whichever comes
    first. The build's check counts breaks only: a cover may hold a heading of its own."""
    table = StyleTable.of(doc)
    blocks = [el for el in doc.element.body if el.tag in (qn("w:p"), qn("w:tbl"), qn("w:sdt"))]
    for number, el in enumerate(blocks):
        if el.tag == qn("w:p"):
            if headings and _is_heading(el, table) and _text(el).strip():
                return number
            if el.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None and number:
                return number
            if _breaks_page(el):
                return number + 1
    return len(blocks)


def _is_heading(p: etree._Element, table: StyleTable) -> bool:
    own = p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if own is not None:
        return int(own.get(qn("w:val"), "9")) < 9
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    element = table.by_id(style.get(qn("w:val"))) if style is not None else None
    for link in table.chain(element):
        level = _own_outline(link)
        if level is not None:
            return level < 9
    return False


def sample_content(doc: DocumentObject, headings: bool = False) -> list[tuple[int, str]]:
    """What follows the cover (its paragraph number in document.xml and the start of its text):
    a template's sample chapters, which would otherwise ship in every briefing."""
    blocks = [el for el in doc.element.body if el.tag in (qn("w:p"), qn("w:tbl"), qn("w:sdt"))]
    paragraphs = list(doc.element.body.iter(qn("w:p")))
    number = {id(p): n for n, p in enumerate(paragraphs, 1)}
    found = []
    for el in blocks[cover_end(doc, headings):]:
        text = " ".join(_text(el).split())
        if text or el.find(f".//{qn('w:drawing')}") is not None:
            first = el if el.tag == qn("w:p") else next(el.iter(qn("w:p")), el)
            found.append((number.get(id(first), 0), text[:50] or "(a picture)"))
    return found


def broken_references(doc: DocumentObject) -> list[tuple[int, str]]:
    """Cross-references (REF, PAGEREF) in the template's own text to bookmarks it lacks, which
    show "Error! Reference source not found": their paragraph and bookmark."""
    body = doc.element.body
    marks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    found = []
    for n, p in enumerate(body.iter(qn("w:p")), 1):
        codes = [(i.text or "") for i in p.iter(qn("w:instrText"))]
        codes += [f.get(qn("w:instr"), "") for f in p.iter(qn("w:fldSimple"))]
        for match in re.finditer(r"\b(?:PAGE)?REF\s+(\S+)", " ".join(codes)):
            if match.group(1) not in marks:
                found.append((n, match.group(1)))
    return found


def check_template(doc: DocumentObject, path: Path, word: Mapping[str, str] | None,
                   table_style: str, structure: Path | None = None, tags: bool = True
                   ) -> tuple[dict[str, BaseStyle], list[Problem]]:
    """Everything the build would refuse in a Word template, all at once: each role's style,
    unknown tags, what the cover and pages must show, sample content and broken references.
    Returns the styles found for the roles, and the problems."""
    styles, problems = resolve_styles(doc, path, word, table_style, structure)
    try:
        found = scan(doc, path)
    except TemplateError as exc:  # tags that do not parse: nothing to tell of what they show
        problems += exc.problems
    else:
        if tags:
            unknown = {name for tag in found for name in tag.reads} - set(TAGS)
            problems += [Problem(relpath(path), 0, 0, f"tag '{{{{ {name} }}}}'", "unknown tag",
                                 "tags available: " + ", ".join(TAGS))
                         for name in sorted(unknown)]
        problems += check_shown(doc, path, found)
    sample = sample_content(doc)
    problems += [Problem(relpath(path), 0, 0, f"document.xml, paragraph {n}",
                         f"sample content after the cover would ship in every briefing: "
                         f"“{text}”" + (f" and {len(sample) - 1} more paragraphs or tables"
                                        if len(sample) > 1 else ""),
                         f"delete everything after the cover's page break; {ADOPT_HINT}")
                 for n, text in sample[:1]]
    problems += [Problem(relpath(path), 0, 0, f"document.xml, paragraph {n}",
                         f"cross-reference to bookmark '{mark}', which the template lacks, "
                         "shows \"Error! Reference source not found\"",
                         "delete the cross-reference, or insert it again (References › "
                         "Cross-reference)")
                 for n, mark in broken_references(doc)]
    return styles, problems


# --- page geometry


# A section without w:pgSz or w:pgMar has the application's default page (ECMA-376 17.6.13):
# A4, as Word and LibreOffice give it outside North America and the shipped template has it,
# with Word's default margins of 2.54 cm.
DEFAULT_PAGE_WIDTH = Twips(11906)
DEFAULT_MARGIN = Twips(1440)


def text_width(doc: DocumentObject) -> Emu:
    """The width between the margins of the template's last section, where the briefing goes:
    the default page's (DEFAULT_PAGE_WIDTH, DEFAULT_MARGIN) where the section does not say."""
    section = doc.sections[-1]
    width = section.page_width if section.page_width is not None else DEFAULT_PAGE_WIDTH
    left, right = (DEFAULT_MARGIN if margin is None else margin
                   for margin in (section.left_margin, section.right_margin))
    return Emu(width - left - right)


def text_width_cm(doc: DocumentObject) -> float:
    """The text width in whole millimetres, as pictures and tables are laid out."""
    return int(text_width(doc).cm * 10) / 10
