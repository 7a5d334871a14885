"""The settings of reportgen.toml, declared with their types, defaults and descriptions."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from reportgen.errors import ReportgenError

CONFIG_FILE = "reportgen.toml"
# The templates reportgen carries as package data (in a checkout, a link to templates/).
SHIPPED_TEMPLATES = Path(__file__).with_name("templates")


class ConfigError(ReportgenError):
    """reportgen.toml cannot be read or holds a setting reportgen does not know."""


@dataclass(frozen=True)
class Settings:
    """Defaults for the commands run from a folder; command-line options override them."""

    data: str = field(default="data", metadata={"help": "the dataset built by default"})
    datasets: str = field(default="data", metadata={"help": "where `build --all` looks"})
    templates: str = field(default=str(SHIPPED_TEMPLATES),
                           metadata={"help": "the templates folder (default: the shipped ones)"})
    out: str = field(default="output", metadata={"help": "the output folder"})
    formats: list[str] = field(default_factory=lambda: ["docx", "pptx"],
                               metadata={"help": "formats built by default"})
    locale: str = field(default="", metadata={"help": "wording catalog and number formats"})


def load_settings(folder: Path = Path()) -> Settings:
    """Settings from reportgen.toml in `folder`, over the declared defaults."""
    path = folder / CONFIG_FILE
    if not path.exists():
        return Settings()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("reportgen", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{CONFIG_FILE}: {exc}") from None
    declared = {f.name: f for f in fields(Settings)}
    unknown = sorted(set(table) - set(declared))
    if unknown:
        raise ConfigError(f"{CONFIG_FILE}: unknown setting(s) {', '.join(unknown)}; known: "
                          f"{', '.join(declared)}")
    for name, value in table.items():
        wanted = "a list of text" if name == "formats" else "text"
        ok = (isinstance(value, list) and all(isinstance(v, str) for v in value)
              if name == "formats" else isinstance(value, str))
        if not ok:
            raise ConfigError(f"{CONFIG_FILE}: {name}: expected {wanted}, got {value!r} "
                              f"({declared[name].metadata['help']})")
    return Settings(**table)
