"""Fixtures for every test: never touch the real home, never animate."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


#: at most this many xdist workers: each app test holds a Textual app (~100 MB), and past 8 the
#: suite is bound by its longest tests, not by the number of workers
MAX_WORKERS = 8


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: the CPUs this process may use, capped, so a many-core CI box is not swamped."""
    import os

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(usable, MAX_WORKERS))


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Progress goes to a fresh temporary dir; language and colour come from the test, not the host."""
    home = tmp_path_factory.mktemp("dltutor-home")
    monkeypatch.setenv("DLTUTOR_HOME", str(home))
    monkeypatch.setenv("DLTUTOR_CACHE", str(tmp_path_factory.mktemp("dltutor-cache")))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.delenv("DLTUTOR_LANG", raising=False)
    monkeypatch.delenv("DLTUTOR_CONTENT", raising=False)
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return home
