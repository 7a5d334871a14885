"""What pairs with what when two briefings are compared (docx/redline.py): blocks (paragraphs,
tables) aligned as a sequence, identical ones first, then the most similar; a paragraph's content
split into atoms (words, tabs, field characters, footnote references, pictures) to be aligned
again. Nothing here writes: it reads both sides and says which parts go together.
"""

from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
# What a drawing shows: a picture's image, or a Word chart's part.
DRAWN = etree.XPath(".//a:blip/@r:embed | .//c:chart/@r:id", namespaces={"a": A, "c": C, "r": R})
# Words, runs of spaces, and each CJK character on its own (those scripts put no space between
# words), so that a changed figure is marked as that figure, not as its whole sentence.
TOKEN = re.compile(r"\s+|[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]|"
                   r"[^\s\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]+")
# Run children that are not content: a run's formatting is part of each of its atoms' keys.
_SKIP = {"rPr"}
PAIR_AT = 0.4  # two blocks this similar (difflib ratio) are one block changed, not two
MAX_ALIGN = 40_000  # pairs of blocks weighed at most, in one stretch of changed blocks


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class Atom:
    """One unit of a paragraph's content: a word of a run, or one non-text run child."""

    key: tuple[str, ...]  # what is compared
    rpr: etree._Element | None
    wrapper: etree._Element | None  # the w:hyperlink (or other run container) it sits in
    child: etree._Element | None  # None: text, in `text`
    text: str = ""
    before: etree._Element | None = None  # non-run paragraph content (bookmarks) ahead of it


def rpr_key(rpr: etree._Element | None) -> str:
    return "" if rpr is None else etree.tostring(rpr, method="c14n").decode()


def wrapper_key(wrapper: etree._Element | None) -> str:
    if wrapper is None:
        return ""
    attrs = {k: v for k, v in wrapper.attrib.items() if k != f"{{{R}}}id"}
    return etree.QName(wrapper).localname + repr(sorted(attrs.items()))


def atoms_of(paragraph: etree._Element) -> list[Atom]:
    """A paragraph's content as atoms, in order; non-run content rides on the next atom."""
    atoms: list[Atom] = []
    pending: list[etree._Element] = []

    def runs(parent: etree._Element, wrapper: etree._Element | None) -> None:
        for child in parent:
            tag = etree.QName(child).localname
            if tag == "pPr":
                continue
            if tag == "r":
                rpr = child.find(w("rPr"))
                for part in child:
                    ptag = etree.QName(part).localname
                    if ptag in _SKIP:
                        continue
                    count = len(atoms)
                    if ptag == "t":
                        for token in TOKEN.findall(part.text or ""):
                            atoms.append(Atom(("t", token, rpr_key(rpr), wrapper_key(wrapper)),
                                              rpr, wrapper, None, token))
                    else:
                        atoms.append(Atom(_child_key(part, rpr, wrapper), rpr, wrapper, part))
                    if pending and len(atoms) > count:  # an empty w:t makes no atom
                        atoms[count].before = _bundle(pending)
                        pending.clear()
            elif tag in ("hyperlink", "smartTag", "fldSimple"):
                runs(child, child)
            else:  # bookmarks, proofing marks: kept from the new side only
                pending.append(child)
    runs(paragraph, None)
    if pending:
        atoms.append(Atom(("end",), None, None, None, before=_bundle(pending)))
    return atoms


def _bundle(elements: list[etree._Element]) -> etree._Element:
    holder = etree.Element("holder")
    for el in elements:
        holder.append(copy.deepcopy(el))
    return holder


def _child_key(part: etree._Element, rpr: etree._Element | None,
               wrapper: etree._Element | None) -> tuple[str, ...]:
    tag = etree.QName(part).localname
    base = (rpr_key(rpr), wrapper_key(wrapper))
    if tag == "instrText":
        return ("instr", part.text or "", *base)
    if tag == "footnoteReference":
        return ("note", *base)  # paired by place; the footnotes themselves compared apart
    if tag == "drawing":
        doc_pr = part.find(f".//{{{WP}}}docPr")
        return ("drawing", doc_pr.get("name", "") if doc_pr is not None else "", *base)
    return (tag, etree.tostring(part, method="c14n").decode(), *base)


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(w("t"), w("delText")))


def _style(el: etree._Element) -> str:
    style = el.find(f"{w('pPr')}/{w('pStyle')}")
    return style.get(w("val"), "") if style is not None else ""


def _block_key(el: etree._Element) -> tuple[str, str, str]:
    return (etree.QName(el).localname, _style(el), _text(el))


def _similar(a: etree._Element, b: etree._Element) -> float:
    if etree.QName(a).localname != etree.QName(b).localname or _style(a) != _style(b):
        return 0.0
    ta, tb = TOKEN.findall(_text(a)), TOKEN.findall(_text(b))
    if not ta and not tb:
        return 1.0
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    return matcher.ratio() if matcher.quick_ratio() >= PAIR_AT else 0.0


def pairing(old: list[etree._Element], new: list[etree._Element]
             ) -> list[tuple[etree._Element | None, etree._Element | None]]:
    """Old and new blocks in order, a changed block paired with its previous self.

    Identical blocks are aligned first (difflib); in between, an order-keeping alignment that
    pairs the most similar blocks (a small dynamic programme: the chunks are short)."""
    out: list[tuple[etree._Element | None, etree._Element | None]] = []
    matcher = difflib.SequenceMatcher(None, [_block_key(b) for b in old],
                                      [_block_key(b) for b in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += zip(old[i1:i2], new[j1:j2], strict=True)
        else:
            out += _align(old[i1:i2], new[j1:j2])
    return out


def _align(old: list[etree._Element], new: list[etree._Element]
           ) -> list[tuple[etree._Element | None, etree._Element | None]]:
    n, m = len(old), len(new)
    if n == m and all(_block_key(a)[:2] == _block_key(b)[:2]
                      for a, b in zip(old, new, strict=True)):
        # As many blocks of the same kinds and styles, in order: each changed in place (a
        # table cell's one figure, a retitled heading), however little text they share.
        return list(zip(old, new, strict=True))
    if n * m > MAX_ALIGN:  # too many to weigh each pair: the old ones go, the new ones come
        return [(a, None) for a in old] + [(None, b) for b in new]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    sim = [[_similar(a, b) for b in new] for a in old]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            pair = sim[i][j] + score[i + 1][j + 1] if sim[i][j] >= PAIR_AT else -1.0
            score[i][j] = max(pair, score[i + 1][j], score[i][j + 1])
    out: list[tuple[etree._Element | None, etree._Element | None]] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] >= PAIR_AT and score[i][j] == sim[i][j] + score[i + 1][j + 1]:
            out.append((old[i], new[j]))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            out.append((old[i], None))
            i += 1
        else:
            out.append((None, new[j]))
            j += 1
    out += [(a, None) for a in old[i:]] + [(None, b) for b in new[j:]]
    return out


def deleted_not_last(pairs: list[tuple[etree._Element | None, etree._Element | None]]
                      ) -> list[tuple[etree._Element | None, etree._Element | None]]:
    """Deleted blocks at a container's end moved before the inserted ones just ahead of them
    (the same text either way), so that the last paragraph, whose mark Word keeps, is not a
    deleted one where an inserted one can end the container instead."""
    end = len(pairs)
    while end and pairs[end - 1][1] is None:
        end -= 1
    start = end
    while start and pairs[start - 1][0] is None:
        start -= 1
    return pairs[:start] + pairs[end:] + pairs[start:end]
