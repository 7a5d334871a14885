"""reportgen.toml read and checked against the declared settings: their names, defaults, types
and descriptions. Light by design (os and tomllib only), so that the no-op fast path
(noop.py) reads it before click or config.py's classes are imported; config.py declares the
`Settings` the commands take from these."""

from __future__ import annotations

import os

CONFIG_FILE = "reportgen.toml"
# The templates reportgen carries as package data (in a checkout, a link to templates/).
SHIPPED_TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
# Each setting's default (text, or formats' list) and what it is for.
DEFAULTS: dict[str, str] = {"data": "data", "datasets": "data", "templates": SHIPPED_TEMPLATES,
                            "out": "output", "locale": ""}
DEFAULT_FORMATS = ("docx", "pptx")
HELP = {"data": "the dataset built by default", "datasets": "where `build --all` looks",
        "templates": "the templates folder (default: the shipped ones)",
        "out": "the output folder", "formats": "formats built by default",
        "locale": "wording catalog and number formats"}


def read_table(folder: str = ".") -> dict[str, str | list[str]]:
    """The [reportgen] table of reportgen.toml in `folder` ({} when there is none); ValueError
    saying what is wrong with it: not TOML, a setting reportgen does not know, a wrong type."""
    path = os.path.join(folder, CONFIG_FILE)
    if not os.path.exists(path):
        return {}
    import tomllib  # deferred: only where there is a reportgen.toml (a third of a no-op)

    try:
        with open(path, encoding="utf-8") as file:
            table = tomllib.loads(file.read()).get("reportgen", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{CONFIG_FILE}: {exc}") from None
    unknown = sorted(set(table) - set(HELP))
    if unknown:
        raise ValueError(f"{CONFIG_FILE}: unknown setting(s) {', '.join(unknown)}; known: "
                         f"{', '.join(HELP)}")
    for name, value in table.items():
        wanted = "a list of text" if name == "formats" else "text"
        ok = (isinstance(value, list) and all(isinstance(v, str) for v in value)
              if name == "formats" else isinstance(value, str))
        if not ok:
            raise ValueError(f"{CONFIG_FILE}: {name}: expected {wanted}, got {value!r} "
                             f"({HELP[name]})")
    return dict(table)
