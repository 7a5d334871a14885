"""One headless LibreOffice per build: started once, serving every conversion, gone with the build.

An `Office` starts LibreOffice when it is entered (so that its slow start overlaps the build's
own work) and converts each document through that one running instance over UNO, driven by
office_worker.py under a Python that has LibreOffice's `uno` module. Where no such Python
exists, or the instance does not come up, each conversion is one plain `soffice --convert-to`.

Either way LibreOffice lives in a temporary folder of its own (profile, HOME and TMPDIR, so that
parallel builds never share a profile and its `lu*.tmp` files land there) and a process group of
its own. It is confined, as documents from outside may ask it to read or fetch things
(docs/security.md): its profile runs no macro, updates no link and loads no linked picture, and
every load says so again; where the system allows user namespaces (Linux), it runs with no
network and with the folders that hold other people's files (home folders, mounts, the build's
own checkout) hidden. The OSL_PIPE sockets it makes in /tmp (whatever TMPDIR says) are removed
when it is killed. Leaving the
`with` block, normally, on an error, a timeout or Ctrl-C, kills the group and removes the folder
(and the sockets); if the build itself is killed, the worker sees its input close and does the
same, and the next build removes any folder whose build is gone.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import select
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from reportgen.errors import OutputError
from reportgen.render.fonts import fontconfig_file

log = logging.getLogger(__name__)

# What a document of each kind is, for the message that says which one took too long.
KINDS = {".docx": "the briefing (Word document)", ".pptx": "the deck (PowerPoint document)"}
PREFIX = "reportgen-lo-"  # then the building process's id, so that a stale folder is known
WORKER = Path(__file__).with_name("office_worker.py")
START_S = 90  # a cold start of LibreOffice on a loaded machine
ISOLATE = True  # namespaces where the system allows them (a test turns them off to see the rest)
# Top-level folders LibreOffice may still read inside its namespace: the system's own. Every other
# one (/home, /root, /mnt, /srv, a checkout…) is hidden under an empty read-only tmpfs, unless it
# holds LibreOffice, its Python or the build's folder.
SYSTEM_FOLDERS = ("/usr", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin",
                  "/proc", "/sys", "/dev", "/run", "/var", "/opt", "/nix", "/gnu", "/snap",
                  "/tmp")
# The profile's security settings (registrymodifications.xcu): the highest macro security with
# macros disabled outright, links never updated (Writer: 0 never; Calc: 1 never), linked
# pictures of documents from untrusted places not loaded, and every web request sent through a
# proxy that does not exist (nothing listens on port 9 of this machine, and in a namespace
# there is no network at all).
SECURITY_SETTINGS: tuple[tuple[str, str, str, str], ...] = (
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "int", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "boolean",
     "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "boolean",
     "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "int", "0"),
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "int", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "int", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", "string", ""),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "string", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "int", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "string", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "int", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyName", "string", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyPort", "int", "9"),
    ("/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments",
     "AutoCheckEnabled", "boolean", "false"),
)


def profile_items(settings: tuple[tuple[str, str, str, str], ...]) -> list[str]:
    """registrymodifications.xcu items for (path, name, type, value) settings."""
    return [f'<item oor:path={quoteattr(path)}><prop oor:name={quoteattr(name)} '
            f'oor:op="fuse" oor:type="xs:{kind}"><value>{escape(value)}</value></prop></item>'
            for path, name, kind, value in settings]


def write_profile(profile: Path, items: list[str]) -> None:
    """A LibreOffice user profile holding these settings, written before LibreOffice starts."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor='
        '"http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        + "\n".join(items) + "\n</oor:items>\n", encoding="utf-8")


def security_items() -> list[str]:
    """The profile's part that keeps documents from running or fetching anything."""
    return profile_items(SECURITY_SETTINGS)


def confinement(folder: Path, needed: list[Path]) -> list[str]:
    """The command prefix that runs LibreOffice in namespaces of its own: no network (not even
    loopback), and every top-level folder that is not the system's hidden under an empty
    read-only tmpfs, except those that hold LibreOffice, its Python or the build's folder."""
    unshare = shutil.which("unshare")
    if not ISOLATE or unshare is None or not Path("/proc/self/ns/user").exists():
        return []
    needed_tops = {Path(*p.resolve().parts[:2]) for p in [folder, *needed] if p.is_absolute()}
    hide = [top for top in sorted(Path("/").iterdir())
            if str(top) not in SYSTEM_FOLDERS and top not in needed_tops
            and top.is_dir() and not top.is_symlink()]
    script = [f"mount -t tmpfs -o ro,size=4k,mode=755 reportgen {shlex.quote(str(top))}"
              for top in hide]
    return [unshare, "--user", "--map-root-user", "--net", "--mount", "--propagation", "private",
            "--", "/bin/sh", "-c", " && ".join([*script, 'exec "$@"']), "confined"]


