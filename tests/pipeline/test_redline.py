"""`reportgen diff --redline`: the new briefing with every change since the previous build as
Word tracked changes. Built twice (a figure, a sentence, an event and a translation changed, an
event added), the redline is reopened: its revisions are named and dated, accepting them all
gives the new briefing paragraph by paragraph (footnotes too), rejecting them all the previous
one; it validates against the ISO/IEC 29500 schemas, and LibreOffice renders it with the changes
shown. `--comments` puts the open questions at the exact text they are about."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from lxml import etree

from reportgen.cli import cli
from reportgen.pipeline.build import BuildOptions, build, output_paths
from reportgen.pipeline.plan import editions
from reportgen.pipeline.redline import write_redline
from reportgen.render.pdf import convert_to_pdf, find_soffice

from ..conftest import DATA, FIXTURES, TEMPLATES, Built, pdf_text, require_soffice
from ..ooxml import package_problems, schema_errors

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
NEW_EVENT = """
  - id: business_forum_added
    area: economy
    title: Business forum of the two countries' companies in Baku
    short_title: Business forum in Baku
    period: 2025-06
    sources: [report]
"""


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class Pair:
    before: Path  # the previous build's briefing
    after: Path  # the new build's briefing
    redline: Path
    figure: tuple[str, str]  # the changed figure's value as written, before and after


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _change_data(data: Path) -> tuple[str, str]:
    """A new edition of the data: a key figure up a tenth, a fact's sentence reworded, an
    event retitled and one added, and the retitled event's Azerbaijani title changed."""
    metric = next(m for m in yaml.safe_load((data / "metrics.yaml").read_text("utf-8"))["metrics"]
                  if m.get("key"))
    new_value = round(metric["value"] * 1.1)
    _edit(data / "metrics.yaml", f"value: {metric['value']}\n", f"value: {new_value}\n")
    _edit(data / "facts.yaml", "marked by continuous\n", "marked by steady\n")
    _edit(data / "events.yaml", "title: State visit by President Ilham Aliyev to China\n",
          "title: State visit to China by President Ilham Aliyev\n")
    anchor = "\n  - id: sco_summit_visit"
    _edit(data / "events.yaml", anchor, NEW_EVENT + anchor)
    _edit(data / "translations" / "az.yaml", "title: Prezident İlham Əliyevin Çinə dövlət səfəri\n",
          "title: Prezident İlham Əliyevin Çin Xalq Respublikasına dövlət səfəri\n")
    return str(metric["value"]), str(new_value)


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pair]:
    """For each edition (en, az): the briefing before and after, and the redline between."""
    root = tmp_path_factory.mktemp("redline")
    data = root / "data" / DATA.name  # the same name, so the outputs have the same names
    shutil.copytree(DATA, data)
    base = BuildOptions(data=data, templates=TEMPLATES, out=root / "out", formats=("docx",))
    chosen = [o for o in editions(base, "all") if o.locale in (None, "en", "az")]
    for options in chosen:
        build(options)
    kept = root / "kept"
    shutil.copytree(base.folder, kept)
    figure = _change_data(data)
    found = {}
    for options in chosen:
        build(options)
        target = root / f"redline-{options.edition or 'en'}.docx"
        write_redline(options, target, before=kept)
        name = output_paths(base.name, Path(), options.edition)["docx"].name
        found[options.edition or "en"] = Pair(kept / name, base.folder / name, target, figure)
    return found


