"""Time the main commands on the default dataset (speed targets belong here, not in tests)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 3


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reportgen", *args], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        cases = {
            "--help": ["--help"],
            "validate": ["validate"],
            "build docx,pptx": ["build", "--out", out, "--format", "docx,pptx"],
        }
        for name, args in cases.items():
            times = [timed(args) for _ in range(RUNS)]
            print(f"{name:<20} median {statistics.median(times):6.2f} s  "
                  f"(min {min(times):.2f}, max {max(times):.2f}, {RUNS} runs)")


if __name__ == "__main__":
    main()
