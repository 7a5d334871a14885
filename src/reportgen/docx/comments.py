"""Word comments on the exact text they are about: the run is split so that the comment's range
covers that text and nothing else."""

from __future__ import annotations

import copy
from collections.abc import Iterable

from docx.document import Document as DocumentObject
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
AUTHOR = "reportgen"
INITIALS = "RG"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def comment(doc: DocumentObject, runs: list[etree._Element], text: str, date: str) -> None:
    """A comment by reportgen on runs of one paragraph, dated as given (the build's date)."""
    paragraph = next(runs[0].iterancestors(w("p")))
    para = Paragraph(paragraph, doc._body)
    made = doc.add_comment([Run(r, para) for r in runs], text=text, author=AUTHOR,
                           initials=INITIALS)
    made._comment_elm.set(w("date"), date)


def _shown_runs(paragraph: etree._Element) -> list[etree._Element]:
    """The paragraph's runs whose text is shown (not deleted text, not field instructions)."""
    return [r for r in paragraph.iter(w("r"))
            if not any(etree.QName(a).localname == "del" for a in r.iterancestors())
            and r.find(w("t")) is not None]


def _split(run: etree._Element, at: int) -> etree._Element:
    """Split a run of one w:t at a character offset; the second half is returned."""
    t = run.find(w("t"))
    text = t.text or ""
    second = copy.deepcopy(run)
    t.text = text[:at]
    second.find(w("t")).text = text[at:]
    run.addnext(second)
    return second


def _splittable(run: etree._Element) -> bool:
    return all(etree.QName(c).localname in ("rPr", "t") for c in run) \
        and len(run.findall(w("t"))) == 1


def mark_text(doc: DocumentObject, paragraph: etree._Element, text: str, note: str,
              date: str) -> bool:
    """Comment the first place the paragraph shows `text`; False when it does not show it."""
    runs = _shown_runs(paragraph)
    shown = "".join(_run_text(r) for r in runs)
    start = shown.find(text)
    if start < 0:
        return False
    end = start + len(text)
    covered: list[etree._Element] = []
    offset = 0
    for run in runs:
        length = len(_run_text(run))
        lo, hi = offset, offset + length
        offset = hi
        if hi <= start or lo >= end:
            continue
        if _splittable(run):
            if start > lo:
                run = _split(run, start - lo)
                lo = start
            if end < hi:
                _split(run, end - lo)
        covered.append(run)
    comment(doc, [covered[0], covered[-1]], note, date)
    return True


def _run_text(run: etree._Element) -> str:
    return "".join(t.text or "" for t in run.findall(w("t")))


def add_comments(doc: DocumentObject, questions: Iterable[tuple[str, str]], date: str) -> int:
    """Each (text, note) as a comment where the document first shows that text; how many were
    placed (a text the document does not show gets none)."""
    paragraphs = list(doc.element.body.iter(w("p")))
    placed = 0
    for text, note in questions:
        for paragraph in paragraphs:
            if mark_text(doc, paragraph, text, note, date):
                placed += 1
                break
    return placed