def _root(path: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    i = parent.index(el)
    for child in reversed(list(el)):
        parent.insert(i, child)
    parent.remove(el)


def _resolve(root: etree._Element, keep: str) -> etree._Element:
    """Accept ("ins") or reject ("del") every tracked change, by transforming the XML as Word
    does: the other kind's content and its paragraphs and rows go, the kept kind is unwrapped."""
    root = copy.deepcopy(root)
    drop = "del" if keep == "ins" else "ins"
    for p in root.xpath(f"//w:p[w:pPr/w:rPr/w:{drop}]", namespaces=NS):
        assert not p.xpath(f".//w:t[not(ancestor::w:{drop})]", namespaces=NS), \
            "a paragraph whose mark is tracked keeps untracked text"
        p.getparent().remove(p)
    for tr in root.xpath(f"//w:tr[w:trPr/w:{drop}]", namespaces=NS):
        tr.getparent().remove(tr)
    for el in root.xpath(f"//w:{drop}", namespaces=NS):
        el.getparent().remove(el)
    for el in root.xpath(f"//w:{keep}[w:r or w:hyperlink or w:fldSimple]", namespaces=NS):
        _unwrap(el)
    for t in root.iter(w("delText")):
        t.tag = w("t")
    for t in root.iter(w("delInstrText")):
        t.tag = w("instrText")
    assert not root.xpath("//w:ins[w:r]|//w:del[w:r]", namespaces=NS)
    return root


def _paragraphs(root: etree._Element) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(w("t"))) for p in root.iter(w("p"))]


def _notes(document: etree._Element, notes: etree._Element) -> list[list[str]]:
    """The text of each footnote, in the order the body refers to them."""
    by_id = {n.get(w("id")): n for n in notes.iter(w("footnote"))}
    return [_paragraphs(by_id[r.get(w("id"))]) for r in document.iter(w("footnoteReference"))]


def _revisions(path: Path) -> list[etree._Element]:
    return [el for part in ("word/document.xml", "word/footnotes.xml")
            for el in _root(path, part).iter(w("ins"), w("del"))]


@pytest.mark.parametrize("edition", ["en", "az"])
def test_accepting_gives_the_new_briefing_and_rejecting_the_previous(
        pairs: dict[str, Pair], edition: str) -> None:
    pair = pairs[edition]
    red, new, old = _root(pair.redline), _root(pair.after), _root(pair.before)
    assert _paragraphs(_resolve(red, "ins")) == _paragraphs(new)
    assert _paragraphs(_resolve(red, "del")) == _paragraphs(old)
    assert _paragraphs(new) != _paragraphs(old)
    notes = _root(pair.redline, "word/footnotes.xml")
    assert (_notes(_resolve(red, "ins"), _resolve(notes, "ins"))
            == _notes(new, _root(pair.after, "word/footnotes.xml")))
    assert (_notes(_resolve(red, "del"), _resolve(notes, "del"))
            == _notes(old, _root(pair.before, "word/footnotes.xml")))


def test_the_other_way_round_deletions_are_tracked_too(pairs: dict[str, Pair],
                                                       tmp_path: Path) -> None:
    """The previous briefing against the new one: the added event's paragraphs are deleted
    paragraphs, and rejecting gives the new briefing back."""
    from reportgen.docx.redline import redline

    pair = pairs["en"]
    doc, revisions, _ = redline(pair.after.read_bytes(), pair.before.read_bytes(),
                                  lambda a, b: f"{a} → {b}")
    doc.save(tmp_path / "back.docx")
    red = _root(tmp_path / "back.docx")
    assert revisions and red.xpath("//w:p[w:pPr/w:rPr/w:del]", namespaces=NS)
    deleted = " ".join(t.text for t in red.iter(w("delText")))
    assert "Business forum of the two countries' companies in Baku" in deleted
    assert _paragraphs(_resolve(red, "ins")) == _paragraphs(_root(pair.before))
    assert _paragraphs(_resolve(red, "del")) == _paragraphs(_root(pair.after))


def test_revisions_are_named_and_dated_from_the_data(pairs: dict[str, Pair]) -> None:
    pair = pairs["en"]
    revisions = _revisions(pair.redline)
    assert len(revisions) > 10
    modified = Document(str(pair.after)).core_properties.modified
    assert {r.get(w("author")) for r in revisions} == {"reportgen"}
    assert {r.get(w("date")) for r in revisions} == {modified.strftime("%Y-%m-%dT%H:%M:%SZ")}
    ids = [r.get(w("id")) for r in revisions]
    assert len(set(ids)) == len(ids)
    # python-docx reopens it, and sees the new text where nothing was deleted.
    assert Document(str(pair.redline)).paragraphs