def working_confinement(folder: Path, soffice: str, env: dict[str, str]) -> list[str]:
    """The prefix that runs LibreOffice in namespaces of its own, where the system allows it
    (tried once), else none."""
    needed = [Path(os.path.realpath(soffice)), *map(Path, uno_pythons(soffice))]
    prefix = confinement(folder, needed)
    if prefix:
        try:
            tried = subprocess.run([*prefix, "true"], capture_output=True, timeout=30,
                                   check=False, env=env, cwd=folder)
            ok = tried.returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if not ok:
            log.info("LibreOffice runs without namespaces (no network, own /tmp): the "
                     "system does not allow them here; its profile still confines it")
            return []
    return prefix


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


def pipe_sockets(group: int) -> list[Path]:
    """The OSL_PIPE sockets that the processes of a group listen on (Linux's /proc).

    LibreOffice puts them in /tmp whatever TMPDIR says, and cannot remove them once killed."""
    inodes: set[str] = set()
    tables: set[Path] = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[2]) != group:
                continue
            for fd in (stat.parent / "fd").iterdir():
                link = os.readlink(fd)
                if link.startswith("socket:["):
                    inodes.add(link[8:-1])
            tables.add(stat.parent / "net" / "unix")
        except (OSError, ValueError, IndexError):  # gone meanwhile, or not ours to read
            continue
    found: set[Path] = set()
    for table in tables:
        try:
            lines = table.read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if (len(fields) >= 8 and fields[6] in inodes
                    and Path(fields[7]).name.startswith("OSL_PIPE_")):
                found.add(Path(fields[7]))
    return sorted(found)


def _kill_group(process: subprocess.Popen[str]) -> None:
    """Kill a process and everything it started (its session is its own process group), and
    remove the sockets it would leave in /tmp."""
    for socket in pipe_sockets(process.pid):
        with contextlib.suppress(OSError):
            socket.unlink()
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
        self._prefix: list[str] = []

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
        write_profile(self._folder / "profile", security_items())
        shutil.copy(WORKER, self._folder / WORKER.name)  # readable where the checkout is hidden
        self._prefix = working_confinement(self._folder, self.soffice, self.env)
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
            fontconfig_file(self._folder, copy=True)  # confinement hides the checkout
        return {"FONTCONFIG_FILE": str(conf)}

    def _start_worker(self) -> None:
        assert self._folder is not None
        for python in uno_pythons(self.soffice):
            try:  # -I: another Python than ours, so none of our PYTHON* variables
                self._worker = subprocess.Popen(
                    [*self._prefix, python, "-I", str(self._folder / WORKER.name),
                     self.soffice, str(self._folder)],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                    text=True, env=self.env, start_new_session=True, cwd=self._folder)
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
        return self._convert(document, suffix, extension, export, options, None)[:2]

    def convert_with_contents(self, document: bytes, export: str, options: str,
                              bookmarks: list[str]) -> tuple[bytes, str, dict[str, int]] | None:
        """A .docx whose contents lines link to bookmarks, laid out once: each line's page
        number set to the page its bookmark lands on in that layout, then exported from the
        same loaded document. The PDF, what LibreOffice said, and the page set on each line;
        None where LibreOffice does not run over UNO (a plain conversion cannot do this)."""
        if not self._serving():
            return None
        return self._convert(document, ".docx", "pdf", export, options, bookmarks)

    def _convert(self, document: bytes, suffix: str, extension: str, export: str | None,
                 options: str, contents: list[str] | None
                 ) -> tuple[bytes, str, dict[str, int]]:
        assert self._folder is not None, "an Office converts inside its with block"
        self._count += 1
        source = self._folder / f"document-{self._count}{suffix}"
        target = source.with_suffix(f".{extension}")
        source.write_bytes(document)
        pages: dict[str, int] = {}
        try:
            if export and self._serving():
                said, pages = self._convert_uno(source, target, export, options, contents)
            else:
                said = self._convert_plain(source, export, extension, options)
            return (target.read_bytes() if target.exists() else b""), said, pages
        finally:
            source.unlink(missing_ok=True)
            target.unlink(missing_ok=True)

    def _convert_uno(self, source: Path, target: Path, export: str, options: str,
                     contents: list[str] | None) -> tuple[str, dict[str, int]]:
        assert self._worker is not None and self._worker.stdin is not None
        request: dict[str, Any] = {"source": str(source), "target": str(target),
                                   "filter": export, "options": options}
        if contents is not None:
            request["contents"] = contents
        self._worker.stdin.write(json.dumps(request) + "\n")
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
        pages = answer.get("pages") or {}
        return (str(answer.get("error", "converted over UNO")),
                {str(name): int(page) for name, page in pages.items()})

    def _convert_plain(self, source: Path, export: str | None, extension: str,
                       options: str) -> str:
        assert self._folder is not None
        target = f"{extension}:{export}:{options}" if export else extension
        cmd = [*self._prefix, self.soffice, "--headless", "--norestore", "--nolockcheck",
               f"-env:UserInstallation={(self._folder / 'profile').as_uri()}",
               "--convert-to", target, "--outdir", str(source.parent), str(source)]
        process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env=self.env,
                                   start_new_session=True, cwd=source.parent)
        try:
            _, stderr = process.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            process.communicate()  # what it wrote before it was killed; closes the pipes
            raise OutputError(self._too_long(source)) from None
        finally:
            # whatever it left running (it is done with the file)
            _kill_group(process)
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

