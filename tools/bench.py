"""Time the main commands on the default dataset, against the speed targets below.

Speed targets live here, never in timed tests. Exit status 1 when a median misses its target.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 3
# Seconds, median of RUNS, on the project's 2-core machine.
TARGETS = {
    "--help": 0.5,
    "validate": 1.5,
    "build (no-op)": 0.6,
    "build docx,pptx": 15.0,
}


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reportgen", *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    missed = []
    with tempfile.TemporaryDirectory() as out:
        build = ["build", "--out", out, "--format", "docx,pptx"]
        cases = {
            "--help": ["--help"],
            "validate": ["validate"],
            "build docx,pptx": [*build, "--force"],
            "build (no-op)": build,  # after the forced build above, nothing changed
        }
        for name, args in cases.items():
            times = [timed(args) for _ in range(RUNS)]
            median = statistics.median(times)
            target = TARGETS[name]
            verdict = "ok" if median <= target else "SLOW"
            if median > target:
                missed.append(name)
            print(f"{name:<18} median {median:6.2f} s  target {target:5.1f} s  {verdict}  "
                  f"(min {min(times):.2f}, max {max(times):.2f}, {RUNS} runs)")
    if missed:
        sys.exit(1)


if __name__ == "__main__":
    main()