def test_the_changed_items_are_marked_where_they_appear(pairs: dict[str, Pair]) -> None:
    pair = pairs["en"]
    red = _root(pair.redline)
    inserted = " ".join(t.text or "" for t in red.xpath("//w:ins//w:t", namespaces=NS))
    deleted = " ".join(t.text or "" for t in red.xpath("//w:del//w:delText", namespaces=NS))
    assert "steady" in inserted and "continuous" in deleted
    assert "Business forum of the two countries' companies in Baku" in inserted
    # The figure changed in the summary's prose, the key-figures table and its footnotes.
    assert red.xpath("//w:tbl//w:ins//w:t", namespaces=NS)
    assert red.xpath("//w:tbl//w:del//w:delText", namespaces=NS)
    notes = _root(pair.redline, "word/footnotes.xml")
    assert notes.xpath("//w:ins//w:t", namespaces=NS) and notes.xpath("//w:del", namespaces=NS)
    # The changed chart keeps the new picture and carries a comment naming the change.
    comments = _root(pair.redline, "word/comments.xml")
    texts = ["".join(t.text or "" for t in c.iter(w("t"))) for c in comments.iter(w("comment"))]
    assert any(t.startswith("Chart redrawn from changed data:") and "→" in t for t in texts)
    start = red.xpath("//w:commentRangeStart", namespaces=NS)[0]
    assert start.getnext().find(f".//{w('drawing')}") is not None
    # The Azerbaijani edition marks its changed translation.
    az = _root(pairs["az"].redline)
    assert "Xalq" in " ".join(t.text or "" for t in az.xpath("//w:ins//w:t", namespaces=NS))


def test_one_changed_figure_marks_that_figure_only(tmp_path: Path) -> None:
    """The issue's acceptance case: a scheduled regeneration changes one figure; every tracked
    change is that figure (or the estimate reportgen derives from it), and nothing else."""
    data = tmp_path / "data" / DATA.name
    shutil.copytree(DATA, data)
    options = BuildOptions(data=data, templates=TEMPLATES, out=tmp_path / "out",
                           formats=("docx",))
    build(options)
    kept = tmp_path / "kept"
    shutil.copytree(options.folder, kept)
    _edit(data / "metrics.yaml", "value: 57000\n", "value: 61000\n")  # tourist arrivals
    build(options)
    result = write_redline(options, tmp_path / "redline.docx", before=kept)
    # What the manifests say the figure was and is, and the estimate derived from it.
    said = [json.loads((folder / "manifest.json").read_text("utf-8"))["content"]["figures"]
            for folder in (kept, options.folder)]
    figure = next(key for key in said[1] if said[0][key] != said[1][key])
    words = {word.strip("(≈)") for figures in said for field in ("text", "estimate")
             for word in (figures[figure][field] or "").split()}
    revisions = [r for r in _revisions(result.path) if r.find(w("r")) is not None]
    changed = {"".join(t.text or "" for t in r.iter(w("t"), w("delText"))).strip("(≈) ")
               for r in revisions}
    assert len(revisions) >= 8 and changed <= words, (changed, words)
    # Only run revisions: no paragraph, row or footnote was tracked whole.
    assert len(revisions) == len(_revisions(result.path))
    # Everywhere the figure appears: prose, the key-figures table, the footnotes.
    body = _root(result.path)
    assert body.xpath("//w:ins[not(ancestor::w:tbl)]//w:t", namespaces=NS)
    assert body.xpath("//w:tbl//w:ins//w:t", namespaces=NS)
    assert _root(result.path, "word/footnotes.xml").xpath("//w:ins//w:t", namespaces=NS)


def test_the_redline_validates_against_the_ooxml_schemas(pairs: dict[str, Pair]) -> None:
    for pair in pairs.values():
        assert package_problems(pair.redline) == []
        assert not schema_errors(pair.redline) - schema_errors(TEMPLATES / "briefing.docx")


