"""The narrative's markup: blocks and runs, the citation and chart-reference markers, parsing.

A rendered template is plain text: '## ' starts a heading, '- ' a bullet, '> ' a quote, a blank
line ends a paragraph; [^id] cites an item's sources and [@id] refers to a chart. Dataset text is
escaped so that it can never forge any of these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

BlockKind = Literal["heading", "paragraph", "bullet", "quote"]


@dataclass(frozen=True)
class Run:
    """A piece of inline text; or a citation of the item whose sources back the text before it;
    or a reference to a chart, shown as "(see Figure 3)" after `space` where the chart is placed
    and as nothing where it is not."""

    text: str = ""
    cite: str | None = None
    ref: str | None = None
    space: str = ""


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    runs: list[Run]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def cite_marker(item_id: str) -> str:
    """The marker a narrative template puts where a figure or fact is quoted."""
    return f"[^{item_id}]"


def see_marker(chart_id: str) -> str:
    """The marker a narrative template puts where it points the reader to a chart."""
    return f"[@{chart_id}]"


# [^id] cites an item's sources; [@id] refers to a chart ("see Figure 3").
MARKER = re.compile(r"\[([\^@])([a-z][a-z0-9_]*)\]")


_MARKER = re.compile(r"^(##|-|>)\s")
_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t]*")


def escape(text: str) -> str:
    """Make dataset text inert: it may not start a block, break a line or forge a marker."""
    text = _BREAK.sub(" ", text).replace("[^", "[\\^").replace("[@", "[\\@")
    return "\\" + text if _MARKER.match(text) else text


def parse_blocks(text: str) -> list[Block]:
    """Split rendered text into blocks: '## ' headings, '- ' bullets, '> ' quotes, paragraphs."""
    blocks: list[Block] = []
    lines: list[str] = []
    kind: BlockKind = "paragraph"

    def flush() -> None:
        joined = " ".join(lines).strip()
        if joined:
            blocks.append(Block(kind, parse_runs(joined)))
        lines.clear()

    for raw in text.splitlines():
        line = raw.strip()
        marker = re.match(r"^(##|-|>)\s+", line)
        if not line:
            flush()
            kind = "paragraph"
        elif line.startswith("\\"):  # escaped dataset text that looked like a marker
            lines.append(line[1:])
        elif marker:
            flush()
            kind = {"##": "heading", "-": "bullet", ">": "quote"}[marker.group(1)]  # type: ignore[assignment]
            lines.append(line[marker.end():])
        else:
            lines.append(line)
    flush()
    return blocks


def parse_runs(text: str) -> list[Run]:
    runs: list[Run] = []
    pos = 0
    for match in MARKER.finditer(text):
        if match.start() > pos:
            runs.append(Run(text=text[pos:match.start()]))
        kind, item = match.groups()
        runs.append(Run(cite=item) if kind == "^" else Run(ref=item))
        pos = match.end()
    if pos < len(text):
        runs.append(Run(text=text[pos:]))
    # Escaped "[\^" and "[\@" from data go back to what the author wrote.
    runs = [replace(r, text=r.text.replace("[\\^", "[^").replace("[\\@", "[@")) for r in runs]
    return _tidy(runs)


def _tidy(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if (run.cite or run.ref) and out and out[-1].text.endswith(" "):
            before = out[-1].text
            out[-1] = replace(out[-1], text=before.rstrip())
            # A citation sits after punctuation, never after a space: "…in the year.[1]". A chart
            # reference takes the space along, to be shown only with the reference itself.
            if run.ref:
                run = replace(run, space=before[len(before.rstrip()):])
        out.append(run)
    return out


