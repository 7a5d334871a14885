"""Entry point for ``python -m reportgen`` and the installed `reportgen` command: a no-op
rebuild is answered by noop.py before the command line (click) and the pipeline are imported;
anything else runs cli.py."""

from __future__ import annotations

import sys

from reportgen.noop import answer


def main() -> None:
    if answer(sys.argv[1:]):
        return
    from reportgen.cli import main as command_line  # deferred: click, when noop.py did not answer

    command_line()


if __name__ == "__main__":
    main()