def test_libreoffice_shows_the_changes(pairs: dict[str, Pair], tmp_path: Path) -> None:
    require_soffice()
    pair = pairs["en"]
    pdf = tmp_path / "redline.pdf"
    pdf.write_bytes(convert_to_pdf(pair.redline.read_bytes(), ".docx"))
    text = pdf_text(pdf)
    # Both the deleted and the inserted wording are on the page, as Word shows a redline.
    assert "continuous" in text and "steady" in text
    assert "Business forum of the two countries" in text
    # LibreOffice reads them as tracked changes, by reportgen: its own format keeps them so.
    subprocess.run([find_soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "odt", "--outdir", str(tmp_path),
                    str(pair.redline)], check=True, capture_output=True, timeout=300)
    with zipfile.ZipFile(tmp_path / (pair.redline.stem + ".odt")) as z:
        content = etree.fromstring(z.read("content.xml"))
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    regions = list(content.iter(f"{{{text_ns}}}changed-region"))
    creators = {c.text for c in content.iter("{http://purl.org/dc/elements/1.1/}creator")}
    assert len(regions) >= len(_revisions(pair.redline)) // 2 and creators == {"reportgen"}


def _covered(body: etree._Element, comment_id: int) -> str:
    """The text a comment's range covers (its range is within one paragraph)."""
    start = body.xpath(f"//w:commentRangeStart[@w:id='{comment_id}']", namespaces=NS)[0]
    covered = []
    for el in start.itersiblings():
        if el.tag == w("commentRangeEnd") and el.get(w("id")) == str(comment_id):
            break
        covered += [t.text or "" for t in el.iter(w("t"))]
    return "".join(covered)


