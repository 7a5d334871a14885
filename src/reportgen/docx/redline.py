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

alignment.py says what pairs with what; tracked.py writes the w:ins and w:del; this module walks
the two documents, container by container, and joins the two.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import io
from collections.abc import Callable

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from lxml import etree

from reportgen.docx.alignment import DRAWN, WP, Atom, atoms_of, deleted_not_last, pairing, w
from reportgen.docx.comments import comment
from reportgen.docx.tracked import ChartChange, Redline, Runs, Tracker


class Comparer(Tracker):
    """Writes the tracked changes of the old document into the new one, in place."""

    # --- blocks -----------------------------------------------------------------------------
    def blocks(self, old: list[etree._Element], new: list[etree._Element], last_mark: bool
               ) -> list[etree._Element]:
        """The merged content of a container (body, cell, footnote)."""
        out: list[etree._Element] = []
        pairs = pairing(old, new)
        for a, b in pairs if last_mark else deleted_not_last(pairs):
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

    # --- tables -----------------------------------------------------------------------------
    def table(self, a: etree._Element, b: etree._Element) -> etree._Element:
        old_rows, new_rows = a.findall(w("tr")), b.findall(w("tr"))
        merged: list[etree._Element] = []
        for ra, rb in pairing(old_rows, new_rows):
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
        old_atoms, new_atoms = atoms_of(a), atoms_of(b)
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
            rids = DRAWN(el)
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
        writer = Runs(self, p)
        for state, atom in pieces:
            if atom.before is not None and state != "del":
                writer.marks(atom.before)
            if atom.key != ("end",):
                writer.add(state, atom)
        return p


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

