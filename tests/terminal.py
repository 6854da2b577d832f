"""Running dltutor on a real terminal (a pty) from a test: what a student at a terminal sees."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\r")


def run_on_pty(args: list[str], keys: list[bytes], *, columns: int, home: Path,
               wait_for: bytes = b"> ", rows: int = 24, env: dict[str, str] | None = None) -> str:
    """Run dltutor with a pty as its terminal; send each of ``keys`` after a prompt appears."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {**os.environ, "DLTUTOR_HOME": str(home), "TERM": "xterm-256color", "NO_COLOR": "1",
           "COLUMNS": str(columns), "LINES": str(rows), **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "tutor", *args], stdin=slave, stdout=slave,
                            stderr=slave, env=env, close_fds=True)
    os.close(slave)
    output = b""
    pending = list(keys)
    seen_prompts = 0
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                raise AssertionError(f"no output for 30 s; so far: {output!r}")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
            if pending and output.count(wait_for) > seen_prompts:
                seen_prompts = output.count(wait_for)
                os.write(master, pending.pop(0))
    finally:
        os.close(master)
        proc.wait(timeout=30)
    return ANSI.sub("", output.decode("utf-8", "replace"))
