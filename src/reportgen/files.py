"""Atomic file writes: a reader sees the old file or the new one, never half of one; a build's
outputs are staged together and replaced together, or not at all."""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

from reportgen.errors import OutputError

log = logging.getLogger(__name__)


def _stage(path: Path, data: bytes) -> Path:
    """Write data to a temporary file beside path (named for it and for this process)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # here: not on the no-op path

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                               dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _cause(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if isinstance(exc, PermissionError):
        reason += " — is the file open in another program, or the folder read-only?"
    elif exc.errno == 28:  # ENOSPC
        reason += " — the disk is full"
    return reason


def write_atomic(path: Path, data: bytes) -> None:
    """Write data to path through a temporary file in the same folder and an atomic rename."""
    write_all({path: data})


def write_all(files: dict[Path, bytes]) -> None:
    """Replace every file of `files`, in order, only once all of them are staged beside their
    targets; on any failure every target keeps its previous content and no temporary is left.
    Temporaries that a killed run left beside these targets are removed first."""
    for path in files:
        if path.is_dir():
            raise OutputError(f"{path}: could not write (a folder has its name); the previous "
                              "files, if any, are unchanged")
        remove_stale(path)
    staged: dict[Path, Path] = {}
    kept: dict[Path, Path] = {}
    replaced: list[Path] = []
    current = next(iter(files), Path())
    try:
        for current, data in files.items():
            staged[current] = _stage(current, data)
        for current, tmp in staged.items():
            if current.exists():
                # A hard link to the previous file, to put it back should a later rename fail.
                kept[current] = current.with_name(f".{current.name}.{os.getpid()}.old.tmp")
                kept[current].unlink(missing_ok=True)
                os.link(current, kept[current])
            os.replace(tmp, current)
            replaced.append(current)
    except OSError as exc:
        for path in reversed(replaced):
            if path in kept:
                os.replace(kept.pop(path), path)
            else:
                path.unlink(missing_ok=True)
        raise OutputError(f"{current}: could not write ({_cause(exc)}); the previous files, if "
                          "any, are unchanged") from None
    finally:
        for tmp in [*staged.values(), *kept.values()]:
            tmp.unlink(missing_ok=True)


UNNAMED_AGE = 600.0  # seconds after which a temporary naming no process counts as left over
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]*(\.old)?\.tmp$")


def remove_stale(path: Path) -> None:
    """Remove the temporaries of path left by a run that was killed (its process is gone)."""
    if not path.parent.is_dir():
        return
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        found = _TEMPORARY.match(tmp.name)
        if found is not None and found["name"] == path.name:
            if _alive(int(found["pid"])):
                continue
        elif time.time() - tmp.stat().st_mtime < UNNAMED_AGE:
            continue  # no process named (an older reportgen's): stale only once it is old
        log.info("removing %s, left by a build that was stopped", tmp)
        tmp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another thread of this process may be writing it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
