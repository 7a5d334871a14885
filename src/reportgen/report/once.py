"""Said once (issue 21): what the briefing has said is not said again, and what points the
reader elsewhere (a chart, a source) is no sentence of its own.

- A sentence the briefing has said already (the summary's, an earlier section's) is not said
  again word for word: the later one goes, where the earlier cites every item it cites (so that
  each item stays placed).
- A chart is referred to at the end of the sentence that tells what it shows ("… rose 12% to
  €830 million (see Figure 2)."), never by a sentence of its own ("The chart … sets out these
  figures", "The high-level events of the year are also shown on a timeline").
- A long name said in full is said briefly in the rest of its section: "The accord establishing
  the … Council created a council …" after a sentence that named the accord reads "The accord
  created a council …"; where the head of a name stands is the catalog's (`words.name_head`:
  first in English; none in Azerbaijani, whose head carries the possessive suffix, nor in zh).

Everything here reads the narrative markup (report/markup.py): sentences that end with their
citation markers, `[@id]` chart references. Nothing knows a dataset's ids or words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from reportgen.report.markup import MARKER

# A cited sentence ends with its stop and its citation markers: "… in 2024.[^trade]".
_CITED = re.compile(r"((?:\[\^[a-z][a-z0-9_]*\])+)\s*")
_REF = re.compile(r"\s*\[@[a-z][a-z0-9_]*\]")  # a chart reference, with the space before it
# Between two sentences: a stop, then a space and a capital (or, in zh, nothing).
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“‘(])|(?<=[。！？])(?=\S)")
_STOPS = ".。!?！？"
WORDS = 6  # a shorter sentence may say the same thing twice on purpose ("Trade rose.")
LONG_NAME = 4  # words: a name this long is said briefly the second time in a paragraph


def units(paragraph: str) -> list[str]:
    """A paragraph cut after each group of citation markers: its cited sentences, each with the
    uncited sentences before it (an event's outcomes before the figure that closes them)."""
    out, start = [], 0
    for match in _CITED.finditer(paragraph):
        out.append(paragraph[start:match.end()])
        start = match.end()
    if paragraph[start:].strip():
        out.append(paragraph[start:])
    return out


def plain(unit: str) -> str:
    """A unit as a reader sees it, to compare: without markers, spaces normalised."""
    return " ".join(MARKER.sub("", _REF.sub("", unit)).split())


def _bare(said: str) -> str:
    """A sentence as a clause: its first letter small, without its stop."""
    said = said.rstrip(_STOPS)
    return said[:1].lower() + said[1:]


def cited(unit: str) -> set[str]:
    return {m.group(2) for m in MARKER.finditer(unit) if m.group(1) == "^"}


def refs(unit: str) -> list[str]:
    return [m.group(0) for m in MARKER.finditer(unit) if m.group(1) == "@"]


@dataclass
class Said:
    """The sentences the briefing has said so far, with the items each cites."""

    seen: dict[str, set[str]] = field(default_factory=dict)

    def clause(self, text: str, ids: Iterable[str]) -> None:
        """A clause the summary said within a sentence of its own ("…, and exports fell 24.8%
        in January–October 2024"): a section's sentence that says only it is said again."""
        self.seen.setdefault(_bare(plain(text)), set()).update(ids)

    def fresh(self, paragraphs: list[str], join: Callable[[str, str], str]) -> list[str]:
        """The paragraphs without a sentence said before (a quote stands as it is), unless
        that would leave them nothing to say; a chart reference of a sentence left out moves
        to the next sentence kept, or the last one.
        `join` puts a reference after a sentence's words in the language's way."""
        out: list[str] = []
        moved: list[str] = []
        for paragraph in paragraphs:
            if paragraph.startswith(">"):
                out.append(paragraph)
                continue
            kept = []
            for unit in units(paragraph):
                if self._again(unit):
                    moved += refs(unit)
                    continue
                head, final = _last(unit)
                if head and self._again(final):  # its last sentence only: the rest stays
                    moved += refs(final)
                    unit = head
                self.seen.setdefault(plain(unit), set()).update(cited(unit))
                for ref in moved:
                    unit = refer(unit, ref, join)
                moved = []
                kept.append(unit)
            if kept:
                out.append("".join(kept).rstrip())
        last = next((i for i in reversed(range(len(out))) if not out[i].startswith(">")), None)
        if last is None:  # all a section would say: it says it, rather than nothing
            return paragraphs
        if moved:
            out[last] = refer(out[last], moved[0], join)
        return out

    def _again(self, unit: str) -> bool:
        """Whether a sentence was said before, citing no item it did not cite then."""
        said = plain(unit)
        before = self.seen.get(said, self.seen.get(_bare(said)))
        return len(said.split()) >= WORDS and before is not None and cited(unit) <= before


def _last(unit: str) -> tuple[str, str]:
    """A unit's sentences before its last one, and its last one with its markers: ("The
    signing resulted in A. ", "Agreements worth €10 billion were signed.[^deals]")."""
    end = re.search(r"[" + _STOPS + r"]?(?:\[[\^@][a-z][a-z0-9_]*\]|\s)*$", unit)
    assert end is not None  # the pattern matches the empty end
    cuts = [m.end() for m in _BOUNDARY.finditer(unit, 0, end.start())]
    return (unit[:cuts[-1]], unit[cuts[-1]:]) if cuts else ("", unit)


def refer(unit: str, ref: str, join: Callable[[str, str], str]) -> str:
    """A sentence with a chart reference before its stop: "… in 2024 [@trade].[^a]"."""
    match = re.search(r"[" + _STOPS + r"]?((?:\[\^[a-z][a-z0-9_]*\])*)\s*$", unit)
    assert match is not None  # the pattern matches the empty end
    words, tail = unit[:match.start()].rstrip(), unit[match.start():]
    return join(words, ref) + tail


def refer_in(paragraphs: list[str], ref: str, ids: Iterable[str],
             join: Callable[[str, str], str]) -> bool:
    """A chart's reference put at the end of the first sentence that cites one of the items
    it shows (`ids`); False where no sentence cites one."""
    wanted = set(ids)
    for i, paragraph in enumerate(paragraphs):
        if paragraph.startswith(">"):
            continue
        parts = units(paragraph)
        for j, unit in enumerate(parts):
            if cited(unit) & wanted:
                parts[j] = refer(unit, ref, join)
                paragraphs[i] = "".join(parts)
                return True
    return False


def head_of(name: str, head: str, modifier: re.Pattern[str] | None) -> str:
    """A long name's head, by the catalog: its last word ("last"), or ("first") the words
    before the first word that opens a `modifier` ("autonomy plan proposed by …" → "autonomy
    plan"; "accord establishing …" → "accord"); "" where none does ("draft 15th Five-Year
    Plan" has no head to say alone)."""
    words = name.split()
    if head == "last":
        return words[-1]
    cut = next((i for i, w in enumerate(words) if i and modifier and modifier.fullmatch(w)), 0)
    return " ".join(words[:cut])


def briefly(paragraphs: list[str], names: Iterable[str], head: str,
            modifier: str = "-") -> list[str]:
    """A section that says a long name (of LONG_NAME words or more, whose head is a common
    noun: "accord establishing the … Council") once in full: after that, by its head
    ("accord"), where no other name the section says has that head. `head` is the catalog's
    `words.name_head` ("first", "last" or "-" for none) and `modifier` its
    `words.name_modifier`, a pattern of the word that opens what follows the head."""
    if head not in ("first", "last"):
        return paragraphs
    cut = re.compile(modifier) if modifier != "-" else None
    text = " ".join(paragraphs)
    said = [n for n in names if len(n.split()) >= LONG_NAME and n in text]
    heads = [head_of(n, head, cut) for n in said]
    out = list(paragraphs)
    for name, short in zip(said, heads, strict=True):
        if not short or not short.replace(" ", "").isalpha() or not short.islower() \
                or heads.count(short) > 1 or len(short.split()) > len(name.split()) - 2:
            continue
        first = next(i for i, p in enumerate(out) if name in p)
        start = out[first].find(name) + len(name)
        out[first] = out[first][:start] + out[first][start:].replace(name, short)
        out[first + 1:] = [p.replace(name, short) for p in out[first + 1:]]
    return out
