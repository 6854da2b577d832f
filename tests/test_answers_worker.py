"""The sympy worker's failure modes: out of memory, out of time, killed, garbage on its pipe.

Each one must end as "no second opinion" (the numeric verdict stands, with a note
where sympy was asked and could not finish), never as an exception or a hang.
"""

from __future__ import annotations

import io
import pickle
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tutor.answers import check_answer, symbolic, sympy_worker
from tutor.answers.judge import read_answer
from tutor.answers.parser import parse
from tutor.quiz.items import QuizItem, get_item

LINUX = sys.platform.startswith("linux")


def _item(item_id: str) -> QuizItem:
    item = get_item(item_id)
    assert item is not None
    return item


@pytest.fixture(autouse=True)
def _fresh_worker() -> Iterator[None]:
    sympy_worker.shutdown()
    yield
    sympy_worker.shutdown()


def _compare_args(item_id: str, text: str) -> tuple[object, ...]:
    item = _item(item_id)
    return (read_answer(item, text), parse(item.spec.answer).tree, dict(item.spec.symbols))


# ---------------------------------------------------------------- memory

@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_the_worker_runs_under_an_address_space_limit() -> None:
    assert sympy_worker.run("compare", _compare_args("7", "2C"), 30.0) == "equal"
    worker = sympy_worker._worker
    assert worker is not None
    limits = Path(f"/proc/{worker.process.pid}/limits").read_text()
    line = next(line for line in limits.splitlines() if line.startswith("Max address space"))
    assert str(sympy_worker.MEMORY_LIMIT) in line.split()


def test_limit_memory_is_skipped_where_resource_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "resource", None)  # import resource now raises ImportError
    assert sympy_worker.limit_memory() is False


@pytest.mark.skipif(not LINUX, reason="RLIMIT_AS")
def test_a_runaway_allocation_is_a_numeric_verdict_with_a_note() -> None:
    """exp(cosh(B^B)) in item 7 grew the worker to 1.5 GB; now it meets the limit and serves on."""
    outcome, _ = sympy_worker.call("compare", _compare_args("7", "exp(cosh(B^B))"), 30.0)
    assert outcome == "memory"
    assert sympy_worker.is_running()  # a MemoryError unwinds: the same worker serves the next request
    assert sympy_worker.run("compare", _compare_args("7", "2C"), 30.0) == "equal"
    verdict = check_answer(_item("7"), "exp(cosh(B^B))", "en")
    assert verdict.status == "incorrect"
    assert verdict.message.endswith("(The exact symbolic check ran out of time or memory, so this verdict "
                                    "rests on the numbers.)")
    assert "по числам" in check_answer(_item("7"), "exp(cosh(B^B))", "ru").message


def test_an_answer_sympy_settles_has_no_note() -> None:
    verdict = check_answer(_item("2"), "sech(z)^2 e^(1000z)/e^(1000z)", "en")
    assert verdict.status == "correct" and "ran out" not in verdict.message


# ---------------------------------------------------------------- killed

def test_a_worker_killed_mid_request_is_no_second_opinion() -> None:
    args = _compare_args("2", "sech(z)^2")
    assert sympy_worker.run("compare", args, 30.0) == "equal"  # started
    worker = sympy_worker._worker
    assert worker is not None
    pathological = ("(sinh(z)+cosh(z)+tanh(z)+z+1)^8 (sinh(z)-cosh(z)+tanh(z)-z+2)^8 (z^2+sinh(z)+3)^8")
    tree = read_answer(_item("2"), pathological)
    threading.Timer(0.3, worker.process.kill).start()
    start = time.perf_counter()
    outcome, value = sympy_worker.call("simplify", (tree, dict(_item("2").spec.symbols)), 20.0)
    assert (outcome, value) == ("gone", None)
    assert time.perf_counter() - start < 5
    assert sympy_worker.run("compare", args, 30.0) == "equal"  # a new worker serves the next request


# ---------------------------------------------------------------- garbage on the pipe

FAKE_WORKER = """
import pickle, struct, sys, time
out = sys.stdout.buffer
def frame(obj):
    data = pickle.dumps(obj)
    out.write(struct.pack(">I", len(data)) + data)
{before_ready}
frame(("ready", None))
out.flush()
sys.stdin.buffer.read(4)  # the request's header: the reply comes when asked
{reply}
out.flush()
time.sleep(30)
"""

GARBAGE = {
    "random bytes": ("", "out.write(b'\\x80\\x04garbage' * 10)"),
    "a huge frame length": ("", "out.write(struct.pack('>I', 2**31) + b'x' * 100)"),
    "a forbidden class": ("", "data = pickle.dumps(('ok', time.sleep)); out.write(struct.pack('>I', len(data)) + data)"),
    "not a reply": ("", "frame(['ok', 1, 2])"),
    "an unknown status": ("", "frame(('pwned', 1))"),
    "a short frame": ("", "out.write(struct.pack('>I', 50) + b'abc'); out.close()"),
    "garbage before ready": ("out.write(b'noise')", ""),
}


@pytest.mark.parametrize("kind", list(GARBAGE))
def test_garbage_on_the_pipe_is_no_second_opinion(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                  kind: str) -> None:
    before, reply = GARBAGE[kind]
    script = tmp_path / "fake_worker.py"
    script.write_text(textwrap.dedent(FAKE_WORKER).format(before_ready=before, reply=reply))
    monkeypatch.setattr(sympy_worker, "command", lambda: [sys.executable, str(script)])
    monkeypatch.setattr(sympy_worker, "START_TIMEOUT", 5.0)
    start = time.perf_counter()
    outcome, value = sympy_worker.call("compare", _compare_args("2", "sech(z)^2"), 3.0)
    assert value is None and outcome == ("unavailable" if "before" in kind else "gone"), outcome
    assert time.perf_counter() - start < 10
    assert symbolic.simplify_echo(_item("2"), "4/(e^z+e^-z)^2", timeout=3.0) is None
    tree = read_answer(_item("2"), "sech(z)^2 e^(1000z)/e^(1000z)")
    assert symbolic.second_opinion(_item("2"), tree, timeout=3.0) in ("unknown", "unfinished")


def test_a_reply_may_only_hold_tree_nodes() -> None:
    stream = io.BytesIO()
    sympy_worker.write_frame(stream, ("ok", parse("1 - tanh(z)^2").tree))
    stream.seek(0)
    assert sympy_worker.read_frame(stream, reply=True)[1] == parse("1 - tanh(z)^2").tree
    stream = io.BytesIO()
    sympy_worker.write_frame(stream, ("ok", Path("/")))
    stream.seek(0)
    with pytest.raises(pickle.UnpicklingError):
        sympy_worker.read_frame(stream, reply=True)
