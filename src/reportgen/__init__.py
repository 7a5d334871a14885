"""reportgen: turn a structured dataset into an annual briefing (.docx) and a slide deck (.pptx)."""

from __future__ import annotations

__version__ = "0.1.0"
