"""A sympy worker process, so that a computation past its time bound can be stopped.

Sympy cannot be interrupted from inside Python: a thread that runs past its
bound can only be abandoned, and it keeps a core busy for as long as sympy
likes (136 s was measured for ``simplify`` of three 8th powers of hyperbolic
sums, a tree well within the size bounds). A process can be killed. One worker
(``python -m tutor.answers.sympy_worker``) is started on first use, imports
sympy once, serves requests one at a time, and is killed and replaced when a
request overruns its bound. A plain subprocess rather than multiprocessing:
"spawn" re-runs the caller's main script in the child, which breaks any
script without a ``__main__`` guard, and "fork" is unsafe beside the Textual
app's threads. Requests and results are parsed trees and short strings pickled
between this process and its own child; user text never reaches the worker.

The worker is bounded in memory too (``RLIMIT_AS``, set in the worker where the
platform has it): simplifying ``exp(cosh(B^B))`` grew it to 1.5 GB within its
second. Every way it can fail (out of time, out of memory, killed, a reply
that is not a well-formed frame of allowed types) is an outcome of
:func:`call`, never an exception, and the caller keeps the numeric verdict.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO, Literal

#: the first request waits this long for the worker to start and import sympy (not counted
#: against a request's own bound, so that a cold start does not turn every answer "unknown")
START_TIMEOUT = 20.0
#: request name -> function of :mod:`tutor.answers.symbolic` that the worker runs
JOBS = {"compare": "compare_job", "simplify": "simplify_job"}
#: address space the worker may use (sympy itself needs about 60 MB)
MEMORY_LIMIT = 512 * 1024 * 1024
#: a reply is a short string or a small tree; a longer frame can only be garbage
MAX_FRAME = 1024 * 1024
#: how a request ended: "ok" with a value; "failed" (sympy gave up); "timeout" and "memory" (past a
#: bound; after a MemoryError, which unwinds cleanly, the worker serves on; after a timeout it is
#: killed and replaced); "gone" (the worker died or wrote garbage); "unavailable" (it cannot start)
Outcome = Literal["ok", "failed", "timeout", "memory", "gone", "unavailable"]
_HEADER = struct.Struct(">I")
#: the classes a reply may contain: the parsed-tree nodes and exact numbers, nothing else
_REPLY_CLASSES = {("tutor.answers.tree", name) for name in ("Number", "Symbol", "Call", "BinOp", "Neg", "Transpose")}
_REPLY_CLASSES.add(("fractions", "Fraction"))


class _ReplyUnpickler(pickle.Unpickler):
    """Unpickles only what a reply may hold, so a corrupted pipe cannot name any other class."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _REPLY_CLASSES:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a reply")
        return super().find_class(module, name)


def write_frame(stream: BinaryIO, message: object) -> None:
    """``message`` pickled, after its length: the reader never reads more than a frame."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: BinaryIO, *, reply: bool = False) -> Any:
    """The next message; raises EOFError at the end and ValueError/UnpicklingError on garbage."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(header)
    if size > MAX_FRAME:
        raise ValueError(f"a frame of {size} bytes")
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    if reply:
        return _ReplyUnpickler(io.BytesIO(data)).load()
    return pickle.loads(data)


def command() -> list[str]:
    """How the worker is started: this interpreter, this module, the parent's pid to watch."""
    return [sys.executable, "-m", "tutor.answers.sympy_worker", str(os.getpid())]


