"""Same inputs, same bytes; the manifest, --check, the no-op path and the change summary."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportgen.pipeline.reproducible import normalize_pdf

from ..conftest import DATA, ROOT, TEMPLATES, Built, require_soffice
from ..test_cli import NO_OFFICE


def reportgen(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True,
                          text=True, cwd=ROOT, check=False, env={**os.environ, **(env or {})})


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "in" / "sample"
    shutil.copytree(DATA, target)
    return target


def _build(data: Path, out: Path, *extra: str, env: dict[str, str] | None = None
           ) -> subprocess.CompletedProcess[str]:
    return reportgen("build", "--data", str(data), "--templates", str(TEMPLATES), "--out",
                     str(out), *extra, env=env)


@pytest.fixture(scope="module")
def briefing_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One build (the briefing alone) of a copy of the default dataset, for the tests that read
    it, or rebuild it unchanged: (the dataset copy, the output folder)."""
    root = tmp_path_factory.mktemp("briefing")
    data = Path(shutil.copytree(DATA, root / "in" / "sample"))
    result = _build(data, root / "out", "--format", "docx", env=NO_OFFICE)
    assert result.returncode == 0, result.stderr
    return data, root / "out"


def test_two_processes_at_different_times_write_identical_bytes(
        tmp_path: Path, default_build: Built) -> None:
    """This process built the session's default build earlier; a new one builds it again."""
    require_soffice()
    time.sleep(1.1)  # a different wall-clock second for every timestamp that could leak in
    data = Path(shutil.copytree(DATA, tmp_path / "in" / DATA.name))
    second = _build(data, tmp_path / "b", "--format", "docx,pptx,pdf")
    assert second.returncode == 0, second.stderr
    stem = DATA.name
    # The new build's folder: the session's holds other editions and renders beside it.
    names = sorted(p.name for p in (tmp_path / "b" / stem).iterdir())
    assert names == sorted(["manifest.json", f"{stem}-briefing.docx", f"{stem}-briefing.pdf",
                            f"{stem}-deck.pptx", f"{stem}-data.xlsx"])
    for name in names:
        assert (default_build.folder / name).read_bytes() == \
            (tmp_path / "b" / stem / name).read_bytes(), name


def test_source_date_epoch_sets_zip_times(data: Path, tmp_path: Path) -> None:
    import zipfile

    result = _build(data, tmp_path, "--format", "docx",
                    env={**NO_OFFICE, "SOURCE_DATE_EPOCH": "1767225600"})
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "sample" / "sample-briefing.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"


def test_pdf_normalisation_keeps_offsets() -> None:
    pdf = (b"%PDF-1.6\n1 0 obj <</CreationDate(D:20261121142238Z')>> endobj\n"
           b"2 0 obj <</Type/Metadata>>stream\n<xmp:CreateDate>2026-11-21T14:22:38Z"
           b"</xmp:CreateDate>\nendstream endobj\ntrailer\n"
           b"<</ID [ <0E39DD0419412332069FEE9ACDABA7EC>\n<0E39DD0419412332069FEE9ACDABA7EC> ]\n"
           b"/DocChecksum /82ECC78D0697DFCDC865E9C0F383F526>>\n%%EOF")
    import datetime as dt

    fixed = normalize_pdf(pdf, dt.datetime(2025, 12, 1, tzinfo=dt.UTC))
    assert len(fixed) == len(pdf)
    assert b"D:20251201000000Z" in fixed and b"0E39DD04" not in fixed and b"82ECC78D" not in fixed
    assert b"<xmp:CreateDate>2025-12-01T00:00:00Z</xmp:CreateDate>" in fixed  # PDF/UA's XMP


def test_manifest_records_inputs_outputs_and_figure_fields(
        briefing_built: tuple[Path, Path]) -> None:
    _, out = briefing_built
    manifest = json.loads((out / "sample" / "manifest.json").read_text(encoding="utf-8"))
    assert "data/metrics.yaml" in manifest["inputs"]["files"]
    assert "templates/briefing.docx" in manifest["inputs"]["files"]
    assert manifest["inputs"]["versions"]["reportgen"]
    assert manifest["inputs"]["options"] == {"formats": ["docx"], "charts": "native"}
    assert list(manifest["outputs"]) == ["sample-briefing.docx", "sample-data.xlsx"]
    trade = manifest["content"]["figures"]["bilateral_trade"]
    assert trade["field"] == "metrics.yaml: metrics[2].value"
    assert trade["text"] == "$2.44 billion" and trade["estimate"] == "$2 billion"


