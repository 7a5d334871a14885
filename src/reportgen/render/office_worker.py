"""One headless LibreOffice serving conversions over UNO, run by a Python that has its uno.

Started by reportgen.render.office (never imported by reportgen: it runs under whichever Python
has the `uno` module, often the system's and not reportgen's). It starts soffice with the given
profile, then reads one JSON request a line on stdin and answers one JSON line on stdout:
{"source": path, "target": path, "filter": name, "options": text} → {"ok": true} or {"error": …}.
With "contents": [bookmark, …] (a briefing whose contents reportgen wrote), the one loaded
document is laid out once, the page of each bookmark is read from that layout, the number its
contents line shows is set to it, and that same document is exported: the answer adds
"pages": {bookmark: page} for each line it set.
When stdin closes (the build ended, or died), it stops soffice and exits, so that LibreOffice
never outlives its build.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CONNECT_S = 60  # a cold start on a loaded machine


def _reply(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _on_main_thread(callback: Any, job: Any, request: dict[str, Any]) -> None:
    """Run job(request) on LibreOffice's main thread and wait for it.

    Called from this process's thread, a load takes LibreOffice's one big lock in turn with its
    main thread, which lays the loaded document out in the background meanwhile, in small
    steps: a 100-page briefing took minutes instead of seconds. Called back by the main thread
    (com.sun.star.awt.AsyncCallback), the calls the job makes run on that thread, one after
    another, as in a plain `soffice --convert-to`.
    """
    import threading

    import unohelper
    from com.sun.star.awt import XCallback

    done = threading.Event()
    failed: list[BaseException] = []

    class Job(unohelper.Base, XCallback):  # type: ignore[misc]
        def notify(self, _: Any) -> None:
            try:
                job(request)
            except BaseException as exc:  # noqa: BLE001 (raised again in the waiting thread)
                failed.append(exc)
            finally:
                done.set()

    callback.addCallback(Job(), None)
    done.wait()
    if failed:
        raise failed[0]


def _each(enumeration: Any) -> Iterator[Any]:
    while enumeration.hasMoreElements():
        yield enumeration.nextElement()


def _lay_out(document: Any, request: dict[str, Any], props: Any) -> None:
    """Lay the whole document out as the PDF export does, by exporting its first page.

    Writer lays a loaded document out lazily; the export of one page lays all of it out the
    way the full export will (the pages of its headings, and the order in which its links are
    first formatted, which the PDF's annotations follow), at the cost of writing one page.
    """
    import uno  # deferred: LibreOffice's own module, there only once main() has its bridge

    options = json.loads(request["options"] or "{}")
    options["PageRange"] = {"type": "string", "value": "1"}
    first = Path(request["target"]).with_suffix(".page1.pdf")
    document.storeToURL(uno.systemPathToFileUrl(str(first)),
                        props(FilterName=request["filter"], FilterOptions=json.dumps(options)))
    first.unlink(missing_ok=True)


def _fill_contents(document: Any, request: dict[str, Any], props: Any) -> dict[str, int]:
    """Set the page number of each contents line (a line of the document's indexes that links
    to one of the request's bookmarks and ends in a tab and a number) to the page on which
    LibreOffice's layout puts that bookmark; the bookmarks' pages, for each line set.

    The new number is written inside the old one's span (after the tab, before its digits),
    then the old digits removed, so that it keeps the line's link and formatting.
    """
    _lay_out(document, request, props)
    wanted = set(request["contents"])
    bookmarks = document.getBookmarks()
    view = document.getCurrentController().getViewCursor()
    pages: dict[str, int] = {}
    for name in bookmarks.getElementNames():
        if name in wanted:
            view.gotoRange(bookmarks.getByName(name).getAnchor(), False)
            pages[name] = int(view.getPage())
    shown: dict[str, int] = {}
    indexes = document.getDocumentIndexes()
    for i in range(indexes.getCount()):
        for paragraph in _each(indexes.getByIndex(i).getAnchor().createEnumeration()):
            if not paragraph.supportsService("com.sun.star.text.Paragraph"):
                continue
            line = paragraph.getString()
            number = line.rsplit("\t", 1)[1] if "\t" in line else ""
            if not number.isdigit():
                continue
            cursor = paragraph.getText().createTextCursorByRange(paragraph.getEnd())
            cursor.goLeft(len(number), False)
            name = str(cursor.getPropertyValue("HyperLinkURL")).removeprefix("#")
            if name not in pages or name in shown:
                continue
            if number != str(pages[name]):
                cursor.getText().insertString(cursor, str(pages[name]), False)
                cursor.goRight(len(number), True)
                cursor.setString("")
            shown[name] = pages[name]
    return shown


def main(soffice: str, work: Path) -> int:
    try:
        import uno
        from com.sun.star.beans import PropertyValue
        from com.sun.star.connection import NoConnectException
    except ImportError as exc:
        _reply({"error": f"no uno module in {sys.executable}: {exc}"})
        return 3

    def props(**values: Any) -> tuple[Any, ...]:
        return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())

    pipe = f"reportgen-{os.getpid()}"
    office = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
         "--nologo", f"-env:UserInstallation={(work / 'profile').as_uri()}",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + CONNECT_S
        while True:
            try:
                context = resolver.resolve(
                    f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if office.poll() is not None or time.monotonic() > deadline:
                    _reply({"error": f"LibreOffice did not start (exit code {office.poll()})"})
                    return 4
                time.sleep(0.05)
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context)
        _reply({"ready": True})
        main_thread = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.awt.AsyncCallback", context)

        def convert(request: dict[str, Any]) -> None:
            # Whatever the profile says, this load runs no macro and updates no link.
            document = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(request["source"]), "_blank", 0,
                props(Hidden=True, ReadOnly=True, MacroExecutionMode=uno.getConstantByName(
                    "com.sun.star.document.MacroExecMode.NEVER_EXECUTE"),
                      UpdateDocMode=uno.getConstantByName(
                          "com.sun.star.document.UpdateDocMode.NO_UPDATE")))
            try:
                if "contents" in request:
                    request["pages"] = _fill_contents(document, request, props)
                document.storeToURL(uno.systemPathToFileUrl(request["target"]),
                                    props(FilterName=request["filter"],
                                          FilterOptions=request["options"]))
            finally:
                document.close(True)

        for line in sys.stdin:
            request = json.loads(line)
            try:
                _on_main_thread(main_thread, convert, request)
                _reply({"ok": True, **({"pages": request["pages"]} if "pages" in request else {})})
            except Exception as exc:  # a UNO error of this one document: say it, keep serving
                _reply({"error": f"{type(exc).__name__}: {exc}"})
        with contextlib.suppress(Exception):  # the bridge is gone if soffice already died
            desktop.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            office.wait(timeout=10)
        # Input closed without the build killing us first: the build died. Nobody else will.
        shutil.rmtree(work, ignore_errors=True)
    finally:
        if os.getpgrp() == os.getpid():  # our own process group (as Office starts us): all of it
            os.killpg(os.getpgrp(), signal.SIGKILL)
        office.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
