"""What changed between two builds, in plain words and as Markdown for a pull request."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from reportgen.report.annex import Sheet
from reportgen.report.catalog import Catalog
from reportgen.report.narrative import SectionText
from reportgen.report.views import Views


def snapshot(views: Views, sections: list[SectionText],
             annex: dict[str, str] | None = None) -> dict[str, Any]:
    """Each figure with the dataset field it came from, each event, a hash of each section, and
    `annex`: the data annex's file and a hash of each of its sheets (annex_digest)."""
    index = {m.id: i for i, m in enumerate(views.dataset.metrics)}
    figures = {}
    for x in views.metrics.values():
        figures[x.id] = {
            "field": f"metrics.yaml: metrics[{index[x.id]}].value",
            "label": x.short_label, "value": x.value, "unit": x.unit, "text": x.text,
            "period": x.period, "change": x.change_signed,
            "estimate": x.previous.text if x.previous else None,
            "estimate_from": (f"metrics.yaml: metrics[{index[x.id]}].value and .change"
                              if x.previous else None),
            "sources": [s.id for s in x.sources],
        }
    events = {e.id: {"title": e.title, "period": e.period} for e in views.events}
    text = {s.id: {"title": s.title, "sha256": hashlib.sha256(
        "\n".join(b.text for b in (*s.blocks, *s.takeaways)).encode()).hexdigest()}
        for s in sections if not s.empty}
    return {"figures": figures, "events": events, "sections": text,
            **({"annex": annex} if annex is not None else {})}


def annex_digest(file: str, sheets: list[Sheet]) -> dict[str, str]:
    """The data annex as the manifest records it: its file name, and a hash of each sheet's
    headings and cells (by sheet name), so that `diff` can say which sheets changed."""
    digest = {sheet.name: hashlib.sha256(json.dumps([sheet.header, sheet.rows],
                                                    ensure_ascii=False).encode()).hexdigest()
              for sheet in sheets}
    return {"": file, **digest}


def summarize(old: dict[str, Any] | None, new: dict[str, Any], t: Catalog) -> list[str]:
    """One line per changed figure, event or section (empty when nothing changed)."""
    if not old:
        return []
    lines = []
    before, after = old.get("figures", {}), new["figures"]
    for key, fig in after.items():
        prev = before.get(key)
        if prev is None:
            lines.append(t("change.added", what=f"{fig['label']} ({fig['period']})",
                           value=fig["text"]))
        elif (prev["text"], prev["period"], prev["change"]) != (fig["text"], fig["period"],
                                                                fig["change"]):
            old_text = prev["text"] + (f" ({prev['change']})" if prev["change"] else "")
            new_text = fig["text"] + (f" ({fig['change']})" if fig["change"] else "")
            period = (fig["period"] if prev["period"] == fig["period"]
                      else f"{prev['period']} → {fig['period']}")
            lines.append(t("change.figure", label=fig["label"], period=period, old=old_text,
                           new=new_text))
    lines += [t("change.removed", what=f"{fig['label']} ({fig['period']})")
              for key, fig in before.items() if key not in after]
    old_events, new_events = old.get("events", {}), new["events"]
    lines += [t("change.added", what=ev["title"], value=ev["period"])
              for key, ev in new_events.items() if key not in old_events]
    lines += [t("change.removed", what=ev["title"])
              for key, ev in old_events.items() if key not in new_events]
    lines += [t("change.event", title=ev["title"], old=old_events[key]["period"],
                new=ev["period"]) for key, ev in new_events.items()
              if key in old_events and old_events[key] != ev]
    old_sections, new_sections = old.get("sections", {}), new["sections"]
    lines += [t("change.section", title=sec["title"]) for key, sec in new_sections.items()
              if old_sections.get(key, {}).get("sha256") != sec["sha256"]]
    lines += [t("change.section_removed", title=sec["title"])
              for key, sec in old_sections.items() if key not in new_sections]
    return lines + _annex_changes(old.get("annex"), new.get("annex"), t)


def _annex_changes(old: object, new: object, t: Catalog) -> list[str]:
    """One line naming the data annex's sheets that changed, were added or were removed (none
    when the last build recorded no annex)."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return []
    names = [*new, *(name for name in old if name not in new)]
    changed = [name for name in names if name and old.get(name) != new.get(name)]
    if not changed:
        return []
    return [t("change.annex", file=new.get("", ""),
              sheets=", ".join(t("change.annex_sheet", sheet=name) for name in changed))]


# What opens Markdown inside a line (CommonMark and GitHub's extensions: emphasis, code, links
# and images, raw HTML and comments, entities, tables, strikethrough): escaped with a backslash,
# which CommonMark allows before any ASCII punctuation and shows as the character itself.
_INLINE = re.compile(r"([\\`*_\[\]<>!|~&#])")
# What opens a block at the start of a line (the item's own start, or a line break inside a
# value): lists, numbered lists, quotes, setext underlines.
_LINE_START = re.compile(r"^(\s*)(\d*)([-+=>.)])")
# GitHub links and notifies @name and @org/team wherever it is not code, escaped or not: a
# zero-width space after the @ shows the same text and mentions no one.
MENTION_BREAK = "@\u200b"


def escape_markdown(text: str) -> str:
    """Text (a dataset's, a catalog's) shown as typed in a Markdown line, never as markup: no
    comment, HTML, image, link, heading, list or mention can be forged. A line break inside it
    stays one (a hard break within the same list item)."""
    lines = [_LINE_START.sub(r"\1\2\\\3", _INLINE.sub(r"\\\1", line)).replace(
        "@", MENTION_BREAK) for line in text.splitlines() or [""]]
    return "\\\n  ".join(lines)


def fenced(text: str) -> str:
    """Text as a Markdown code block, fenced by more backticks than any run of them inside, so
    that nothing in it (a dataset's problems, quoting its values) can close it early."""
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", text))])
    return f"{fence}text\n{text.rstrip(chr(10))}\n{fence}\n"


def markdown(lines: list[str], t: Catalog) -> str:
    """The change summary as a Markdown pull-request body, every line's text escaped."""
    if not lines:
        return escape_markdown(t("change.none")) + "\n"
    return "\n".join([f"## {escape_markdown(t('change.heading'))}", "",
                      *(f"- {escape_markdown(line)}" for line in lines), ""])
