"""Whole-process time of ``dltutor list`` against ``python -c "import rich"``.

Budget (issue 2): ratio ≤ 1.5. Both are measured in the same run, interleaved,
so machine noise hits both alike; the ratio of medians is what we report.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15


#: Without .pyc files every run recompiles the package and the figures mean nothing; an
#: environment with PYTHONDONTWRITEBYTECODE set would otherwise measure the compiler.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
REPO = Path(__file__).resolve().parent.parent


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def dltutor() -> list[str]:
    """The installed console script when there is one (what a student runs), else -m."""
    script = Path(sys.executable).with_name("dltutor")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tutor"]


def main() -> int:
    compileall.compile_dir(REPO / "tutor", quiet=1)
    baseline_cmd = [sys.executable, "-c", "import rich"]
    commands = {
        "list": [*dltutor(), "--lang", "en", "list"],
        "--help": [*dltutor(), "--help"],
        "--help ru": [*dltutor(), "--lang", "ru", "--help"],
        "show 3": [*dltutor(), "--lang", "en", "show", "3", "--solution"],
    }
    for cmd in [baseline_cmd, *commands.values()]:
        timed(cmd)  # warm the page cache and .pyc files
    base: list[float] = []
    results: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(RUNS):
        base.append(timed(baseline_cmd))
        for name, cmd in commands.items():
            results[name].append(timed(cmd))
    base_median = statistics.median(base)
    print(f"baseline  python -c 'import rich'  median {base_median * 1000:.0f} ms ({RUNS} runs)")
    for name, samples in results.items():
        median = statistics.median(samples)
        print(f"dltutor {name:<9} median {median * 1000:.0f} ms  ratio {median / base_median:.2f}")
    print("budget: dltutor list and --help ratio <= 1.5")
    return 0


if __name__ == "__main__":
    sys.exit(main())
