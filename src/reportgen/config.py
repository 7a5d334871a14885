"""The settings of reportgen.toml, declared with their types, defaults and descriptions (their
names, defaults and reading are settings_file.py's, which the no-op fast path reads alone)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import ReportgenError
from reportgen.settings_file import CONFIG_FILE, DEFAULT_FORMATS, DEFAULTS, HELP, read_table

__all__ = ["CONFIG_FILE", "SHIPPED_TEMPLATES", "ConfigError", "Settings", "load_settings"]

# The templates reportgen carries as package data (in a checkout, a link to templates/).
SHIPPED_TEMPLATES = Path(DEFAULTS["templates"])


class ConfigError(ReportgenError):
    """reportgen.toml cannot be read or holds a setting reportgen does not know."""


def _text(name: str) -> str:
    return field(default=DEFAULTS[name], metadata={"help": HELP[name]})


@dataclass(frozen=True)
class Settings:
    """Defaults for the commands run from a folder; command-line options override them."""

    data: str = _text("data")
    datasets: str = _text("datasets")
    templates: str = _text("templates")
    out: str = _text("out")
    formats: list[str] = field(default_factory=lambda: list(DEFAULT_FORMATS),
                               metadata={"help": HELP["formats"]})
    locale: str = _text("locale")


def load_settings(folder: Path = Path()) -> Settings:
    """Settings from reportgen.toml in `folder`, over the declared defaults."""
    try:
        table = read_table(str(folder))
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    return Settings(**table)  # type: ignore[arg-type]  # read_table checked each type