def test_check_and_diff_name_what_changed(data: Path, tmp_path: Path) -> None:
    assert _build(data, tmp_path, env=NO_OFFICE).returncode == 0
    check = reportgen("build", "--check", "--data", str(data), "--out", str(tmp_path))
    assert check.returncode == 0 and "up to date" in check.stdout
    metrics = data / "metrics.yaml"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace(
        "value: 2440000000", "value: 2610000000"), encoding="utf-8")
    before = sorted((tmp_path / "sample").iterdir())
    check = reportgen("build", "--check", "--data", str(data), "--out", str(tmp_path))
    assert check.returncode == 1
    assert "input changed: data/metrics.yaml (changed)" in check.stdout
    assert sorted((tmp_path / "sample").iterdir()) == before  # --check writes nothing
    diff = reportgen("diff", "--data", str(data), "--out", str(tmp_path))
    assert diff.returncode == 0, diff.stderr
    assert ("Bilateral trade, January–October 2025: $2.44 billion (+21.9%) → "
            "$2.61 billion (+21.9%)") in diff.stdout
    markdown = reportgen("diff", "--markdown", "--data", str(data), "--out", str(tmp_path))
    assert markdown.stdout.startswith("## Changes since the last build\n\n- Bilateral trade")
    rebuilt = _build(data, tmp_path, env=NO_OFFICE)
    assert rebuilt.returncode == 0 and "$2.61 billion" in rebuilt.stdout


def test_hand_edited_output_is_reported_stale(briefing_built: tuple[Path, Path]) -> None:
    data, out = briefing_built
    output = out / "sample" / "sample-briefing.docx"
    built = output.read_bytes()
    try:
        output.write_bytes(built + b"\0")
        check = reportgen("build", "--check", "--format", "docx", "--data", str(data), "--out",
                          str(out))
    finally:
        output.write_bytes(built)  # the build is shared with the other tests of this module
    assert check.returncode == 1 and f"modified since built: {output}" in check.stdout


def test_noop_build_imports_nothing_heavy(briefing_built: tuple[Path, Path]) -> None:
    data, out = briefing_built
    code = (
        "import sys\n"
        "from reportgen.cli import cli\n"
        f"cli(['build', '--data', {str(data)!r}, '--templates', {str(TEMPLATES)!r},"
        f" '--out', {str(out)!r}, '--format', 'docx'], standalone_mode=False)\n"
        "print(sorted(m for m in ('matplotlib', 'pandas', 'docx', 'pptx', 'docxtpl')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert "up to date" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_chart_cache_is_reused(data: Path, tmp_path: Path) -> None:
    from reportgen.dataset.loading import load_dataset
    from reportgen.render.chart_pictures import render_charts
    from reportgen.report.catalog import load_catalog
    from reportgen.report.charts import chart_specs
    from reportgen.report.formatting import Formatter
    from reportgen.report.views import build_views

    views = build_views(load_dataset(data), Formatter(load_catalog(TEMPLATES, "en"), "en"))
    cache = tmp_path / "cache"
    first = render_charts(chart_specs(views), cache)
    files = sorted(cache.iterdir())
    assert len(files) == len(first)
    stamps = [f.stat().st_mtime_ns for f in files]
    second = render_charts(chart_specs(views), cache)
    assert second == first
    assert [f.stat().st_mtime_ns for f in sorted(cache.iterdir())] == stamps


def test_the_pdf_metadata_shows_the_title_as_typed(tmp_path: Path) -> None:
    """LibreOffice escapes the XMP text twice ("Trade &amp;amp; …"); normalising escapes it
    once, keeping every byte offset, so that a reader shows what the dataset says."""
    import datetime as dt
    import io

    import docx
    import pikepdf

    from reportgen.render.pdf import convert_to_pdf

    require_soffice()
    document = docx.Document()
    typed = "Trade & <Investment> \"2025\" 's &amp;"
    document.core_properties.title = typed
    document.core_properties.author = "A & B"
    document.add_paragraph("Text.")
    buf = io.BytesIO()
    document.save(buf)
    pdf = convert_to_pdf(buf.getvalue(), ".docx")
    assert b"&amp;amp;" in pdf  # LibreOffice's double escape, which this test is about
    fixed = normalize_pdf(pdf, dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    assert len(fixed) == len(pdf)
    (tmp_path / "t.pdf").write_bytes(fixed)
    with pikepdf.open(tmp_path / "t.pdf") as opened:
        meta = opened.open_metadata()
        assert meta.get("dc:title") == typed and meta.get("dc:creator") == ["A & B"]
        assert str(opened.docinfo["/Title"]) == typed
    check = subprocess.run(["qpdf", "--check", str(tmp_path / "t.pdf")], capture_output=True,
                           text=True, check=False) if shutil.which("qpdf") else None
    assert check is None or check.returncode == 0, check.stdout
