"""What a template may hold (package/): the limits of the zip, what is refused, what is removed
(macros) and which Word fields are replaced by their text. The limits are read at each use, so
that a test can lower them."""

from __future__ import annotations

import re

from lxml import etree

MAX_PARTS = 2000
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel picture; Pillow's own bomb limit is 89 million

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MS_R = "http://schemas.microsoft.com/office/2006/relationships/"
XLINK = "http://www.w3.org/1999/xlink"
R_NS = R.rstrip("/")
VML = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"

LINK_SCHEMES = {"http", "https", "mailto"}

# Relationship types whose target is macro code or what calls it: the part and the link go.
MACRO_RELATIONSHIPS = {
    MS_R + "vbaProject", MS_R + "wordVbaData", MS_R + "keyMapCustomizations",
    MS_R + "attachedToolbars", MS_R + "ui/extensibility", MS_R + "ui/customUI",
    "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
    R + "attachedToolbars",
}
MACRO_TYPES = {
    "application/vnd.ms-office.vbaProject", "application/vnd.ms-word.vbaData+xml",
    "application/vnd.ms-word.keyMapCustomizations+xml", "application/vnd.ms-word.attachedToolbars",
    "application/vnd.ms-office.vbaProjectSignature",
    "application/vnd.ms-office.vbaProjectSignatureAgile",
    "application/vnd.ms-office.vbaProjectSignatureV3",
}
# The macro-enabled main parts, and the same document without macros.
MACRO_FREE = {
    "application/vnd.ms-word.document.macroEnabled.main+xml":
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml":
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml":
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml":
        "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml":
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
}
# Relationship types refused wherever they point: content pulled in, or code that runs.
REFUSED_RELATIONSHIPS = {
    R + "oleObject": "an embedded OLE object",
    R + "control": "an ActiveX control",
    MS_R + "activeXControlBinary": "an ActiveX control",
    R + "aFChunk": "an altChunk (a document imported whole when opened)",
    R + "subDocument": "a subdocument",
    R + "attachedTemplate": "an attached template",
    R + "mailMergeSource": "a mail-merge data source",
    R + "mailMergeHeaderSource": "a mail-merge header source",
    R + "recipientData": "mail-merge recipient data",
    R + "frame": "a frame showing another document",
}
# Content types of parts refused: OLE, ActiveX, macro-enabled embedded packages.
REFUSED_TYPE_WORDS = ("oleobject", "activex", "macroenabled", "ms-excel.sheet.binary",
                      "ms-excel.addin", "ms-office.vbaproject")
ACCEPTED_TYPE_PREFIXES = (
    "application/vnd.openxmlformats-", "application/vnd.ms-office.", "application/vnd.ms-word.",
    "application/vnd.ms-powerpoint.", "application/vnd.ms-excel.", "image/",
    "application/xml", "text/xml", "application/x-font", "application/font",
    "application/vnd.ms-fontobject", "application/vnd.ms-package.obfuscated-opentype", "font/",
    "application/x-fontdata", "application/octet-stream",
)
# Embedded packages checked as packages in their own right (a native chart's workbook).
NESTED_PACKAGES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

# Word fields. PULLING ones read or run something outside the document: refused. SAFE ones
# depend on the document alone (reportgen writes some of them itself). Every other field
# (DATE, TIME, FILENAME, USERNAME, DOCPROPERTY, …) depends on the machine or the time and is
# replaced by the text it last showed.
PULLING_FIELDS = {"INCLUDETEXT", "INCLUDEPICTURE", "INCLUDE", "LINK", "DDE", "DDEAUTO", "IMPORT",
                  "RD", "DATABASE", "MACROBUTTON", "PRINT", "AUTOTEXT", "AUTOTEXTLIST",
                  "GLOSSARY", "FILLIN", "ASK", "EMBED", "GOTOBUTTON", "ADDIN", "DATA"}
SAFE_FIELDS = {"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "TOC", "PAGEREF", "REF", "SEQ",
               "STYLEREF", "NOTEREF", "TC", "XE", "INDEX", "TOA", "TA", "SYMBOL", "=", "IF",
               "LISTNUM", "AUTONUM", "AUTONUMLGL", "AUTONUMOUT", "ADVANCE", "EQ", "FORMTEXT",
               "FORMCHECKBOX", "FORMDROPDOWN", "BIDIOUTLINE", "TITLE", "SUBJECT", "KEYWORDS",
               "COMMENTS", "COMPARE", "QUOTE", "HYPERLINK", "SET", "NEXT", "NEXTIF", "SKIPIF"}
REFUSED_ACTIONS = ("ppaction://program", "ppaction://macro", "ppaction://ole")
SVG_OUTSIDE = re.compile(rb"url\(\s*['\"]?\s*(?!#)|@import", re.I)
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          dtd_validation=False, huge_tree=False)
