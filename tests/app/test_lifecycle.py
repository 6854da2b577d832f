"""How the real app ends, in a pseudo-terminal: status, stderr, and the terminal left behind.

A crash must end with the terminal restored, a non-zero status and one line on
stderr (the traceback goes to a log file); SIGTERM and SIGHUP must end the app
as ctrl+q does, with what was answered saved and no alternate screen, mouse
tracking or hidden cursor left behind.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tutor.progress import Progress

#: what Textual writes when it gives the terminal back (alternate screen off, cursor shown,
#: mouse tracking off)
RESTORED = ("\x1b[?1049l", "\x1b[?25h", "\x1b[?1000l", "\x1b[?1003l")

#: runs dltutor's own entry point; ``BOOM`` makes the home screen's ``c`` raise
ENTRY = """
import os, sys
if os.environ.get("BOOM"):
    from tutor.app.screens.home import HomeScreen
    def boom(self):
        raise RuntimeError("boom")
    HomeScreen.action_continue = boom
from tutor.cli import main
sys.exit(main(sys.argv[1:]))
"""


class Terminal:
    """``dltutor`` on the slave side of a pty at 80×24 (Textual draws on stderr, so both are the pty)."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.master = master
        self.output = ""
        self.process = subprocess.Popen(
            [sys.executable, "-c", ENTRY, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=REPO,
            env={**os.environ, "TERM": "xterm-256color", **(env or {})},
            start_new_session=True,
        )
        os.close(slave)

    def read_until(self, text: str, timeout: float = 60) -> None:
        """Read the screen output until ``text`` has been drawn (fails after ``timeout``)."""
        deadline = time.monotonic() + timeout
        while text not in self.output:
            assert self.process.poll() is None, f"exited {self.process.returncode}: {self.output!r}"
            assert time.monotonic() < deadline, f"{text!r} never drawn; got {self.output[-500:]!r}"
            self._read(0.1)

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def finish(self, timeout: float = 30) -> tuple[int, str]:
        """Wait for the exit, reading the last output; the status and what was printed after
        the terminal was given back."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            assert time.monotonic() < deadline, "the app did not exit"
            self._read(0.1)
        while self._read(0.1):
            pass
        os.close(self.master)
        return self.process.returncode, self.after_restore()

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the slave side is closed: the process is gone
            return False
        self.output += data.decode(errors="replace")
        return bool(data)

    def restored(self) -> bool:
        """The last things written give the terminal back, after the last frame."""
        tail = self.output[self.output.rfind("\x1b[?1049h") :]
        return all(code in tail for code in RESTORED)

    def after_restore(self) -> str:
        """The text printed once the alternate screen was left (escape codes removed)."""
        import re

        tail = self.output[self.output.rfind("\x1b[?1049l") + len("\x1b[?1049l") :]
        return re.sub(r"\x1b(\[[0-9;?<>=$]*[A-Za-z~]|\][^\x07]*\x07)", "", tail).replace("\r", "")


@pytest.fixture
def data_dir() -> Path:
    return Path(os.environ["DLTUTOR_HOME"])


def test_an_unexpected_error_exits_1_with_one_line_and_a_report(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    term = Terminal("--lang", "en", env={"BOOM": "1", "DLTUTOR_CACHE": str(cache)})
    term.read_until("Homework")
    term.send("c")
    status, printed = term.finish()
    assert status == 1
    lines = printed.strip().splitlines()
    assert len(lines) == 1, printed
    assert "internal error" in lines[0] and "RuntimeError: boom" in lines[0]
    log = cache / "crash.log"
    assert str(log) in lines[0]
    assert "Traceback" in log.read_text() and "boom" in log.read_text()
    assert term.restored()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_ends_the_app_cleanly_with_the_answers_saved(data_dir: Path, signum: int) -> None:
    term = Terminal("quiz", "--only", "1", "--lang", "en")
    term.read_until("Item 1 of")
    term.send("I\r")  # 1a: the identity, right
    deadline = time.monotonic() + 60
    while "1a" not in _items(data_dir):
        assert time.monotonic() < deadline, "the answer was never saved"
        term._read(0.1)
    os.kill(term.process.pid, signum)
    status, printed = term.finish()
    assert status == 128 + signum
    assert printed.strip() == ""
    assert term.restored()
    assert _items(data_dir)["1a"]["status"] == "solved"


def test_ctrl_q_exits_0(data_dir: Path) -> None:
    term = Terminal("open", "3", "--lang", "en")
    term.read_until("Loss functions")
    deadline = time.monotonic() + 30
    while _saved(data_dir).last_question is None:  # the position is saved after the frame
        assert time.monotonic() < deadline, "the position was never saved"
        term._read(0.1)
    term.send("\x11")  # ctrl+q
    status, printed = term.finish()
    assert (status, printed.strip()) == (0, "")
    assert term.restored()
    assert _saved(data_dir).last_question == 3


def _saved(data_dir: Path) -> Progress:
    """What the store holds now (read as another process would, while the app runs)."""
    from tutor.progress import ProgressStore

    return ProgressStore(data_dir).load()


def _items(data_dir: Path) -> dict:
    return _saved(data_dir).to_json()["items"]