class _Worker:
    """The running child, and a thread that reads its replies into a queue (waitable with a timeout)."""

    def __init__(self) -> None:
        root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        self.replies: queue.Queue[tuple[str, Any]] = queue.Queue()
        #: True once the worker has said "ready" (sympy imported)
        self.ready = False
        threading.Thread(target=self._read, name="dltutor-sympy-reader", daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            try:
                reply = read_frame(stream, reply=True)
            except Exception:  # EOF, a killed child or garbage: the reader simply ends
                self.replies.put(("gone", None))
                return
            if not (isinstance(reply, tuple) and len(reply) == 2 and reply[0] in _STATUSES):
                self.replies.put(("gone", None))  # well-formed but not a reply: treat as garbage
                return
            self.replies.put(reply)

    def send(self, request: tuple[str, tuple[Any, ...]]) -> None:
        stream = self.process.stdin
        assert stream is not None
        write_frame(stream, request)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait(timeout=5)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


_lock = threading.Lock()
_worker: _Worker | None = None
atexit.register(lambda: shutdown())  # no orphan: the worker dies with this process


#: statuses a reply from the worker may carry ("ready" once, at start)
_STATUSES = frozenset({"ready", "ok", "failed", "memory"})


def run(job: str, args: tuple[Any, ...], timeout: float) -> Any | None:
    """The result of ``job(*args)`` in the worker, or None if it fails or takes over ``timeout`` s."""
    outcome, value = call(job, args, timeout)
    return value if outcome == "ok" else None


def call(job: str, args: tuple[Any, ...], timeout: float) -> tuple[Outcome, Any]:
    """How ``job(*args)`` ended in the worker and its value ("ok" only); never raises."""
    deadline = time.monotonic() + timeout
    if not _lock.acquire(timeout=max(timeout, 0.0)):
        return "timeout", None
    try:
        started = time.monotonic()
        worker = _ensure_started()
        if worker is None:
            return "unavailable", None
        deadline += time.monotonic() - started
        worker.send((job, args))
        try:
            status, value = worker.replies.get(timeout=max(deadline - time.monotonic(), 0.0))
        except queue.Empty:
            _replace()  # the only way to stop sympy mid-computation
            return "timeout", None
        if status == "ok":
            return "ok", value
        if status == "failed":
            return "failed", None
        if status == "memory":
            return "memory", None  # the MemoryError unwound in the worker, which serves on
        _replace()  # gone, or an unexpected "ready": a fresh worker serves the next request
        return "gone", None
    except Exception:  # a broken pipe, or pickling a request failed: no worker to rely on
        _stop()
        return "gone", None
    finally:
        _lock.release()


def shutdown() -> None:
    """Stop the worker; also registered to run when this process exits."""
    with _lock:
        _stop()


def is_running() -> bool:
    return _worker is not None and _worker.alive()


def _ensure_started() -> _Worker | None:
    """The worker, ready for a request: started now if there is none, awaited if it is starting."""
    global _worker
    if _worker is None or not _worker.alive():
        _stop()
        try:
            _worker = _Worker()
        except OSError:
            return None
    worker = _worker
    if not worker.ready:
        try:
            ready = worker.replies.get(timeout=START_TIMEOUT)
        except queue.Empty:
            ready = None
        if ready != ("ready", None):
            _stop()
            return None
        worker.ready = True
    return worker


def _replace() -> None:
    """Kill the worker and start its successor now, so that it imports sympy before the next request."""
    global _worker
    _stop()
    with contextlib.suppress(OSError):
        _worker = _Worker()


def _stop() -> None:
    global _worker
    worker, _worker = _worker, None
    if worker is not None:
        with contextlib.suppress(Exception):  # already reaped, or it will not die: drop it either way
            worker.stop()


def _watch_parent(parent: int) -> None:
    """End the worker when its parent is gone, even in the middle of a computation."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def limit_memory(limit: int = MEMORY_LIMIT) -> bool:
    """Cap this process's address space at ``limit`` bytes; False where the platform cannot.

    A lower hard limit already in place is kept. Without ``resource`` (Windows) the
    time bound alone holds.
    """
    try:
        import resource
    except ImportError:
        return False
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        return False
    return True


def _warm_up() -> None:
    """One small comparison and simplification before "ready", outside any request's time bound.

    Sympy loads much of itself on first use: the first comparison in a new worker took
    1.5 s against 0.3 s for the same one next, enough to turn a cold second opinion into
    a time-out on a busy machine.
    """
    from tutor.answers import symbolic
    from tutor.answers.parser import parse
    from tutor.answers.spec import scalar

    domains = {"z": scalar(-2.0, 2.0)}
    with contextlib.suppress(Exception):
        symbolic.compare_job(parse("sech(z)^2 e^(9z)/e^(9z)").tree, parse("1 - tanh(z)^2").tree, domains)
        symbolic.simplify_job(parse("4/(e^z+e^-z)^2").tree, domains)


def serve(parent: int, requests: BinaryIO, replies: BinaryIO) -> None:
    """The worker's loop: one request at a time until its input closes."""
    import signal

    # Ctrl-C in the terminal reaches the whole process group; the parent decides, not the worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    import sympy  # noqa: F401  (imported before "ready", so that requests are timed without it)

    from tutor.answers import symbolic

    limit_memory()
    _warm_up()
    write_frame(replies, ("ready", None))
    while True:
        try:
            job, args = read_frame(requests)
        except Exception:  # EOF: the parent closed the pipe or exited
            return
        try:
            message: tuple[str, Any] = ("ok", getattr(symbolic, JOBS[job])(*args))
        except MemoryError:
            message = ("memory", None)
        except Exception:  # sympy gives up in many ways (RecursionError too); each means "no result"
            message = ("failed", None)
        try:
            write_frame(replies, message)
        except MemoryError:
            return  # not even the reply fits: ending is the answer ("gone")


if __name__ == "__main__":
    # The replies get a descriptor of their own; descriptor 1 becomes stderr (discarded by the
    # parent), so nothing printed by Python or by C code can corrupt the protocol.
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(int(sys.argv[1]), sys.stdin.buffer, protocol)