def _libreoffice_annotations(path: Path, folder: Path) -> int:
    """How many comments LibreOffice reads in a .docx (as annotations of its own format)."""
    subprocess.run([find_soffice(), f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--convert-to", "odt", "--outdir", str(folder), str(path)],
                   check=True, capture_output=True, timeout=300)
    with zipfile.ZipFile(folder / (path.stem + ".odt")) as z:
        content = etree.fromstring(z.read("content.xml"))
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    return len(list(content.iter(f"{{{office}}}annotation")))


def test_open_questions_as_comments_at_the_exact_text(tmp_path: Path) -> None:
    """A fixture with figures for the year before the briefing's, one of which a second source
    gives otherwise: each is commented, the comment's range covering exactly the figure as the
    briefing shows it; the package still validates."""
    source = tmp_path / "georgia-armenia-2024"
    shutil.copytree(FIXTURES / source.name, source)
    _edit(source / "metrics.yaml", "    compare_with: bilateral_trade_2023\n",
          "    compare_with: bilateral_trade_2023\n"
          "    alternatives: [{value: 850000000, qualifier: nearly, sources: [jamnews]}]\n")
    options = BuildOptions(data=source, templates=TEMPLATES, out=tmp_path / "out",
                           formats=("docx",))
    build(options)
    result = write_redline(options, tmp_path / "questions.docx", before=options.folder,
                           comments=True)
    assert result.revisions == 0 and result.comments >= 3
    comments = list(Document(str(result.path)).comments)
    assert len(comments) == result.comments
    assert {c.author for c in comments} == {"reportgen"}
    figures = json.loads((options.folder / "manifest.json").read_text("utf-8"))["content"][
        "figures"]
    body = _root(result.path)
    older = [c for c in comments if "older than the briefing's year 2024" in c.text]
    assert len(older) >= 3
    for comment in older:
        # "Open question: Bilateral trade, 2023 is for 2023, …": on that figure's text.
        label = comment.text.removeprefix("Open question: ").split(" is for ")[0]
        assert _covered(body, comment.comment_id) in {
            f["text"] for f in figures.values() if f["label"] == label}
    disagree = [c for c in comments if "the sources disagree on Bilateral trade" in c.text]
    assert len(disagree) == 1 and "nearly $850 million" in disagree[0].text
    assert _covered(body, disagree[0].comment_id) == figures["bilateral_trade"]["text"]
    assert package_problems(result.path) == []
    assert not schema_errors(result.path) - schema_errors(TEMPLATES / "briefing.docx")
    if find_soffice():
        assert _libreoffice_annotations(result.path, tmp_path) == len(comments)


def test_unreviewed_translation_comments(tmp_path: Path) -> None:
    """The Azerbaijani edition (unreviewed): a translated event title carries a comment that
    covers exactly that title and names its field; estimates carry theirs."""
    options = next(o for o in editions(BuildOptions(data=DATA, templates=TEMPLATES,
                                                    out=tmp_path / "out", formats=("docx",)),
                                       "all") if o.locale == "az")
    build(options)
    result = write_redline(options, tmp_path / "az.docx", before=options.folder, comments=True)
    title = yaml.safe_load((DATA / "translations" / "az.yaml").read_text("utf-8"))[
        "events.yaml"]["state_visit"]["title"]
    body = _root(result.path)
    comments = list(Document(str(result.path)).comments)
    on_title = [c for c in comments if "events.yaml state_visit.title" in c.text]
    assert len(on_title) == 1 and _covered(body, on_title[0].comment_id) == title
    assert on_title[0].text.startswith("Açıq sual: tərcümə hələ yoxlanılmayıb")
    figures = json.loads((options.folder / options.manifest_name).read_text("utf-8"))[
        "content"]["figures"]
    derived = {f["estimate"] for f in figures.values() if f["estimate"]}
    estimates = [c for c in comments if "təxmindir" in c.text]
    assert len(estimates) == len(derived)
    assert {_covered(body, c.comment_id) for c in estimates} == derived


def test_cli(pairs: dict[str, Pair], tmp_path: Path) -> None:
    runner = CliRunner()
    data = tmp_path / "d"
    result = runner.invoke(cli, ["diff", str(DATA), "--comments"])
    assert result.exit_code == 2 and "--comments needs --redline FILE" in result.output
    result = runner.invoke(cli, ["diff", str(DATA), "--out", str(tmp_path / "none"),
                                 "--redline", str(tmp_path / "r.docx")])
    assert result.exit_code == 1 and not (tmp_path / "r.docx").exists()
    shutil.copytree(FIXTURES / "minimal", data)
    out = tmp_path / "out"
    assert runner.invoke(cli, ["build", str(data), "--out", str(out), "--format", "docx"]
                         ).exit_code == 0
    kept = tmp_path / "kept"
    shutil.copytree(out / "d", kept)
    result = runner.invoke(cli, ["diff", str(data), "--out", str(out), "--before", str(kept),
                                 "--redline", str(tmp_path / "r.docx"), "--markdown"])
    assert result.exit_code == 0, result.output
    assert "Tracked changes for Word: r.docx" in result.output
    assert (_paragraphs(_root(tmp_path / "r.docx"))
            == _paragraphs(_root(out / "d" / "d-briefing.docx")))


@pytest.mark.parametrize("direction", ["forward", "back"])
def test_two_different_briefings_still_accept_and_reject_exactly(
        default_build: Built, fixture_build: Built, direction: str, tmp_path: Path) -> None:
    """The worst case for the alignment: two datasets' briefings, nearly every block changed.
    Accepting and rejecting still give each briefing exactly, footnotes too, and the package
    still validates."""
    from reportgen.docx.redline import redline

    old, new = ((default_build.docx, fixture_build.docx) if direction == "forward"
                else (fixture_build.docx, default_build.docx))
    doc, revisions, _ = redline(old.read_bytes(), new.read_bytes(), lambda a, b: f"{a} → {b}")
    path = tmp_path / "cross.docx"
    doc.save(path)
    red, notes = _root(path), _root(path, "word/footnotes.xml")
    assert revisions > 100
    for keep, side in (("ins", new), ("del", old)):
        assert _paragraphs(_resolve(red, keep)) == _paragraphs(_root(side))
        assert (_notes(_resolve(red, keep), _resolve(notes, keep))
                == _notes(_root(side), _root(side, "word/footnotes.xml")))
    assert package_problems(path) == []
    assert not schema_errors(path) - schema_errors(TEMPLATES / "briefing.docx")
