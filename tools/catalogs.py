"""Bring every translated wording catalog up to date with en.po and report.yaml, then check them.

`make catalogs` runs this. en.po is the template (its msgids are the keys); the section titles of
templates/report.yaml are offered as `section.<id>`. Each other templates/locale/LANG.po is
updated with Babel (new keys added untranslated, changed English marked fuzzy, dropped keys
removed), and then every catalog is checked as the tests check it: nothing missing, fuzzy or with
other {fields} than en.po. Exit status 1 while any translation is incomplete.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from reportgen.report.catalog import SOURCE, completeness, locales
from reportgen.report.structure import load_structure

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def template(templates: Path) -> Catalog:
    """en.po's keys, and a `section.<id>` per section of report.yaml, as a gettext template."""
    with (templates / "locale" / f"{SOURCE}.po").open("rb") as f:
        source = read_po(f, locale=SOURCE)
    pot = Catalog(locale=None, header_comment="", fuzzy=False)
    for message in source:
        if message.id:
            pot.add(message.id, user_comments=message.user_comments,
                    auto_comments=[f"en: {message.string}"] if message.string else [])
    for section in load_structure(templates).sections:
        pot.add(f"section.{section.id}", auto_comments=[f"en: {section.title}"])
    return pot


def update(templates: Path) -> int:
    pot = template(templates)
    sections = {s.id for s in load_structure(templates).sections}
    failed = 0
    for language in locales(templates):
        if language == SOURCE:
            continue
        path = templates / "locale" / f"{language}.po"
        text = path.read_text(encoding="utf-8")
        with path.open("rb") as f:
            catalog = read_po(f, locale=language)
        catalog.update(pot)
        catalog.obsolete.clear()  # a key en.po no longer has is gone, not kept commented out
        body = io.BytesIO()
        # The file's own header (comments, Language) is kept as written: no dates that change on
        # every run, since a catalog is an input whose hash the build manifest records.
        write_po(body, catalog, width=100, omit_header=True, no_location=True,
                 include_previous=True)
        header = text.split("\n\n", 1)[0]
        path.write_text(header + "\n\n" + body.getvalue().decode("utf-8"), encoding="utf-8")
        problems = completeness(templates, language, sections)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{path.relative_to(templates.parent)}: {len(catalog) - 1} entries, "
              f"{len(problems)} to translate or review")
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(update(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATES))
