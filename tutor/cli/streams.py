"""One policy for the standard streams, applied once in ``main()`` for every verb.

Ordinary Unix situations must give one line on stderr and a documented exit
code, never a traceback: stdout closed (``>&-``) or full (``>/dev/full``), stdin
closed (``<&-``), a reader that leaves the pipe early, and an output encoding
that lacks the tutor's characters (``PYTHONIOENCODING=ascii``). Verbs just
print; a failed write surfaces as :class:`StreamError`, which is not an
``OSError`` so that no verb's ``except OSError`` (nor argparse, which ignores
errors while printing ``--help``) can swallow it, and ``main()`` maps it to its
exit status.

Only ``io``, ``os`` and ``sys`` are used: this runs on every start-up.
"""

from __future__ import annotations

import io
import os
import sys

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import Any, TextIO

#: output could not be written or input read (closed or full stdout, closed stdin): EX_IOERR
EXIT_IO = 74
#: the reader of a pipe left (``dltutor export | head``): silent, as if killed by SIGPIPE
EXIT_BROKEN_PIPE = 141


class StreamError(Exception):
    """A standard stream failed: ``stream`` is "output" or "input"; ``reason`` is for a person."""

    def __init__(self, stream: str, reason: str = "", *, broken_pipe: bool = False) -> None:
        super().__init__(f"standard {stream}: {reason or 'closed'}")
        self.stream = stream
        self.reason = reason  # empty: the stream was closed before dltutor started
        self.broken_pipe = broken_pipe

    @classmethod
    def from_os_error(cls, stream: str, err: OSError) -> StreamError:
        return cls(
            stream,
            err.strerror or str(err) or type(err).__name__,
            broken_pipe=isinstance(err, BrokenPipeError),
        )


class GuardedOutput:
    """stdout as verbs see it: every write or flush error becomes a :class:`StreamError`.

    Everything else (``isatty``, ``fileno``, ``encoding`` …) is the real stream's, so Rich,
    argparse and ``input()`` work as before. After a failure has been reported the stream
    is :meth:`discard`-ed: further output goes nowhere instead of failing again.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._discarding = False

    def write(self, text: str) -> int:
        if self._discarding:
            return len(text)
        try:
            return self._stream.write(text)
        except OSError as err:
            raise StreamError.from_os_error("output", err) from None

    def flush(self) -> None:
        if self._discarding:
            return
        try:
            self._stream.flush()
        except OSError as err:
            raise StreamError.from_os_error("output", err) from None
        except ValueError:  # flushed after close: nothing can be lost any more
            pass

    def discard(self) -> None:
        """Drop all further output, and make the interpreter's final flush harmless."""
        self._discarding = True
        try:
            fd = self._stream.fileno()
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, fd)
            os.close(null)
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class GuardedDiagnostics(GuardedOutput):
    """stderr as verbs see it: a diagnostic that cannot be written is dropped, silently.

    A full or closed stderr (``2>/dev/full``) must not turn the run's intended exit
    status into an internal error: there is nowhere left to say anything, so the
    exit status is the only report, and it stays the one the run earned.
    """

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except StreamError:
            self.discard()
            return len(text)

    def flush(self) -> None:
        try:
            super().flush()
        except StreamError:
            self.discard()


class _ClosedOutput(io.TextIOBase):
    """The stream under :class:`GuardedOutput` when stdout was closed (``>&-``)."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not text:
            return 0
        raise StreamError("output")


class _ClosedInput(io.TextIOBase):
    """Stands in for a closed stdin (``<&-``): reading it fails with one clear message."""

    encoding = "utf-8"

    def readable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def read(self, size: int | None = -1) -> str:
        raise StreamError("input")

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        raise StreamError("input")

    @property
    def buffer(self) -> _ClosedInput:
        return self


_saved: list[tuple[Any, Any, Any]] = []


def guard_standard_streams() -> None:
    """Make the three standard streams safe to use, whatever the caller left us.

    A closed descriptor 0, 1 or 2 is reopened on ``/dev/null`` first, so that no file
    dltutor opens later (the progress file) lands on it and receives output by
    accident. Text output gets ``?`` for characters its encoding lacks (and for lone
    surrogates); undecodable input becomes U+FFFD. :func:`restore_standard_streams`
    undoes the Python-level part (for callers that run ``main()`` in-process).
    """
    _saved.append((sys.stdin, sys.stdout, sys.stderr))
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                opened = os.open(os.devnull, os.O_RDWR)
            except OSError:
                continue
            if opened != fd:
                os.close(opened)
    if sys.stdin is None:
        sys.stdin = _ClosedInput()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the process's life)
    for stream in (sys.stdout, sys.stdin):
        # "strict" fails on a character the encoding lacks, "surrogateescape" (the C locale's)
        # on a lone surrogate from JSON input: both would end the run on one character.
        if isinstance(stream, io.TextIOWrapper) and stream.errors in ("strict", "surrogateescape"):
            try:
                stream.reconfigure(errors="replace")
            except (AttributeError, ValueError, io.UnsupportedOperation):
                continue
    if not isinstance(sys.stdout, GuardedOutput):
        real = sys.stdout if sys.stdout is not None else _ClosedOutput()
        sys.stdout = GuardedOutput(real)  # type: ignore[assignment]
    if not isinstance(sys.stderr, GuardedOutput):
        sys.stderr = GuardedDiagnostics(sys.stderr)  # type: ignore[assignment]


def restore_standard_streams() -> None:
    """Put back the streams :func:`guard_standard_streams` found."""
    if _saved:
        sys.stdin, sys.stdout, sys.stderr = _saved.pop()


def complain(text: str) -> None:
    """One line on stderr; a stderr that cannot take it is not worth a traceback."""
    try:
        sys.stderr.write(text.rstrip("\n") + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def discard_output() -> None:
    """After a reported failure (or a reader that left): no more output, no second error."""
    stream = sys.stdout
    if isinstance(stream, GuardedOutput):
        stream.discard()


def flush_output() -> None:
    """Flush stdout while its failure can still be reported, not at interpreter shutdown."""
    stream: TextIO | None = sys.stdout
    if stream is not None:
        stream.flush()


def is_utf8(stream: object) -> bool:
    """True when ``stream`` encodes as UTF-8 (or takes str as it is, like StringIO)."""
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return True
    return str(encoding).lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig")
