"""Fixtures for every test: never touch the real home, never animate."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


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
