"""reportgen: turn a structured dataset into an annual briefing (.docx) and a slide deck (.pptx).

The public Python API, for calling reportgen from a scheduler or a notebook (docs/api.md):
`validate`, `build`, `check` and `diff`, which take paths and return plain results, and the
errors they raise. Everything else in the package is internal.

Each name is defined in reportgen/api.py and loaded from there when first used
(`reportgen.build`, `from reportgen import build`): `import reportgen`, which every
`reportgen.…` module import runs first, imports only the version, so that the command line's
no-op path (noop.py) stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportgen.version import __version__ as __version__  # the package's version, re-exported

if TYPE_CHECKING:
    from reportgen.api import (
        BuildResult,
        DataError,
        LocaleError,
        OutputError,
        Problem,
        ReportgenError,
        Staleness,
        TemplateError,
        Validation,
        build,
        check,
        diff,
        validate,
    )

__all__ = ["BuildResult", "DataError", "LocaleError", "OutputError", "Problem", "ReportgenError",
           "Staleness", "TemplateError", "Validation", "build", "check", "diff", "validate"]


def __getattr__(name: str) -> Any:
    """The API's names, from reportgen/api.py when first asked for (PEP 562)."""
    if name in __all__:
        import reportgen.api  # deferred: the pipeline, only when the API is used

        return getattr(reportgen.api, name)
    raise AttributeError(f"module 'reportgen' has no attribute {name!r}")
