"""Every verb in ordinary Unix situations: one line and a documented status, never a traceback.

stdout closed (``>&-``) or full (``>/dev/full``), stdin closed (``<&-``), a reader that
has already left the pipe, and output encodings without the tutor's characters. The
policy lives once in ``main()``; these run each verb as a real process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

#: verb arguments -> (stdin text, normal exit status, writes to stdout)
VERBS: dict[str, tuple[str, int, bool]] = {
    "list": ("", 0, True),
    "show 1": ("", 0, True),
    "check 1b 2x": ("", 0, True),
    "check --batch": ('{"item": "7", "answer": "2C"}\n', 0, True),
    "check --csv": ("student,item,answer\nAnn,7,2C\n", 0, True),
    "quiz --plain --only 1": ("q\n", 0, True),
    "progress": ("", 0, True),
    "plot": ("", 0, True),
    "lab": ("", 0, True),
    "export": ("", 0, True),
    "lint {small}": ("", 0, True),  # one question: lint judges every item, which takes a while
    "--help": ("", 0, True),
    "open 1": ("", 2, False),  # the app needs a terminal: says so on stderr
    "": ("", 2, False),
}
READS_STDIN = {"check --batch", "check --csv", "quiz --plain --only 1"}
EXIT_IO = 74
EXIT_BROKEN_PIPE = 141


@pytest.fixture(scope="module")
def small_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from tutor.content.loader import content_root

    root = tmp_path_factory.mktemp("content")
    shutil.copytree(content_root() / "01-derivatives", root / "01-derivatives",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return root


def run(argv: str, situation: str, tmp_path: Path, small: Path) -> subprocess.CompletedProcess[bytes]:
    stdin_text, _, _ = VERBS[argv]
    argv = argv.format(small=small)
    env = {**os.environ, "DLTUTOR_HOME": str(tmp_path / "home"), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DLTUTOR_DEBUG", None)
    cmd = [sys.executable, "-m", "tutor", *argv.split(), "--lang", "ru"]
    kwargs: dict[str, object] = {"input": stdin_text.encode(), "stdout": subprocess.PIPE}
    if situation == "stdout-closed":
        cmd = ["sh", "-c", 'exec "$@" >&-', "sh", *cmd]
        kwargs.pop("stdout")
    elif situation == "stdin-closed":
        cmd = ["sh", "-c", 'exec "$@" <&-', "sh", *cmd]
        kwargs.pop("input")
    elif situation == "stdout-full":
        kwargs["stdout"] = open("/dev/full", "wb")  # noqa: SIM115 (closed below)
    elif situation == "broken-pipe":
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader has left before the first byte
        kwargs["stdout"] = write_end
    elif situation == "ascii":
        env["PYTHONIOENCODING"] = "ascii"
    elif situation == "latin-1":
        env["PYTHONIOENCODING"] = "latin-1"
    elif situation == "lang-c":
        env.update({"LANG": "C", "LC_ALL": "C"})
    try:
        return subprocess.run(cmd, stderr=subprocess.PIPE, env=env, timeout=120, check=False,
                              **kwargs)  # type: ignore[call-overload]
    finally:
        if situation == "stdout-full":
            kwargs["stdout"].close()  # type: ignore[union-attr]
        if situation == "broken-pipe":
            os.close(kwargs["stdout"])  # type: ignore[arg-type]


SITUATIONS = ["stdout-closed", "stdout-full", "stdin-closed", "broken-pipe", "ascii", "latin-1",
              "lang-c"]


@pytest.mark.skipif(sys.platform == "win32", reason="Unix situations")
@pytest.mark.parametrize("situation", SITUATIONS)
@pytest.mark.parametrize("argv", list(VERBS))
def test_never_a_traceback(argv: str, situation: str, tmp_path: Path, small_content: Path) -> None:
    result = run(argv, situation, tmp_path, small_content)
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "Exception ignored" not in err, err
    _, normal, prints = VERBS[argv]
    lines = err.splitlines()
    if situation in ("stdout-closed", "stdout-full") and prints:
        assert result.returncode == EXIT_IO, err
        assert lines == [lines[0]] and "не удаётся записать вывод" in lines[0], err
    elif situation == "stdin-closed" and argv in READS_STDIN:
        assert result.returncode == EXIT_IO, err
        assert len(lines) == 1 and "не удаётся прочитать ввод" in lines[0], err
    elif situation == "broken-pipe" and prints:
        assert result.returncode == EXIT_BROKEN_PIPE, err
        assert err == "", err  # the reader left: nothing to say
    else:
        assert result.returncode == normal, err
        assert len(lines) <= 1 or argv.startswith("check --"), err  # batch: the summary
    if situation in ("ascii", "latin-1") and prints:
        text = result.stdout.decode(situation)  # strict: every byte is in the encoding
        # what the encoding lacks (Cyrillic, math) is '?' in text, an escape in JSON
        assert "?" in text or "\\u04" in text, text


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("closed", [False, True], ids=["stderr-full", "stderr-closed"])
@pytest.mark.parametrize("argv", [*VERBS, "show 99", "check 1b 3x", "export -o /dev/stdout"])
def test_a_stderr_that_cannot_be_written_keeps_the_exit_status(
        argv: str, closed: bool, tmp_path: Path, small_content: Path) -> None:
    """The diagnostic is lost, not the verdict: the exit status stays the one the run earned."""
    stdin_text = VERBS.get(argv, ("", 0, True))[0]
    normal = {"show 99": 2, "check 1b 3x": 1}.get(argv, VERBS.get(argv, ("", 0))[1])
    env = {**os.environ, "DLTUTOR_HOME": str(tmp_path / "home")}
    env.pop("DLTUTOR_DEBUG", None)
    cmd = [sys.executable, "-m", "tutor", *argv.format(small=small_content).split(), "--lang", "en"]
    if closed:
        cmd = ["sh", "-c", 'exec "$@" 2>&-', "sh", *cmd]
    with open("/dev/full", "wb") as full:
        result = subprocess.run(cmd, input=stdin_text.encode(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL if closed else full, env=env,
                                timeout=120, check=False)
    assert result.returncode == normal
