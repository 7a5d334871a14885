"""Planning a build: the options of one build, the editions a locale asks for, and a batch of
datasets (each in every edition asked for). Cheap by design: it reads briefing.yaml's language
and the catalogs' names, nothing heavier, so that a no-op rebuild stays fast."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from reportgen.errors import LocaleError, Problem, relpath
from reportgen.pipeline.build import BuildOptions
from reportgen.pipeline.fingerprint import FORMATS


def options(data: Path, templates: Path, out: Path, formats: Sequence[str], *,
            cache: Path | None = None, charts: str = "native", strict: bool = False
            ) -> BuildOptions:
    """One build's options (BuildOptions' defaults for the rest); ValueError for a format
    reportgen cannot write."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown format {', '.join(unknown) or '(none)'}; "
                         f"choose from {', '.join(FORMATS)}")
    return BuildOptions(data=data, templates=templates, out=out, formats=tuple(formats),
                        cache=cache, charts=charts, strict=strict)


def dataset_language(data: Path) -> str:
    """briefing.yaml's `language`, read alone: choosing the editions must stay cheap."""
    from reportgen.dataset.located import read_yaml  # deferred: pydantic, off the --help path
    from reportgen.dataset.models import Briefing

    problems: list[Problem] = []
    file = read_yaml(data / "briefing.yaml", problems, data)
    language = file.data.get("language") if isinstance(file.data, dict) else None
    # A broken briefing.yaml is reported by the build itself, at its line.
    return language if isinstance(language, str) and language else str(
        Briefing.model_fields["language"].default)


def editions(options: BuildOptions, requested: str | None) -> list[BuildOptions]:
    """The builds that --locale asks for: one language, or `all` the templates have a catalog
    for; the dataset's own language keeps the plain output names."""
    if not requested:
        return [options]
    from reportgen.dataset.translations import dataset_locales  # deferred: pydantic, Babel
    from reportgen.report.catalog import locales

    there = locales(options.templates)
    own = dataset_language(options.data)
    # `all`: the dataset's own language and each it has a translations/<locale>.yaml for.
    wanted = dataset_locales(options.data, own) if requested == "all" else [requested]
    unknown = [lang for lang in wanted if lang not in there]
    if unknown or not wanted:
        asked = ", ".join(unknown) if requested == "all" else requested
        raise LocaleError(f"no wording catalog for locale '{asked}' in "
                          f"{relpath(options.templates / 'locale')}/ (catalogs there: "
                          f"{', '.join(there) or 'none'}); choose one of them, or all, or add "
                          f"templates/locale/{unknown[0] if unknown else 'LANG'}.po")
    return [replace(options, locale=lang, edition="" if lang == own else lang) for lang in wanted]


def datasets(root: Path) -> list[Path]:
    """Every dataset folder (one holding briefing.yaml) under root; ValueError when none."""
    found = sorted(p.parent for p in root.glob("*/briefing.yaml"))
    if not found:
        raise ValueError(f"no dataset (a folder with briefing.yaml) under {root}/")
    return found


def batch(options: BuildOptions, folders: Iterable[Path], locale: str | None
          ) -> list[BuildOptions]:
    """Every build of a batch: each dataset folder with these options, in each edition."""
    return [edition for folder in folders
            for edition in editions(replace(options, data=folder), locale)]


def label(options: BuildOptions) -> str:
    """The dataset's name, and the edition where it is not the dataset's own language."""
    return f"{options.name} ({options.edition})" if options.edition else str(options.name)
