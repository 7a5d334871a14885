"""A PowerPoint template (.potx, .potm) or macro-enabled deck (.pptm) opened as the plain
presentation it holds: only the main part's declared content type differs."""

from __future__ import annotations

import io
import re
import zipfile

PRESENTATION = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
# The template, macro-enabled template, macro-enabled presentation and slide show main types.
OTHER_MAINS = re.compile(
    rb"application/vnd\.(?:openxmlformats-officedocument\.presentationml\.(?:template|slideshow)"
    rb"\.main\+xml|ms-powerpoint\.(?:template|presentation|slideshow)\.macroEnabled\.main\+xml)")


def as_presentation(data: bytes) -> io.BytesIO:
    """data, with its main part declared a presentation; anything else is left as it is (a file
    that is no zip is left for the caller's opening to refuse)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return io.BytesIO(data)
    fixed = OTHER_MAINS.sub(PRESENTATION, types)
    if fixed == types:
        return io.BytesIO(data)
    out = io.BytesIO()
    with archive, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            copy.writestr(info, fixed if info.filename == "[Content_Types].xml"
                          else archive.read(info))
    out.seek(0)
    return out
