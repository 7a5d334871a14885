"""The new briefing with every change since the previous one as Word tracked changes.

Both briefings are reportgen's own output from one template, so their bodies are compared as
reportgen wrote them: blocks (paragraphs, tables) aligned as a sequence, then, inside a paired
paragraph, its runs split into atoms (words, tabs, field characters, footnote references,
pictures) and aligned again. What only the previous briefing has is copied in as `w:del` (its
text as `w:delText`), what only the new one has is wrapped in `w:ins`; a paragraph, table row or
footnote that one side lacks has its mark or row tracked too. A footnote reference paired with
one in the previous briefing has its footnote compared the same way; a chart paired with one
whose picture differs keeps the new picture and gets a comment saying what changed. Accepting
every change gives the new briefing's text, rejecting every change the previous one's.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from lxml import etree

from reportgen.docx.charts import add_chart_part
from reportgen.docx.comments import AUTHOR, comment
from reportgen.render.native_chart import WORKBOOK_RID, NativeChart

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
# What a drawing shows: a picture's image, or a Word chart's part.
_DRAWN = etree.XPath(".//a:blip/@r:embed | .//c:chart/@r:id", namespaces={"a": A, "c": C, "r": R})
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


@dataclass
class ChartChange:
    """A chart whose picture differs between the two briefings: its drawing, both alt texts."""

    drawing: etree._Element
    before: str
    after: str


@dataclass
class Redline:
    """The state of one comparison: both documents, the revision ids and what was found."""

    old: DocumentObject
    new: DocumentObject
    date: str
    next_id: int = 1
    changes: int = 0
    charts: list[ChartChange] = field(default_factory=list)
    old_notes: dict[str, etree._Element] = field(default_factory=dict)
    new_notes: dict[str, etree._Element] = field(default_factory=dict)
    notes_root: etree._Element | None = None
    next_note: int = 1
    next_picture: int = 1

    def mark(self, kind: str) -> etree._Element:
        """A new w:ins or w:del, numbered, named and dated."""
        el = etree.Element(w(kind))
        el.set(w("id"), str(self.next_id))
        el.set(w("author"), AUTHOR)
        el.set(w("date"), self.date)
        self.next_id += 1
        self.changes += 1
        return el


def _rpr_key(rpr: etree._Element | None) -> str:
    return "" if rpr is None else etree.tostring(rpr, method="c14n").decode()


def _wrapper_key(wrapper: etree._Element | None) -> str:
    if wrapper is None:
        return ""
    attrs = {k: v for k, v in wrapper.attrib.items() if k != f"{{{R}}}id"}
    return etree.QName(wrapper).localname + repr(sorted(attrs.items()))


def _atoms(paragraph: etree._Element) -> list[Atom]:
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
                            atoms.append(Atom(("t", token, _rpr_key(rpr), _wrapper_key(wrapper)),
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
    base = (_rpr_key(rpr), _wrapper_key(wrapper))
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


def _pairing(old: list[etree._Element], new: list[etree._Element]
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


def _deleted_not_last(pairs: list[tuple[etree._Element | None, etree._Element | None]]
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


class Comparer:
    """Writes the tracked changes of the old document into the new one, in place."""

    def __init__(self, state: Redline) -> None:
        self.s = state

    # --- blocks -----------------------------------------------------------------------------
    def blocks(self, old: list[etree._Element], new: list[etree._Element], last_mark: bool
               ) -> list[etree._Element]:
        """The merged content of a container (body, cell, footnote)."""
        out: list[etree._Element] = []
        pairs = _pairing(old, new)
        for a, b in pairs if last_mark else _deleted_not_last(pairs):
            if a is not None and b is not None:
                out.append(self.pair(a, b))
            elif b is not None:
                out.append(self.whole(b, "ins"))
            elif a is not None:
                out.append(self.whole(self.imported(a), "del"))
        if not last_mark and out and etree.QName(out[-1]).localname == "p":
            # The container's last paragraph mark cannot be tracked away; keep it plain.
            ppr = out[-1].find(w("pPr"))
            rpr = ppr.find(w("rPr")) if ppr is not None else None
            if rpr is not None:
                for el in rpr.findall(w("ins")) + rpr.findall(w("del")):
                    rpr.remove(el)
                if not len(rpr):
                    ppr.remove(rpr)
        return out

    def pair(self, a: etree._Element, b: etree._Element) -> etree._Element:
        kind = etree.QName(b).localname
        if kind != etree.QName(a).localname:
            raise ValueError("paired blocks of different kinds")
        if kind == "p":
            return self.paragraph(a, b)
        if kind == "tbl":
            return self.table(a, b)
        return b

    def whole(self, el: etree._Element, kind: str) -> etree._Element:
        """A block only one side has: every run, every paragraph mark and row tracked."""
        for p in el.iter(w("p")):
            self._wrap_runs(p, kind)
            self._mark_paragraph(p, kind)
        for tr in el.iter(w("tr")):
            tr_pr = tr.find(w("trPr"))
            if tr_pr is None:
                tr_pr = etree.Element(w("trPr"))
                tc = tr.find(w("tc"))
                # trPr goes after tblPrEx and before the cells.
                tr.insert(list(tr).index(tc) if tc is not None else len(tr), tr_pr)
            tr_pr.append(self.s.mark(kind))
        return el

    def _wrap_runs(self, p: etree._Element, kind: str) -> None:
        for r in list(p.iter(w("r"))):
            if etree.QName(r.getparent()).localname in ("ins", "del"):
                continue
            if kind == "del":
                self._to_deleted(r)
            self._note_of(r, kind)
            mark = self.s.mark(kind)
            r.addprevious(mark)
            mark.append(r)

    def _mark_paragraph(self, p: etree._Element, kind: str) -> None:
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            p.insert(0, ppr)
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = etree.Element(w("rPr"))
            after = [c for c in ppr if etree.QName(c).localname in ("sectPr", "pPrChange")]
            if after:
                after[0].addprevious(rpr)
            else:
                ppr.append(rpr)
        rpr.insert(0, self.s.mark(kind))

    @staticmethod
    def _to_deleted(r: etree._Element) -> None:
        for t in r.findall(w("t")):
            t.tag = w("delText")
        for t in r.findall(w("instrText")):
            t.tag = w("delInstrText")

    def _note_of(self, r: etree._Element, kind: str) -> None:
        """A footnote referenced from content only one side has is tracked whole."""
        ref = r.find(w("footnoteReference"))
        if ref is None or self.s.notes_root is None:
            return
        note = self.s.new_notes.get(ref.get(w("id"), "")) if kind == "ins" else None
        if kind == "del":
            note = self._copy_note(ref)
        if note is not None:
            for p in note.iter(w("p")):
                self._wrap_runs(p, kind)
                self._mark_paragraph(p, kind)
            self._unmark_last(note)

    def _copy_note(self, ref: etree._Element) -> etree._Element | None:
        """The previous briefing's footnote copied into the new one's footnotes, renumbered."""
        old = self.s.old_notes.get(ref.get(w("id"), ""))
        if old is None or self.s.notes_root is None:
            return None
        note = copy.deepcopy(old)
        note.set(w("id"), str(self.s.next_note))
        ref.set(w("id"), str(self.s.next_note))
        self.s.next_note += 1
        self.s.notes_root.append(note)
        return note

    @staticmethod
    def _unmark_last(container: etree._Element) -> None:
        paragraphs = container.findall(w("p"))
        if paragraphs:
            rpr = paragraphs[-1].find(f"{w('pPr')}/{w('rPr')}")
            if rpr is not None:
                for el in rpr.findall(w("ins")) + rpr.findall(w("del")):
                    rpr.remove(el)
                if not len(rpr):
                    rpr.getparent().remove(rpr)

    def imported(self, el: etree._Element) -> etree._Element:
        """A copy of an old block whose relationships (pictures, links) resolve in the new
        package, and whose picture ids are unique there."""
        el = copy.deepcopy(el)
        for blip in el.iter(f"{{{A}}}blip"):
            rid = blip.get(f"{{{R}}}embed")
            if rid:
                blob = self.s.old.part.related_parts[rid].blob
                new_rid, _ = self.s.new.part.get_or_add_image(io.BytesIO(blob))
                blip.set(f"{{{R}}}embed", new_rid)
        for chart in el.iter(f"{{{C}}}chart"):  # a Word chart: its part and workbook too
            part = self.s.old.part.related_parts[chart.get(f"{{{R}}}id")]
            workbook = part.related_parts[WORKBOOK_RID].blob
            chart.set(f"{{{R}}}id", add_chart_part(self.s.new.part,
                                                  NativeChart(part.blob, workbook)))
        for doc_pr in el.iter(f"{{{WP}}}docPr"):
            doc_pr.set("id", str(self.s.next_picture))
            self.s.next_picture += 1
        for link in el.iter(w("hyperlink")):
            rid = link.get(f"{{{R}}}id")
            if rid:
                target = self.s.old.part.target_ref(rid)
                link.set(f"{{{R}}}id", self.s.new.part.relate_to(target, RT.HYPERLINK,
                                                                 is_external=True))
        return el

    # --- tables -----------------------------------------------------------------------------
    def table(self, a: etree._Element, b: etree._Element) -> etree._Element:
        old_rows, new_rows = a.findall(w("tr")), b.findall(w("tr"))
        merged: list[etree._Element] = []
        for ra, rb in _pairing(old_rows, new_rows):
            if ra is not None and rb is not None and self._same_shape(ra, rb):
                for ca, cb in zip(ra.findall(w("tc")), rb.findall(w("tc")), strict=True):
                    self._container(ca, cb, "tcPr")
                merged.append(rb)
            else:
                if ra is not None:
                    merged.append(self.whole(self.imported(ra), "del"))
                if rb is not None:
                    merged.append(self.whole(rb, "ins"))
        for row in new_rows:
            b.remove(row)
        for row in merged:
            b.append(row)
        return b

    @staticmethod
    def _same_shape(ra: etree._Element, rb: etree._Element) -> bool:
        return len(ra.findall(w("tc"))) == len(rb.findall(w("tc")))

    def _container(self, old: etree._Element, new: etree._Element, props: str) -> None:
        """Replace a container's blocks (cell, footnote) with the merged ones."""
        kinds = ("p", "tbl")
        old_blocks = [c for c in old if etree.QName(c).localname in kinds]
        new_blocks = [c for c in new if etree.QName(c).localname in kinds]
        merged = self.blocks(old_blocks, new_blocks, last_mark=False)
        for c in new_blocks:
            new.remove(c)
        for c in merged:
            new.append(c)

    # --- paragraphs -------------------------------------------------------------------------
    def paragraph(self, a: etree._Element, b: etree._Element) -> etree._Element:
        old_atoms, new_atoms = _atoms(a), _atoms(b)
        if [x.key for x in old_atoms] == [x.key for x in new_atoms]:
            self._pairs_within(old_atoms, new_atoms)
            return b
        matcher = difflib.SequenceMatcher(None, [x.key for x in old_atoms],
                                          [x.key for x in new_atoms], autojunk=False)
        pieces: list[tuple[str, Atom]] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                self._pairs_within(old_atoms[i1:i2], new_atoms[j1:j2])
                pieces += [("=", x) for x in new_atoms[j1:j2]]
            else:
                pieces += [("del", x) for x in old_atoms[i1:i2]]
                pieces += [("ins", x) for x in new_atoms[j1:j2]]
        return self._rebuild(b, pieces)

    def _pairs_within(self, old: list[Atom], new: list[Atom]) -> None:
        """Atoms equal in key whose content may still differ: footnotes and charts."""
        for x, y in zip(old, new, strict=True):
            if x.child is None or y.child is None:
                continue
            tag = etree.QName(y.child).localname
            if tag == "footnoteReference":
                self._footnote(x.child, y.child)
            elif tag == "drawing":
                self._chart(x.child, y.child)

    def _footnote(self, a: etree._Element, b: etree._Element) -> None:
        old = self.s.old_notes.get(a.get(w("id"), ""))
        new = self.s.new_notes.get(b.get(w("id"), ""))
        if old is None or new is None:
            return
        self._container(old, new, "")

    def _chart(self, a: etree._Element, b: etree._Element) -> None:
        def picture(el: etree._Element, doc: DocumentObject) -> tuple[str, str]:
            # A picture's image, or a Word chart's XML (its values and labels are there).
            rids = _DRAWN(el)
            blob = doc.part.related_parts[rids[0]].blob if rids else b""
            doc_pr = el.find(f".//{{{WP}}}docPr")
            descr = doc_pr.get("descr", "") if doc_pr is not None else ""
            return hashlib.sha256(blob).hexdigest(), descr

        (old_sha, old_descr), (new_sha, new_descr) = picture(a, self.s.old), picture(b, self.s.new)
        if old_sha != new_sha:
            self.s.charts.append(ChartChange(b, old_descr, new_descr))

    def _rebuild(self, p: etree._Element, pieces: list[tuple[str, Atom]]) -> etree._Element:
        """The new paragraph's content, from its pieces: runs grouped by wrapper, state and
        formatting, deleted and inserted runs wrapped."""
        ppr = p.find(w("pPr"))
        for child in list(p):
            p.remove(child)
        if ppr is not None:
            p.append(ppr)
        writer = _Runs(self, p)
        for state, atom in pieces:
            if atom.before is not None and state != "del":
                writer.marks(atom.before)
            if atom.key != ("end",):
                writer.add(state, atom)
        return p

    def _relink(self, wrapper: etree._Element) -> etree._Element:
        holder = etree.Element(w("p"))
        holder.append(wrapper)
        return self.imported(holder)[0]


