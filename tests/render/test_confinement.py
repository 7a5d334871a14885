"""LibreOffice is confined: documents that link pictures, text and fields from a loopback server
and from a marker file on this machine render with none of it opened or fetched, whether or not
the system lets LibreOffice run in namespaces of its own, over UNO or as a plain conversion."""

from __future__ import annotations

import http.server
import io
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw

import reportgen.render.office as office_module
from reportgen.cli import cli
from reportgen.render.office import SYSTEM_FOLDERS, confinement
from reportgen.render.pdf import convert_to_pdf, start_office

from ..conftest import FIXTURES, ROOT, TEMPLATES, pdf_text, require_soffice
from ..hostile_office import (
    DOCX,
    HEADER_RELS,
    LAYOUT,
    LAYOUT_RELS,
    PPTX,
    WORD_RELS,
    R,
    complex_field,
    header_rels,
    in_body,
    in_header,
    in_tree,
    mutate,
    relationship,
    slide_picture,
    word_picture,
)

SECRET = "MARKERSECRETTEXT"


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the handler's name)
        type(self).requests.append(self.path)
        picture = io.BytesIO()
        Image.new("RGB", (60, 30), "red").save(picture, "PNG")
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(picture.getvalue())

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 only, recording every request."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def markers(tmp_path: Path) -> dict[str, Path]:
    """Files on this machine a document may try to pull in: a picture, a text, an SVG."""
    picture = Image.new("RGB", (600, 120), "white")
    ImageDraw.Draw(picture).text((10, 50), SECRET, fill="black")
    found = {"png": tmp_path / "marker.png", "txt": tmp_path / "marker.txt",
             "svg": tmp_path / "marker.svg"}
    picture.save(found["png"])
    found["txt"].write_text(SECRET + "\n", encoding="utf-8")
    found["svg"].write_text('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40">'
                            f'<text x="5" y="30">{SECRET}</text></svg>', encoding="utf-8")
    return found


def _word(url: str, markers: dict[str, Path]) -> bytes:
    return mutate(
        DOCX,
        relationship(WORD_RELS, "rId901", f"{R}/image", f"{url}/body.png"),
        relationship(WORD_RELS, "rId902", f"{R}/image", markers["png"].as_uri()),
        relationship(WORD_RELS, "rId903", f"{R}/image", markers["svg"].as_uri()),
        relationship(WORD_RELS, "rId904", f"{R}/image", f"{url}/body.jpg"),
        header_rels(), relationship(HEADER_RELS, "rId905", f"{R}/image", f"{url}/header.png"),
        in_header(word_picture("rId905")),
        in_body(word_picture("rId901") + word_picture("rId902") + word_picture("rId903")
                + word_picture("rId904")
                + complex_field(f'INCLUDEPICTURE "{url}/field.png" \\d', "cached picture")
                + complex_field(f'INCLUDETEXT "{markers["txt"]}"', "cached include")
                + complex_field(f'LINK Word.Document.12 "{markers["txt"]}" "" \\a \\t',
                                "cached link")))


def _deck(url: str, markers: dict[str, Path]) -> bytes:
    return mutate(
        PPTX,
        relationship(LAYOUT_RELS, "rId901", f"{R}/image", f"{url}/layout.png"),
        relationship(LAYOUT_RELS, "rId902", f"{R}/image", markers["png"].as_uri()),
        in_tree(LAYOUT, slide_picture("rId901") + slide_picture("rId902")))


def _pictures(pdf: Path) -> list[str]:
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()
    return listed[2:]


MODES = {
    "namespaces over UNO": (True, True),
    "profile only over UNO": (False, True),
    "profile only, plain conversion": (False, False),
}


@pytest.mark.parametrize("mode", list(MODES))
def test_linked_content_is_neither_fetched_nor_opened(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: tuple[str, list[str]],
        markers: dict[str, Path], mode: str) -> None:
    require_soffice()
    isolate, uno = MODES[mode]
    monkeypatch.setattr(office_module, "ISOLATE", isolate)
    if not uno:
        monkeypatch.setattr(office_module, "uno_pythons", lambda soffice: [])
    url, requests = server
    with start_office() as office:
        for suffix, document in ((".docx", _word(url, markers)), (".pptx", _deck(url, markers))):
            pdf = tmp_path / f"rendered{suffix}.pdf"
            pdf.write_bytes(convert_to_pdf(document, suffix, office))
            text = pdf_text(pdf)
            assert SECRET not in text, suffix
            assert _pictures(pdf) == [], suffix  # not one linked picture was drawn
            if suffix == ".docx":
                assert "cached include" in text  # the field shows what it showed, not the file
        if uno:
            assert office._ready, "converted over UNO, not by the fallback"
    assert requests == []


