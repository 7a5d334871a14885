"""Entry point for ``python -m reportgen``."""

from __future__ import annotations

from reportgen.cli import main

if __name__ == "__main__":
    main()
