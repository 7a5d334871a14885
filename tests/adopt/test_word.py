"""`reportgen adopt` for Word: four house templates (German, Czech, Russian, Norwegian; see
tests/fixtures/templates/word/make_fixtures.py for what each reproduces) go from the file as
published to a briefing in their own look with one adopt and one build."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from reportgen.adopt import adopt
from reportgen.audit.briefing import audit_briefing
from reportgen.docx.contract import briefing_path
from reportgen.errors import TemplateError
from reportgen.lint import lint_docx
from reportgen.pipeline.build import BuildOptions, build, output_paths
from reportgen.report.structure import load_structure

from ..conftest import FIXTURES, TEMPLATES, pdf_pages, require_soffice

HOUSE = FIXTURES / "templates" / "word"
MINIMAL = FIXTURES / "minimal"


@dataclass(frozen=True)
class House:
    file: str
    heading1: str  # the house's style for section headings, as report.yaml names it
    heading2: str
    colour: str  # its headings' colour, which the briefing keeps
    sample: str  # words of its sample content, which no briefing shows


HOUSES = [
    House("agentur-bericht.dotx", "Überschrift 1", "Überschrift 2", "003B6F", "Beispieltext"),
    House("zprava-sablona.dotm", "Heading 1", "2-Podnadpis", "8B0000", "Ukázkový text"),
    House("otchet.docx", "Heading 1", "Heading 2", "1F3A5F", "Текст введения"),
    House("rapport-mal.dotx", "Overskrift 1", "Overskrift 2", "12355B", "Eksempeltekst"),
]


def _adopted(tmp_path: Path, house: House) -> Path:
    folder = tmp_path / "house"
    shutil.copytree(TEMPLATES, folder)
    adopt(HOUSE / house.file, folder)
    return folder


@pytest.mark.parametrize("house", HOUSES, ids=lambda h: h.file)
def test_adopt_maps_the_roles_to_the_house_s_own_styles(tmp_path: Path, house: House) -> None:
    folder = _adopted(tmp_path, house)
    written = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    assert written["word"]["heading1"] == house.heading1
    assert written["word"]["heading2"] == house.heading2
    assert "# section headings" in (folder / "report.yaml").read_text(encoding="utf-8")
    structure = load_structure(folder)
    assert structure.word == written["word"]
    # everything the build needs is there: `check` finds nothing
    assert lint_docx(briefing_path(folder), structure, folder / "report.yaml") == []
    template = docx.Document(str(folder / "briefing.docx"))
    text = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                     for p in template.element.body.iter(qn("w:p")))  # a title band's too
    assert house.sample not in text and "Chyba!" not in text
    assert "{{ title }}" in text and "{{ marking }}" in text
    with zipfile.ZipFile(folder / "briefing.docx") as package:
        assert not [n for n in package.namelist() if "vba" in n.lower()]
        assert b"template.main" not in package.read("[Content_Types].xml")


def test_adopting_twice_replaces_the_mapping(tmp_path: Path) -> None:
    folder = _adopted(tmp_path, HOUSES[0])
    adopt(HOUSE / HOUSES[3].file, folder)
    text = (folder / "report.yaml").read_text(encoding="utf-8")
    assert text.count("\nword:") == 1 and "Overskrift 1" in text and "Überschrift" not in text
    assert load_structure(folder).sections  # the rest of report.yaml is untouched


@pytest.mark.parametrize("house", HOUSES, ids=lambda h: h.file)
def test_the_briefing_keeps_the_house_look(tmp_path: Path, house: House) -> None:
    require_soffice()
    folder = _adopted(tmp_path, house)
    out = tmp_path / "out"
    build(BuildOptions(data=MINIMAL, templates=folder, out=out, formats=("docx", "pdf")))
    paths = output_paths(MINIMAL.name, out)
    briefing = docx.Document(str(paths["docx"]))
    headings = [p for p in briefing.paragraphs if p.text == "Executive summary"]
    assert headings and headings[-1].style.name == house.heading1
    colour = headings[-1].style.element.find(f"{qn('w:rPr')}/{qn('w:color')}")
    assert colour is not None and colour.get(qn("w:val")) == house.colour
    with zipfile.ZipFile(paths["docx"]) as package:
        assert not [n for n in package.namelist() if "vba" in n.lower()]
    pages = pdf_pages(paths["pdf"])
    text = "\n".join(pages)
    assert house.sample not in text and "Error!" not in text and "Chyba!" not in text
    # every line of the contents and lists carries its page number, numbered headings or not
    contents = pages[1]
    for entry in ("Executive summary", "Key figures", "Sources"):
        line = next(line for line in contents.splitlines() if line.startswith(entry))
        assert line.rstrip()[-1].isdigit(), line
    assert not any(line.strip().upper().startswith(("1 CONTENTS", "1CONTENTS"))
                   for line in contents.splitlines())
    # the house's "Seite X von Y", "Side X av Y" … read as the edition's
    last = len(pages)
    assert f"Page {last} of {last}" in pages[-1]
    assert "Page 1 of" not in pages[0]  # the cover has no running footer
    assert "SidePage" not in text and "Side Page" not in text
    findings = audit_briefing(paths["docx"].read_bytes(), paths["docx"].name, "en")
    assert not [f for f in findings if "is not a language tag" in f.message]
    assert not [f for f in findings if "#FFFFFF on #FFFFFF" in f.message]
    assert len([f for f in findings if "script" in f.message]) <= 1


def test_the_pages_look_right(tmp_path: Path) -> None:
    """The Norwegian house's cover keeps its white title on the dark title band, and its data
    tables do not take that band's style."""
    require_soffice()
    folder = _adopted(tmp_path, HOUSES[3])
    assert yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))[
        "table_style"] == "Table Grid"
    out = tmp_path / "out"
    build(BuildOptions(data=MINIMAL, templates=folder, out=out, formats=("docx",)))
    briefing = docx.Document(str(output_paths(MINIMAL.name, out)["docx"]))
    band, *data = briefing.tables
    assert band.style.name == "Tittelband" and "Relations" in band.rows[0].cells[0].text
    assert data and {t.style.name for t in data} == {"Table Grid"}


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True,
                          text=True, cwd=cwd, check=False, env={**os.environ})