def test_a_build_refuses_the_linked_templates_before_rendering_anything(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: tuple[str, list[str]],
        markers: dict[str, Path]) -> None:
    """The build's own path: the package check refuses them, nothing reaches LibreOffice (and
    preview and diff --pages render only what a build wrote)."""
    require_soffice()
    url, requests = server
    monkeypatch.chdir(tmp_path)
    for name, hostile in (("briefing.docx", _word(url, markers)),
                          ("deck.pptx", _deck(url, markers))):
        templates = tmp_path / name / "templates"
        shutil.copytree(TEMPLATES, templates)
        (templates / name).write_bytes(hostile)
        result = CliRunner().invoke(cli, [
            "build", str(FIXTURES / "minimal"), "--templates", str(templates), "--out",
            str(tmp_path / "out"), "--format", "docx,pptx,pdf"])
        assert result.exit_code == 1, result.output
        assert "external image relationship" in result.output
    assert requests == []
    assert not (tmp_path / "out").exists()


def test_the_profile_runs_no_macro_and_updates_no_link() -> None:
    require_soffice()
    with start_office() as office:
        assert office._folder is not None
        settings = (office._folder / "profile" / "user" /
                    "registrymodifications.xcu").read_text(encoding="utf-8")
    for name, value in (("MacroSecurityLevel", "3"), ("DisableMacrosExecution", "true"),
                        ("BlockUntrustedRefererLinks", "true"), ("ooInetProxyType", "1")):
        assert f'oor:name="{name}"' in settings and f"<value>{value}</value>" in settings
    worker = (Path(office_module.__file__).with_name("office_worker.py")).read_text()
    assert "MacroExecMode.NEVER_EXECUTE" in worker and "UpdateDocMode.NO_UPDATE" in worker


def test_in_its_namespaces_libreoffice_sees_no_network_and_no_checkout(tmp_path: Path) -> None:
    """What the confinement prefix gives, tried with plain commands in place of LibreOffice."""
    prefix = confinement(tmp_path, [])
    if not prefix or subprocess.run([*prefix, "true"], capture_output=True,
                                    check=False).returncode:
        pytest.skip("this system does not allow user namespaces (the profile confines alone)")
    (tmp_path / "mine.txt").write_text("the build's own file", encoding="utf-8")
    seen = subprocess.run([*prefix, "cat", str(tmp_path / "mine.txt")], capture_output=True,
                          text=True, check=False, cwd=tmp_path)
    assert seen.stdout == "the build's own file"
    if Path(*ROOT.parts[:2]).as_posix() not in SYSTEM_FOLDERS:
        hidden = subprocess.run([*prefix, "cat", str(ROOT / "README.md")], capture_output=True,
                                text=True, check=False, cwd=tmp_path)
        assert hidden.returncode != 0 and hidden.stdout == ""
    network = subprocess.run(
        [*prefix, "python3", "-c", "import socket; s = socket.socket(); s.settimeout(2); "
         "print(s.connect_ex(('127.0.0.1', 9)), s.connect_ex(('1.1.1.1', 443)))"],
        capture_output=True, text=True, check=False, cwd=tmp_path)
    assert network.returncode == 0 and "0" not in network.stdout.split(), network.stdout


def test_no_socket_outlives_libreoffice() -> None:
    """Killed, LibreOffice cannot remove the OSL_PIPE sockets it made in /tmp: we do."""
    require_soffice()
    with start_office() as office:
        convert_to_pdf(DOCX, ".docx", office)
        assert office._worker is not None
        sockets = office_module.pipe_sockets(office._worker.pid)
        assert sockets and all(s.name.startswith("OSL_PIPE_") for s in sockets)
        assert all(s.exists() for s in sockets)
    assert not any(s.exists() for s in sockets)
