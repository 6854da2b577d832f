"""Whole-process time of ``dltutor list`` against ``python -c "import rich"``.

Budget (issue 2): ratio ≤ 1.5. Both are measured in the same run, interleaved,
so machine noise hits both alike; the ratio of medians is what we report.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    baseline_cmd = [sys.executable, "-c", "import rich"]
    commands = {
        "list": [sys.executable, "-m", "tutor", "--lang", "en", "list"],
        "--help": [sys.executable, "-m", "tutor", "--help"],
        "show 3": [sys.executable, "-m", "tutor", "--lang", "en", "show", "3", "--solution"],
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
        print(f"dltutor {name:<8} median {median * 1000:.0f} ms  ratio {median / base_median:.2f}")
    print("budget: dltutor list ratio <= 1.5")
    return 0


if __name__ == "__main__":
    sys.exit(main())
