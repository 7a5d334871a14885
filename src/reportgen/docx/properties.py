"""The briefing's document properties: title, author, dates and subject from the report, and
the organisation as the extended property Company."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from lxml import etree

from reportgen.report.tree import Report


def set_properties(doc: DocumentObject, report: Report) -> None:
    report.properties.apply(doc.core_properties)
    doc.core_properties.comments = ""
    doc.core_properties.category = ""
    set_company(doc, report.properties.author)


def set_company(doc: DocumentObject, organisation: str) -> None:
    """The organisation as the extended property Company (File › Info in Word)."""

    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    for part in doc.part.package.parts:
        if part.partname == "/docProps/app.xml":
            root = etree.fromstring(part.blob)
            company = root.find(f"{{{ns}}}Company")
            if company is not None:
                company.text = organisation
                part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                            standalone=True)
