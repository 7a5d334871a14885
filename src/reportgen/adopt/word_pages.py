"""What an adopted Word template's pages show (adopt/word.py maps its styles): its sample
content removed (and cross-references to it), the cover's title, subtitle and marking tags, and
the running header and footer's title, marking and "Page X of Y"."""

from __future__ import annotations

import re
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from lxml import etree

from reportgen.adopt import Adoption
from reportgen.docx.contract import PAGE_FIELDS, StyleTable, broken_references, cover_end
from reportgen.docx.fields import field, text_run
from reportgen.docx.tags import scan


def _blocks(doc: DocumentObject) -> list[etree._Element]:
    return [el for el in doc.element.body if el.tag in (qn("w:p"), qn("w:tbl"), qn("w:sdt"))]


def remove_sample(doc: DocumentObject, adoption: Adoption) -> None:
    """Everything after the cover goes (a template's sample chapters), and cross-references in
    the cover to bookmarks that are gone with it."""
    blocks = _blocks(doc)
    end = cover_end(doc)
    removed = blocks[end:]
    texts = [" ".join("".join(t.text or "" for t in el.iter(qn("w:t"))).split())
             for el in removed]
    for el in removed:
        el.getparent().remove(el)
    if removed:
        first = next((t for t in texts if t), "")
        adoption.notes.append(f"removed the template's sample content after the cover: "
                              f"{len(removed)} paragraphs and tables"
                              + (f", from “{first[:50]}”" if first else ""))
    for number, mark in broken_references(doc):
        _drop_reference(doc, mark)
        adoption.notes.append(f"removed a cross-reference to the missing bookmark '{mark}' "
                              f"(cover paragraph {number}), which showed \"Error! Reference "
                              "source not found\"")


def _drop_reference(doc: DocumentObject, mark: str) -> None:
    """Remove every complex or simple field that refers to the bookmark mark, result included."""
    for simple in list(doc.element.body.iter(qn("w:fldSimple"))):
        if mark in simple.get(qn("w:instr"), ""):
            simple.getparent().remove(simple)
    for p in doc.element.body.iter(qn("w:p")):
        runs = list(p.iter(qn("w:r")))
        depth, start, code = 0, 0, ""
        for i, run in enumerate(runs):
            char = run.find(qn("w:fldChar"))
            kind = char.get(qn("w:fldCharType")) if char is not None else None
            if kind == "begin":
                depth += 1
                if depth == 1:
                    start, code = i, ""
            elif run.find(qn("w:instrText")) is not None and depth == 1:
                code += run.find(qn("w:instrText")).text or ""
            elif kind == "end":
                depth -= 1
                if depth == 0 and mark in code.split():
                    for doomed in runs[start:i + 1]:
                        doomed.getparent().remove(doomed)


def write_cover(doc: DocumentObject, styles: dict[str, str], adoption: Adoption) -> None:
    """The cover shows the title, subtitle and marking: the house's title and subtitle
    paragraphs take the tags, the marking goes after them; the cover ends on a page break."""
    found = {name for tag in scan(doc, Path("briefing.docx")) if tag.part == "document.xml"
             for name in tag.reads}
    cover = _blocks(doc)[:cover_end(doc)]
    paragraphs = [p for el in cover for p in el.iter(qn("w:p"))]  # a title band's cells too
    style_of = {key: doc.styles[styles[key]].style_id for key in ("title", "subtitle", "body")}
    placed: etree._Element | None = None
    for key in ("title", "subtitle"):
        if key in found:
            continue
        same = [p for p in paragraphs if _style_id(p) == style_of[key]]
        if same:
            was = _text_of(same[0])
            _retext(same[0], "{{ " + key + " }}")
            adoption.notes.append(f"the cover's {key} paragraph now shows {{{{ {key} }}}}"
                                  + (f" (it read “{was[:40]}”)" if was else ""))
            placed = same[0]
        elif key == "title":
            placed = _new_paragraph(doc, style_of[key], "{{ title }}")
            if cover:
                cover[0].addprevious(placed)
            else:
                doc.element.body.insert(0, placed)
            adoption.notes.append("added {{ title }} to the cover, in the title style")
    if "marking" not in found:
        marking = _new_paragraph(doc, style_of["body"], "{{ marking }}")
        anchor = placed if placed is not None else (paragraphs[0] if paragraphs else None)
        while anchor is not None and anchor.getparent() is not doc.element.body:
            anchor = anchor.getparent()  # after the title band, not inside its cell
        if anchor is not None:
            anchor.addnext(marking)
        else:
            doc.element.body.insert(0, marking)
        adoption.notes.append("added {{ marking }} to the cover (move it where the house "
                              "shows a classification)")
    blocks = _blocks(doc)
    end = cover_end(doc)
    last = blocks[end - 1] if end else None
    if last is None or last.tag != qn("w:p") or not _ends_page(last):
        page_break = parse_xml(f'<w:p {nsdecls("w")}><w:r><w:br w:type="page"/></w:r></w:p>')
        if last is not None:
            last.addnext(page_break)
        else:
            doc.element.body.insert(0, page_break)
    untouched = [t for p in paragraphs if (t := _text_of(p)) and "{{" not in t]
    if untouched:
        adoption.notes.append("the cover keeps the house's own text: " + "; ".join(
            f"“{t[:40]}”" for t in untouched[:4]) + " (edit it in Word, or type a tag there: "
            "{{ organisation }}, {{ as_of }}, {{ occasion }})")


