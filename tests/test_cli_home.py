"""An empty DLTUTOR_HOME is a usage error, never a silent fall-back to the real store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.progress import DataDirError, data_dir


@pytest.mark.parametrize("value", ["", "  "])
def test_data_dir_refuses_an_empty_home(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("DLTUTOR_HOME", value)
    with pytest.raises(DataDirError):
        data_dir()


@pytest.mark.parametrize("verb", [["progress"], ["stats"], ["quiz", "--plain"], ["review"], ["practice", "2"]])
def test_every_verb_that_uses_the_store_refuses_an_empty_home(tmp_path: Path,
                                                               verb: list[str]) -> None:
    home = tmp_path / "home"  # where the real store would be, were HOME followed
    env = {**os.environ, "DLTUTOR_HOME": "", "HOME": str(home), "XDG_DATA_HOME": str(home / "d")}
    result = subprocess.run([sys.executable, "-m", "tutor", *verb, "--lang", "en"], input="",
                            capture_output=True, text=True, env=env, timeout=60, check=False)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "DLTUTOR_HOME is set but empty" in result.stderr
    assert not home.exists()
