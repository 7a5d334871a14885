"""Same inputs, same bytes: fixed zip entry times and order, and a normalised PDF date and /ID;
the PDF's /Lang set to the edition's language."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import zipfile

_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:(\d{14})")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
# LibreOffice adds a checksum of the document, which includes its dates, to the trailer.
_PDF_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")
_PDF_LANG = re.compile(rb"/Lang\s*\(([A-Za-z0-9-]*)\)")
# The XMP metadata a PDF/UA export carries repeats the creation time (uncompressed).
_XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)"
                       rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
# LibreOffice (7.4) escapes the XMP's title, author, subject and keywords twice: "Trade &amp;amp;
# Investment" reads "Trade &amp; Investment" in a PDF reader.
_XMP_TEXT = re.compile(rb"(<(rdf:li|pdf:Keywords)\b[^>]*>)([^<]*)(</\2>)")
_TWICE = re.compile(rb"&amp;(amp|lt|gt|quot|apos);")


def build_time(as_of: dt.datetime) -> dt.datetime:
    """The time stamped into outputs: SOURCE_DATE_EPOCH when set, else the dataset's as-of date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return as_of


def normalize_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite an OOXML package with one fixed time on every entry, [Content_Types].xml first."""
    stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.UTC)).timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        names.sort(key=lambda n: n != "[Content_Types].xml")  # stable: keeps the rest in order
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in names:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3
                info.external_attr = 0o644 << 16
                target.writestr(info, _normalize_part(name, source.read(name), when),
                                compresslevel=6)
    return out.getvalue()


def _normalize_part(name: str, data: bytes, when: dt.datetime) -> bytes:
    """Embedded packages (a native chart's workbook) and core properties carry times too."""
    if name.endswith((".xlsx", ".docx", ".pptx")):
        return normalize_zip(data, when)
    if name.endswith("docProps/core.xml"):
        iso = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        return _CORE_TIME.sub(lambda m: m.group(1) + iso + m.group(2), data)
    return data


def normalize_pdf(data: bytes, when: dt.datetime) -> bytes:
    """Fix the creation/modification dates and the /ID of a PDF, keeping every byte offset.

    Replacements have the same length as what they replace, so the xref table stays valid.
    """
    digits = when.strftime("%Y%m%d%H%M%S").encode()
    # Only the digits: what is between the name and the date stays (qpdf writes a space).
    data = _PDF_DATE.sub(lambda m: m.group(0)[:-len(digits)] + digits, data)
    iso = when.strftime("%Y-%m-%dT%H:%M:%S").encode()
    data = _XMP_DATE.sub(lambda m: m.group(1) + iso, data)
    data = _XMP_TEXT.sub(_escaped_once, data)

    def fill(pattern: re.Pattern[bytes], text: bytes, value: bytes) -> bytes:
        def one(m: re.Match[bytes]) -> bytes:
            out = m.group(0)
            for group in m.groups():
                out = out.replace(group, (value * 4)[:len(group)], 1)
            return out
        return pattern.sub(one, text)

    blank = fill(_PDF_CHECKSUM, fill(_PDF_ID, data, b"0"), b"0")
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode()
    return fill(_PDF_CHECKSUM, fill(_PDF_ID, data, digest), digest)


def _escaped_once(m: re.Match[bytes]) -> bytes:
    """An XMP text escaped once, padded after its closing tag (whitespace between elements) so
    that the packet keeps its length and every byte offset of the PDF stays."""
    text = _TWICE.sub(rb"&\1;", m.group(3))
    return m.group(1) + text + m.group(4) + b" " * (len(m.group(3)) - len(text))


def set_pdf_language(data: bytes, tag: str) -> bytes:
    """The catalog's /Lang as the edition's language (zh-CN), where LibreOffice wrote another.

    LibreOffice takes /Lang from the document's language for Latin-script text, which a CJK
    edition keeps as the template's. The new tag replaces the old in place, padded with spaces
    (allowed between PDF tokens) so that every byte offset stays; a longer tag is left alone.
    """
    def one(m: re.Match[bytes]) -> bytes:
        old, new = m.group(0), b"/Lang(" + tag.encode("ascii") + b")"
        same = m.group(1).decode("ascii").split("-")[0] == tag.split("-")[0]
        return old if same or len(new) > len(old) else new.ljust(len(old))
    return _PDF_LANG.sub(one, data, count=1)
