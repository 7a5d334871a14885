"""Word footnotes: the footnotes part with its separators, and the notes appended to it."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run as DocxRun
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = R_NS + "/footnotes"
# Word's own numbering of the two separator notes; real notes count up from 1.
SEPARATORS = (("separator", -1), ("continuationSeparator", 0))
# What may follow w:footnotePr in settings.xml (CT_Settings is a strict sequence).
_AFTER_FOOTNOTE_PR = (
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
    "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
    "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
    "w:decimalSymbol", "w:listSeparator",
)


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def empty_footnotes_xml() -> bytes:
    """A footnotes part holding only the separator lines Word draws above the notes."""
    notes = "".join(
        f'<w:footnote w:type="{kind}" w:id="{number}"><w:p><w:pPr>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"<w:r><w:{kind}/></w:r></w:p></w:footnote>"
        for kind, number in SEPARATORS)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}">{notes}</w:footnotes>').encode()


def footnotes_part(doc: DocumentObject) -> Part:
    """The document's footnotes part; created, with its separators, if the template has none."""

    for rel in doc.part.rels.values():
        if rel.reltype == FOOTNOTES_REL and not rel.is_external:
            return rel.target_part
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, empty_footnotes_xml(),
                doc.part.package)
    doc.part.relate_to(part, FOOTNOTES_REL)
    _declare_separators(doc)
    return part


def _declare_separators(doc: DocumentObject) -> None:
    """Name the separator notes in settings.xml, as Word does (w:footnotePr)."""

    settings = doc.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    props = OxmlElement("w:footnotePr")
    for _, number in SEPARATORS:
        ref = OxmlElement("w:footnote")
        ref.set(qn("w:id"), str(number))
        props.append(ref)
    settings.insert_element_before(props, *_AFTER_FOOTNOTE_PR)


class Footnotes:
    """Appends notes to the footnotes part; save() writes the part back before the package is."""

    def __init__(self, doc: DocumentObject, text_style: str, reference_style: str) -> None:
        self.part = footnotes_part(doc)
        self.root = etree.fromstring(self.part.blob)
        self.text_style = text_style
        self.reference_style = reference_style
        numbers = [int(n.get(_w("id"))) for n in self.root.iter(_w("footnote"))]
        self.next_id = max([0, *numbers]) + 1
        self.count = 0

    def add(self, run: DocxRun, text: str) -> int:
        """Make run (an empty python-docx run) the reference mark of a new note saying text."""

        number = self.next_id
        self.next_id += 1
        self.count += 1
        note = etree.SubElement(self.root, _w("footnote"), {_w("id"): str(number)})
        paragraph = etree.SubElement(note, _w("p"))
        ppr = etree.SubElement(paragraph, _w("pPr"))
        etree.SubElement(ppr, _w("pStyle"), {_w("val"): self.text_style})
        mark = etree.SubElement(paragraph, _w("r"))
        self._reference_props(mark)
        etree.SubElement(mark, _w("footnoteRef"))
        for piece in (" ", text):
            t = etree.SubElement(etree.SubElement(paragraph, _w("r")), _w("t"))
            t.text = piece
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

        self._reference_props(run._r)
        etree.SubElement(run._r, _w("footnoteReference"), {_w("id"): str(number)})
        return number

    def _reference_props(self, r: etree._Element) -> None:
        rpr = r.find(_w("rPr"))
        if rpr is None:
            rpr = etree.Element(_w("rPr"))
            r.insert(0, rpr)
        rpr.insert(0, etree.Element(_w("rStyle"), {_w("val"): self.reference_style}))

    def save(self) -> None:
        self.part._blob = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)