def test_check_lists_everything_the_build_would_refuse_at_once(tmp_path: Path) -> None:
    """A house template kept as briefing.dotx, not adopted: every problem at once, located,
    with its fix, and no traceback."""
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    (folder / "briefing.docx").unlink()
    shutil.copy(HOUSE / "zprava-sablona.dotm", folder / "briefing.dotm")
    result = _cli("check", "--templates", str(folder), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    err = result.stderr
    for expected in ("briefing.dotm: document.xml, paragraph 4: sample content after the cover",
                     "cross-reference to bookmark '_Ref12345'",
                     "no style for the briefing's quotations (role `quote`)",
                     "tag '{{ marking }}': missing from the cover",
                     "field NUMPAGES: missing from the running header and footer",
                     "reportgen adopt"):
        assert expected in err, err
    assert "is not a Word file" not in err and "not a complete Office file" not in err


def test_a_missing_template_is_called_missing(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    (folder / "briefing.docx").unlink()
    result = _cli("check", "--templates", str(folder), cwd=tmp_path)
    assert result.returncode == 1
    assert "briefing.docx: the Word template is missing" in result.stderr
    assert "not a complete Office file" not in result.stderr


def test_the_adopt_command_starts_a_new_folder_from_the_shipped_one(tmp_path: Path) -> None:
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    result = _cli("adopt", str(HOUSE / "agentur-bericht.dotx"), "--into", "house", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "mapped   section headings: 'Überschrift 1' (its localised name)" in result.stdout
    assert "unmapped footnotes:" in result.stdout
    assert "removed the template's sample content" in result.stdout
    assert (tmp_path / "house" / "deck.pptx").is_file()
    assert (tmp_path / "house" / "narrative").is_dir()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 cut short")
    failed = _cli("adopt", str(broken), "--into", "other", cwd=tmp_path)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert "broken.docx: not a usable Word template" in failed.stderr
    assert not (tmp_path / "other").exists()  # a failed adoption leaves no half folder


def test_a_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        adopt(tmp_path / "notes.txt", tmp_path)
    assert "not a Word or PowerPoint file" in str(caught.value)


def test_a_dotx_named_briefing_docx_is_built(tmp_path: Path) -> None:
    """A Word template saved under the name briefing.docx opens as a document (it was refused:
    "is not a Word file, content type is '…template.main+xml'")."""
    folder = _adopted(tmp_path, HOUSES[0])
    data = (folder / "briefing.docx").read_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    retyped = io.BytesIO()
    with zipfile.ZipFile(retyped, "w") as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(info, blob)
    (folder / "briefing.docx").write_bytes(retyped.getvalue())
    out = tmp_path / "out"
    build(BuildOptions(data=MINIMAL, templates=folder, out=out, formats=("docx",)))
    assert docx.Document(str(output_paths(MINIMAL.name, out)["docx"])).paragraphs


def test_a_deck_named_briefing_docx_is_called_a_powerpoint_file(tmp_path: Path) -> None:
    from pptx import Presentation

    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    Presentation().save(str(folder / "briefing.docx"))
    assert [str(p) for p in lint_docx(folder / "briefing.docx")] == [
        f"{folder / 'briefing.docx'}: not a Word file: it is a PowerPoint file (save the Word "
        "template under this name (or adopt it: reportgen adopt YOUR-TEMPLATE --into "
        "THIS-FOLDER maps and prepares it))"]


def test_python_docx_s_default_document_is_adopted_and_built(tmp_path: Path) -> None:
    """A document with no cover, no tags and no header: adopt gives it what the briefing needs
    (its own styles are Word's built-in ones) and the build takes it."""
    source = tmp_path / "plain.docx"
    docx.Document().save(str(source))
    folder = tmp_path / "house"
    shutil.copytree(TEMPLATES, folder)
    adoption = adopt(source, folder)
    assert any(line.startswith("section headings: 'Heading 1'") for line in adoption.mapped)
    assert any(line.startswith("footnotes: ") for line in adoption.unmapped)  # added
    assert any("Page X of Y" in note for note in adoption.notes)
    assert lint_docx(folder / "briefing.docx", load_structure(folder)) == []
    out = tmp_path / "out"
    build(BuildOptions(data=MINIMAL, templates=folder, out=out, formats=("docx",)))
    briefing = docx.Document(str(output_paths(MINIMAL.name, out)["docx"]))
    assert any(p.style.name == "Heading 1" and p.text == "Executive summary"
               for p in briefing.paragraphs)


def test_adopt_reads_a_house_template_as_any_template_is_read(tmp_path: Path) -> None:
    """A house file whose picture is linked to a file of the machine is refused at its part by
    adopt itself (reportgen/package/), before anything is written into the folder."""
    source = tmp_path / "house.docx"
    with zipfile.ZipFile(TEMPLATES / "briefing.docx") as original, \
            zipfile.ZipFile(source, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdLinked" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/image" Target="file:///etc/hostname" '
                    b'TargetMode="External"/></Relationships>'))
            copy.writestr(item, data)
    into = tmp_path / "house"
    into.mkdir()
    with pytest.raises(TemplateError) as refused:
        adopt(source, into)
    shown = str(refused.value)
    assert "house.docx" in shown and "word/_rels/document.xml.rels" in shown, shown
    assert "/etc/hostname" not in shown
    assert not (into / "briefing.docx").exists()
