"""One headless LibreOffice per build: started once, serving every conversion, gone with the build.

An `Office` starts LibreOffice when it is entered (so that its slow start overlaps the build's
own work) and converts each document through that one running instance over UNO, driven by
office_worker.py under a Python that has LibreOffice's `uno` module. Where no such Python
exists, or the instance does not come up, each conversion is one plain `soffice --convert-to`.

Either way LibreOffice lives in a temporary folder of its own (profile, HOME and TMPDIR, so that
parallel builds never share a profile and its `lu*.tmp` files land there) and a process group of
its own. Leaving the `with` block, normally, on an error, a timeout or Ctrl-C, kills the group and
removes the folder; if the build itself is killed, the worker sees its input close and does the
same, and the next build removes any folder whose build is gone.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from reportgen.errors import OutputError
from reportgen.render.fonts import fontconfig_file

log = logging.getLogger(__name__)

# What a document of each kind is, for the message that says which one took too long.
KINDS = {".docx": "the briefing (Word document)", ".pptx": "the deck (PowerPoint document)"}
PREFIX = "reportgen-lo-"  # then the building process's id, so that a stale folder is known
WORKER = Path(__file__).with_name("office_worker.py")
START_S = 90  # a cold start of LibreOffice on a loaded machine


def uno_pythons(soffice: str) -> list[str]:
    """Pythons that may have LibreOffice's uno: the one LibreOffice bundles, then the system's."""
    bundled = Path(os.path.realpath(soffice)).parent / "python"
    found = [str(bundled)] if bundled.is_file() else []
    return found + [p for p in ("/usr/bin/python3",) if Path(p).is_file()]


def remove_stale() -> None:
    """Remove the LibreOffice folders of builds that are gone (killed before they could)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*-*"):
        pid = folder.name[len(PREFIX):].split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            log.debug("removed %s, left by a build that was killed", folder)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def _kill_group(process: subprocess.Popen[Any]) -> None:
    """Kill a process and everything it started (its session is its own process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


class Office:
    """A headless LibreOffice for one build (or one batch): a context manager, or start() and
    close() (which the build ties to its own lifetime)."""

    def __init__(self, soffice: str, timeout: float = 240) -> None:
        self.soffice = soffice
        self.timeout = timeout
        self._folder: Path | None = None
        self._worker: subprocess.Popen[str] | None = None
        self._ready = False
        self._count = 0

    def __enter__(self) -> Office:
        self.start()
        return self

    def start(self) -> None:
        """Start LibreOffice in the background (the first conversion waits for it)."""
        if self._folder is not None:
            return
        remove_stale()
        self._folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
        (self._folder / "tmp").mkdir()
        self._start_worker()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    @property
    def env(self) -> dict[str, str]:
        """LibreOffice's environment: its own HOME and temporary folder, inside ours."""
        assert self._folder is not None, "an Office is used inside its with block"
        tmp = str(self._folder / "tmp")
        return {**os.environ, "HOME": str(self._folder), "TMPDIR": tmp, "TMP": tmp, "TEMP": tmp,
                **self._fonts_env()}

    def _fonts_env(self) -> dict[str, str]:
        """The shipped fonts before the system's (render/fonts.py), through a fontconfig file of
        LibreOffice's own, so that every machine lays the documents out with the same fonts."""
        assert self._folder is not None
        conf = self._folder / "fonts.conf"
        if not conf.exists():
            fontconfig_file(self._folder)
        return {"FONTCONFIG_FILE": str(conf)}

    def _start_worker(self) -> None:
        assert self._folder is not None
        for python in uno_pythons(self.soffice):
            try:  # -I: another Python than ours, so none of our PYTHON* variables
                self._worker = subprocess.Popen(
                    [python, "-I", str(WORKER), self.soffice, str(self._folder)],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                    text=True, env=self.env, start_new_session=True)
            except OSError:
                continue
            return  # whether it has uno is known from its first answer

    def _answer(self, timeout: float) -> dict[str, Any] | None:
        """The worker's next answer, or None when it died or took longer than timeout."""
        assert self._worker is not None and self._worker.stdout is not None
        ready, _, _ = select.select([self._worker.stdout], [], [], timeout)
        line = self._worker.stdout.readline() if ready else ""
        return json.loads(line) if line else None

    def _serving(self) -> bool:
        """Whether the running instance is up (waited for on the first conversion)."""
        if self._worker is None:
            return False
        if not self._ready:
            answer = self._answer(START_S)
            self._ready = bool(answer and answer.get("ready"))
            if not self._ready:
                log.info("LibreOffice over UNO is unavailable (%s); converting with one "
                         "soffice run per document", (answer or {}).get("error", "no answer"))
                self._stop_worker()
        return self._ready

    def convert(self, document: bytes, suffix: str, extension: str, export: str | None,
                options: str) -> tuple[bytes, str]:
        """The document converted to extension (through export, with its options), and what
        LibreOffice said; empty bytes when it produced nothing."""
        assert self._folder is not None, "an Office converts inside its with block"
        self._count += 1
        source = self._folder / f"document-{self._count}{suffix}"
        target = source.with_suffix(f".{extension}")
        source.write_bytes(document)
        try:
            if export and self._serving():
                said = self._convert_uno(source, target, export, options)
            else:
                said = self._convert_plain(source, export, extension, options)
            return (target.read_bytes() if target.exists() else b""), said
        finally:
            source.unlink(missing_ok=True)
            target.unlink(missing_ok=True)

    def _convert_uno(self, source: Path, target: Path, export: str, options: str) -> str:
        assert self._worker is not None and self._worker.stdin is not None
        self._worker.stdin.write(json.dumps({"source": str(source), "target": str(target),
                                             "filter": export, "options": options}) + "\n")
        self._worker.stdin.flush()
        started = time.monotonic()
        answer = self._answer(self.timeout)
        if answer is None:
            waited = time.monotonic() - started
            too_long = self._too_long(source)  # before close() removes the document
            self.close()
            if waited >= self.timeout:
                raise OutputError(too_long)
            raise OutputError("LibreOffice stopped while converting the document")
        return str(answer.get("error", "converted over UNO"))

    def _convert_plain(self, source: Path, export: str | None, extension: str,
                       options: str) -> str:
        assert self._folder is not None
        target = f"{extension}:{export}:{options}" if export else extension
        cmd = [self.soffice, "--headless", "--norestore", "--nolockcheck",
               f"-env:UserInstallation={(self._folder / 'profile').as_uri()}",
               "--convert-to", target, "--outdir", str(source.parent), str(source)]
        process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env=self.env,
                                   start_new_session=True)
        try:
            _, stderr = process.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            process.communicate()  # what it wrote before it was killed; closes the pipes
            raise OutputError(self._too_long(source)) from None
        finally:
            _kill_group(process)  # whatever it left running (it is done with the file)
        said = stderr.strip()[:500]
        return f"exit code {process.returncode}" + (f": {said}" if said else "")

    def _too_long(self, source: Path) -> str:
        """What was being rendered, and how to allow longer."""
        size = source.stat().st_size / 1e6 if source.exists() else 0.0
        what = KINDS.get(source.suffix, f"a {source.suffix} document")
        return (f"LibreOffice did not finish rendering {what}, {size:.1f} MB, within "
                f"{self.timeout:g} s; a long document on a busy machine may need longer: set "
                f"REPORTGEN_OFFICE_TIMEOUT to more seconds (e.g. 600), or build the PDF apart "
                f"(--format docx,pptx first)")

    def _stop_worker(self) -> None:
        if self._worker is not None:
            streams: list[IO[str] | None] = [self._worker.stdin, self._worker.stdout]
            _kill_group(self._worker)
            for stream in streams:
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
            self._worker = None
        self._ready = False

    def close(self) -> None:
        """Stop LibreOffice and remove its folder (profile, temporaries); safe to call twice."""
        self._stop_worker()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