def _notes(doc: DocumentObject) -> tuple[Part | None, etree._Element | None]:
    for rel in doc.part.rels.values():
        if not rel.is_external and rel.reltype == RT.FOOTNOTES:
            part = rel.target_part
            return part, etree.fromstring(part.blob)
    return None, None


def _by_id(root: etree._Element | None) -> dict[str, etree._Element]:
    if root is None:
        return {}
    return {n.get(w("id"), ""): n for n in root.findall(w("footnote"))
            if n.get(w("type")) is None}


def revision_date(doc: DocumentObject) -> str:
    """The build's own time, from the new briefing's properties (the data's as-of date)."""
    when = doc.core_properties.modified or dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


ChartNote = Callable[[str, str], str]


def redline(old_docx: bytes, new_docx: bytes, chart_note: ChartNote
            ) -> tuple[DocumentObject, int, int]:
    """The new briefing with the changes from the old one tracked, how many revisions, and
    how many charts were redrawn (each with a comment).

    `chart_note(before, after)` words the comment on a chart whose picture changed, from the
    alt texts of its two versions."""
    old, new = Document(io.BytesIO(old_docx)), Document(io.BytesIO(new_docx))
    state = Redline(old, new, revision_date(new))
    _, old_root = _notes(old)
    new_part, new_root = _notes(new)
    state.old_notes, state.new_notes = _by_id(old_root), _by_id(new_root)
    state.notes_root = new_root
    state.next_note = max([int(k) for k in state.new_notes if k.lstrip("-").isdigit()],
                          default=0) + 1
    ids = [int(x) for x in new.element.xpath("//wp:docPr/@id") if x.isdigit()]
    state.next_picture = max(ids, default=0) + 1
    comparer = Comparer(state)
    old_body, new_body = old.element.body, new.element.body
    kinds = ("p", "tbl")
    old_blocks = [c for c in old_body if etree.QName(c).localname in kinds]
    new_blocks = [c for c in new_body if etree.QName(c).localname in kinds]
    sect = new_body.find(w("sectPr"))
    merged = comparer.blocks(old_blocks, new_blocks, last_mark=True)
    for c in new_blocks:
        new_body.remove(c)
    for c in merged:
        if sect is not None:
            sect.addprevious(c)
        else:
            new_body.append(c)
    if new_part is not None and new_root is not None:
        new_part._blob = etree.tostring(new_root, xml_declaration=True, encoding="UTF-8",
                                        standalone=True)
    for chart in state.charts:
        run = chart.drawing.getparent()
        comment(new, [run], chart_note(chart.before, chart.after), state.date)
    return new, state.changes, len(state.charts)