def _ends_page(p: etree._Element) -> bool:
    return (any(br.get(qn("w:type")) == "page" for br in p.iter(qn("w:br")))
            or p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None)


def _style_id(p: etree._Element) -> str | None:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else None


def _text_of(element: etree._Element) -> str:
    return " ".join("".join(t.text or "" for t in element.iter(qn("w:t"))).split())


def _retext(p: etree._Element, text: str) -> None:
    """Give a paragraph one text, in the formatting of its first run."""
    runs = list(p.iter(qn("w:r")))
    first = next((r for r in runs if r.find(qn("w:t")) is not None), None)
    for run in runs:
        if run is not first:
            run.getparent().remove(run)
    for sdt_content in list(p.iter(qn("w:sdtContent"))):
        if not list(sdt_content):
            sdt_content.getparent().getparent().remove(sdt_content.getparent())
    if first is None:
        p.append(text_run(text))
        return
    for t in first.findall(qn("w:t"))[1:]:
        first.remove(t)
    t = first.find(qn("w:t"))
    t.text = text


def _new_paragraph(doc: DocumentObject, style_id: str, text: str) -> etree._Element:
    p = parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr></w:p>')
    p.append(text_run(text))
    return p


def write_running(doc: DocumentObject, adoption: Adoption) -> None:
    """Pages after the cover show the title, the marking and "Page X of Y": what the house's
    running header and footer lack is added to them, in their own styles."""
    section = doc.sections[-1]
    if len(doc.sections) == 1 and not section.different_first_page_header_footer:
        # The cover is the first page: without a first page of its own, the running header
        # (now with the title and marking) would show on it too.
        section.different_first_page_header_footer = True
        for part in (section.first_page_header, section.first_page_footer):
            part.is_linked_to_previous = False
        adoption.notes.append("the cover page now has no running header or footer (Layout › "
                              "Page Setup › Different first page)")
    header, footer = section.header, section.footer
    shown = {name for tag in scan(doc, Path("briefing.docx")) if tag.part != "document.xml"
             for name in tag.reads}
    running = [part for s in doc.sections for part in (s.header, s.footer)
               if not part.is_linked_to_previous]
    codes = " ".join(i.text or "" for part in running
                     for i in part._element.iter(qn("w:instrText")))
    codes += " ".join(f.get(qn("w:instr"), "") for part in running
                      for f in part._element.iter(qn("w:fldSimple")))
    missing = [name for name in ("title", "marking") if name not in shown]
    if missing:
        p = header.add_paragraph(" · ".join("{{ " + name + " }}" for name in missing))
        _style_if(doc, p, "Header")
        adoption.notes.append("added " + " and ".join(f"{{{{ {n} }}}}" for n in missing)
                              + " to the running header")
    has = {name for name in PAGE_FIELDS if re.search(rf"\b{name}\b", codes)}
    if has == set(PAGE_FIELDS):
        return
    if "PAGE" in has:  # "Page 3" or "Side 3": the number of pages after it
        for part in running:
            end = _field_end(part._element, "PAGE")
            if end is not None:
                end.addnext(text_run(" of "))
                end.getnext().addnext(parse_xml(f"<w:r {nsdecls('w')}/>"))
                holder = end.getnext().getnext()
                for run in reversed(field("NUMPAGES", "1")):
                    holder.addnext(run)
                holder.getparent().remove(holder)
                adoption.notes.append("added \"of\" and the number of pages after the running "
                                      "page number (reworded in the edition's language)")
                return
    p = footer.add_paragraph("Page ")
    _style_if(doc, p, "Footer")
    p._p.extend(field("PAGE", "1"))
    p._p.append(text_run(" of "))
    p._p.extend(field("NUMPAGES", "1"))
    adoption.notes.append("added \"Page X of Y\" to the running footer")


def _field_end(part: etree._Element, name: str) -> etree._Element | None:
    """The run that ends the first complex field whose code is name."""
    depth, code = 0, ""
    for run in part.iter(qn("w:r")):
        char = run.find(qn("w:fldChar"))
        kind = char.get(qn("w:fldCharType")) if char is not None else None
        if kind == "begin":
            depth += 1
            code = "" if depth == 1 else code
        elif run.find(qn("w:instrText")) is not None:
            code += run.find(qn("w:instrText")).text or ""
        elif kind == "end":
            depth -= 1
            if depth == 0 and code.split()[:1] == [name]:
                return run
    return None


def _style_if(doc: DocumentObject, paragraph: Paragraph, name: str) -> None:
    table = StyleTable.of(doc)
    style = table.named(name, "paragraph")
    if style is not None:
        paragraph.style = doc.styles.get_by_id(style.get(qn("w:styleId")), WD_STYLE_TYPE.PARAGRAPH)
