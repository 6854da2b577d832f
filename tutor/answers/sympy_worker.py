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
"""

from __future__ import annotations

import atexit
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO

#: the first request waits this long for the worker to start and import sympy (not counted
#: against a request's own bound, so that a cold start does not turn every answer "unknown")
START_TIMEOUT = 20.0
#: request name -> function of :mod:`tutor.answers.symbolic` that the worker runs
JOBS = {"compare": "compare_job", "simplify": "simplify_job"}


class _Worker:
    """The running child, and a thread that reads its replies into a queue (waitable with a timeout)."""

    def __init__(self) -> None:
        root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tutor.answers.sympy_worker", str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        self.replies: queue.Queue[tuple[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, name="dltutor-sympy-reader", daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            try:
                reply = pickle.load(stream)
            except Exception:  # EOF or a killed child: the reader simply ends
                self.replies.put(("gone", None))
                return
            self.replies.put(reply)

    def send(self, request: tuple[str, tuple[Any, ...]]) -> None:
        stream = self.process.stdin
        assert stream is not None
        pickle.dump(request, stream)
        stream.flush()

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


def run(job: str, args: tuple[Any, ...], timeout: float) -> Any | None:
    """The result of ``job(*args)`` in the worker, or None if it fails or takes over ``timeout`` s."""
    deadline = time.monotonic() + timeout
    if not _lock.acquire(timeout=max(timeout, 0.0)):
        return None
    try:
        started = time.monotonic()
        worker = _ensure_started()
        if worker is None:
            return None
        deadline += time.monotonic() - started
        worker.send((job, args))
        try:
            status, value = worker.replies.get(timeout=max(deadline - time.monotonic(), 0.0))
        except queue.Empty:
            _stop()  # the only way to stop sympy mid-computation
            return None
        if status == "gone":
            _stop()
        return value if status == "ok" else None
    except OSError:
        _stop()
        return None
    finally:
        _lock.release()


def shutdown() -> None:
    """Stop the worker; also registered to run when this process exits."""
    with _lock:
        _stop()


def is_running() -> bool:
    return _worker is not None and _worker.alive()


def _ensure_started() -> _Worker | None:
    global _worker
    if _worker is not None and _worker.alive():
        return _worker
    _stop()
    try:
        worker = _Worker()
    except OSError:
        return None
    _worker = worker
    try:
        ready = worker.replies.get(timeout=START_TIMEOUT)
    except queue.Empty:
        ready = None
    if ready != ("ready", None):
        _stop()
        return None
    return worker


def _stop() -> None:
    global _worker
    worker, _worker = _worker, None
    if worker is not None:
        worker.stop()


def _watch_parent(parent: int) -> None:
    """End the worker when its parent is gone, even in the middle of a computation."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def serve(parent: int, requests: BinaryIO, replies: BinaryIO) -> None:
    """The worker's loop: one request at a time until its input closes."""
    import signal

    # Ctrl-C in the terminal reaches the whole process group; the parent decides, not the worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    import sympy  # noqa: F401  (imported before "ready", so that requests are timed without it)

    from tutor.answers import symbolic

    def reply(message: tuple[str, Any]) -> None:
        pickle.dump(message, replies)
        replies.flush()

    reply(("ready", None))
    while True:
        try:
            job, args = pickle.load(requests)
        except Exception:  # EOF: the parent closed the pipe or exited
            return
        try:
            value = getattr(symbolic, JOBS[job])(*args)
        except Exception:  # sympy gives up in many ways; each one means "no result"
            reply(("failed", None))
        else:
            reply(("ok", value))


if __name__ == "__main__":
    protocol = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the replies
    serve(int(sys.argv[1]), sys.stdin.buffer, protocol)