class _Runs:
    """Writes a paragraph's pieces back as runs: a run per state and formatting, inside a copy
    of the wrapper (hyperlink) its atoms came from, deleted and inserted runs in w:del, w:ins."""

    def __init__(self, comparer: Comparer, p: etree._Element) -> None:
        self.comparer, self.p = comparer, p
        self.wrapper: etree._Element | None = None
        self.context: str | None = None  # the wrapper key of the runs being written
        self.mark: etree._Element | None = None
        self.run: etree._Element | None = None
        self.key: tuple[str, str] | None = None

    def marks(self, holder: etree._Element) -> None:
        """Bookmarks and the like, from the new side, at paragraph level."""
        for el in holder:
            self.p.append(copy.deepcopy(el))
        self.context = None

    def add(self, state: str, atom: Atom) -> None:
        if _wrapper_key(atom.wrapper) != self.context:
            self._enter(state, atom.wrapper)
        key = (state, _rpr_key(atom.rpr))
        if self.run is None or self.key != key or atom.child is not None:
            self._new_run(state, atom.rpr)
            self.key = key
        run = self.run
        assert run is not None
        if atom.child is None:
            tag = w("delText" if state == "del" else "t")
            t = run.find(tag)
            if t is None:
                t = etree.SubElement(run, tag)
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = (t.text or "") + atom.text
            return
        run.append(self._child(state, atom.child))
        if state == "del":
            self.comparer._to_deleted(run)
        if state != "=":
            self.comparer._note_of(run, state)
        self.key = None

    def _enter(self, state: str, wrapper: etree._Element | None) -> None:
        self.context = _wrapper_key(wrapper)
        self.wrapper = None
        if wrapper is not None:
            copied = copy.deepcopy(wrapper)
            for child in list(copied):
                copied.remove(child)
            self.wrapper = self.comparer._relink(copied) if state == "del" else copied
            self.p.append(self.wrapper)
        self.mark, self.run, self.key = None, None, None

    def _new_run(self, state: str, rpr: etree._Element | None) -> None:
        parent = self.wrapper if self.wrapper is not None else self.p
        if state == "=":
            self.mark = None
        elif (self.mark is None or self.mark.tag != w(state)
              or self.mark.getparent() is not parent or parent[-1] is not self.mark):
            self.mark = self.comparer.s.mark(state)
            parent.append(self.mark)
        self.run = etree.Element(w("r"))
        if rpr is not None:
            self.run.append(copy.deepcopy(rpr))
        (self.mark if self.mark is not None else parent).append(self.run)

    def _child(self, state: str, child: etree._Element) -> etree._Element:
        if state != "del":
            return child
        child = copy.deepcopy(child)
        if etree.QName(child).localname == "drawing":  # its picture into the new package
            holder = etree.Element(w("r"))
            holder.append(child)
            child = self.comparer.imported(holder)[0]
        return child
