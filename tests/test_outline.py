"""The cached course outline behind ``dltutor list``: right, fresh, and never in the way."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.content import load_course
from tutor.content.outline import load_outline, outline_of

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_outline_matches_the_loader() -> None:
    course = load_course(cached=False)
    first = load_outline()  # builds the cache
    second = load_outline()  # reads it
    assert first == second == outline_of(course)
    assert [q.number for q in second] == [q.number for q in course]
    assert sum(q.points for q in second) == course.total_points


def test_an_edit_to_the_content_rebuilds_the_outline(content_copy: Path) -> None:
    before = load_outline(str(content_copy))
    meta = content_copy / "01-derivatives" / "meta.toml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace('en = "Derivatives"', 'en = "Derivatives!"'),
        encoding="utf-8",
    )
    after = load_outline(str(content_copy))
    assert before[0].title["en"] == "Derivatives"
    assert after[0].title["en"] == "Derivatives!"


def test_a_corrupt_cache_is_rebuilt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DLTUTOR_CACHE", str(tmp_path / "cache"))
    expected = load_outline()
    (tmp_path / "cache" / "outline.marshal").write_bytes(b"\x00garbage")
    assert load_outline() == expected


def test_an_unwritable_cache_only_costs_speed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("DLTUTOR_CACHE", str(blocker / "cache"))
    assert load_outline() == outline_of(load_course())


def test_broken_content_is_reported_not_cached(content_copy: Path) -> None:
    from tutor.content import ContentError

    load_outline(str(content_copy))
    (content_copy / "02-activations" / "question.en.md").unlink()
    with pytest.raises(ContentError, match=r"question\.en\.md"):
        load_outline(str(content_copy))


def test_warm_list_does_not_load_the_course(tmp_path: Path) -> None:
    """The start-up budget of `dltutor list` rests on this: no tomllib, dataclasses or loader."""
    env = {**os.environ, "DLTUTOR_CACHE": str(tmp_path / "cache")}
    probe = (
        "import sys, io, contextlib\n"
        "from tutor.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['list'])\n"
        "print(sorted(m for m in ('tomllib', 'dataclasses', 'tutor.content.loader', 'typing') if m in sys.modules))\n"
    )
    cold = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    warm = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    assert cold.returncode == 0 and warm.returncode == 0, cold.stderr + warm.stderr
    assert "tutor.content.loader" in cold.stdout  # the first run builds the outline
    assert warm.stdout.strip() == "[]"
