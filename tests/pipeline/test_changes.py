"""The pull-request body shows dataset text as typed: rendered as GitHub renders Markdown
(CommonMark with tables and strikethrough), no comment, HTML, image, link, heading, list or
mention that the dataset wrote comes out as markup."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from reportgen.pipeline.changes import MENTION_BREAK, markdown, summarize
from reportgen.report.catalog import load_catalog

from ..conftest import TEMPLATES

T = load_catalog(TEMPLATES, "en")
GITHUB = MarkdownIt("commonmark").enable(["table", "strikethrough"])
HOSTILE = [
    "<!-- every later change is hidden",
    "<img src=x onerror=alert(1)> raw HTML",
    "![tracker](https://example.org/pixel.png)",
    "[click](javascript:alert(1))",
    "<https://example.org/autolink>",
    "cc @octo-org/security-team and @someone",
    "# Forged heading",
    "Visit\n## Forged heading after a line break\n- forged item\n1. forged number\n> quote",
    "| forged | table |\n|---|---|",
    "**bold** _em_ ~~struck~~ `code`",
    "&lt;entity&gt; &amp; &#64;",
    "trailing backslash \\",
    "---",
]


def _snapshot(titles: list[str]) -> dict[str, object]:
    return {"figures": {}, "sections": {},
            "events": {f"e{i}": {"title": title, "period": "2025"}
                       for i, title in enumerate(titles)}}


def _text(rendered: str) -> str:
    """What a reader sees: the rendered HTML's text."""
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


@pytest.mark.parametrize("title", HOSTILE)
def test_dataset_text_in_the_pull_request_is_shown_as_typed(title: str) -> None:
    lines = summarize(_snapshot([]), _snapshot([title, "A later event"]), T)
    body = markdown(lines, T)
    rendered = GITHUB.render(body)
    # Only reportgen's own markup: one heading, one list of two items, nothing else.
    tags = sorted(set(re.findall(r"<(/?[a-z0-9]+)", rendered)))
    ours = {"/h2", "/li", "/ul", "h2", "li", "ul"} | ({"br"} if "\n" in title else set())
    assert tags == sorted(ours), rendered
    assert rendered.count("<li>") == 2 and "A later event" in rendered  # nothing hidden
    shown = _text(rendered).replace(MENTION_BREAK, "@")
    for line in title.splitlines():
        assert line.strip() in shown, (line, shown)
    assert not re.search(r"@(?!\u200b)\w", _text(rendered)), "a mention GitHub would link"


def test_the_mention_break_is_invisible() -> None:
    assert MENTION_BREAK == "@\u200b"  # a zero-width space: the reader sees "@team"
