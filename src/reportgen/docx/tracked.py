"""Tracked changes written into the new briefing (docx/redline.py decides where): the state of
one comparison (revision ids, footnotes, pictures), a block only one side has tracked whole, a
block of the previous briefing imported into the new package, and a paragraph's pieces written
back as runs inside w:ins and w:del.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field

from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from reportgen.docx.alignment import WP, A, Atom, C, R, rpr_key, w, wrapper_key
from reportgen.docx.charts import add_chart_part
from reportgen.docx.comments import AUTHOR
from reportgen.render.native_chart import WORKBOOK_RID, NativeChart


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


class Tracker:
    """Tracks whole blocks and imports the old document's content into the new one."""

    def __init__(self, state: Redline) -> None:
        self.s = state

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
                self.to_deleted(r)
            self.note_of(r, kind)
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
    def to_deleted(r: etree._Element) -> None:
        for t in r.findall(w("t")):
            t.tag = w("delText")
        for t in r.findall(w("instrText")):
            t.tag = w("delInstrText")

    def note_of(self, r: etree._Element, kind: str) -> None:
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
            self.unmark_last(note)

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
    def unmark_last(container: etree._Element) -> None:
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

    def relink(self, wrapper: etree._Element) -> etree._Element:
        holder = etree.Element(w("p"))
        holder.append(wrapper)
        return self.imported(holder)[0]


class Runs:
    """Writes a paragraph's pieces back as runs: a run per state and formatting, inside a copy
    of the wrapper (hyperlink) its atoms came from, deleted and inserted runs in w:del, w:ins."""

    def __init__(self, tracker: Tracker, p: etree._Element) -> None:
        self.tracker, self.p = tracker, p
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
        if wrapper_key(atom.wrapper) != self.context:
            self._enter(state, atom.wrapper)
        key = (state, rpr_key(atom.rpr))
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
            self.tracker.to_deleted(run)
        if state != "=":
            self.tracker.note_of(run, state)
        self.key = None

    def _enter(self, state: str, wrapper: etree._Element | None) -> None:
        self.context = wrapper_key(wrapper)
        self.wrapper = None
        if wrapper is not None:
            copied = copy.deepcopy(wrapper)
            for child in list(copied):
                copied.remove(child)
            self.wrapper = self.tracker.relink(copied) if state == "del" else copied
            self.p.append(self.wrapper)
        self.mark, self.run, self.key = None, None, None

    def _new_run(self, state: str, rpr: etree._Element | None) -> None:
        parent = self.wrapper if self.wrapper is not None else self.p
        if state == "=":
            self.mark = None
        elif (self.mark is None or self.mark.tag != w(state)
              or self.mark.getparent() is not parent or parent[-1] is not self.mark):
            self.mark = self.tracker.s.mark(state)
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
            child = self.tracker.imported(holder)[0]
        return child
