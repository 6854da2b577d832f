"""The loader on the real content and on deliberately broken copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tutor.content import ContentError, load_course
from tutor.content.loader import parse_solution
from tutor.i18n import LANGS

REPO = Path(__file__).resolve().parent.parent
SEED_POINTS = {1: 1, 2: 1, 3: 3, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1}


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of question 1 to break in different ways."""
    root = tmp_path / "content"
    shutil.copytree(REPO / "content" / "01-derivatives", root / "01-derivatives")
    return root


def test_real_content_loads_with_seed_points() -> None:
    course = load_course(cached=False)
    for q in course:
        assert q.points == SEED_POINTS[q.number]
        for lang in LANGS:
            assert q.title[lang].strip() and q.statement[lang].strip()
            assert len(q.steps[lang]) >= 1
        if q.parts and all(p.points is not None for p in q.parts):
            assert sum(p.points for p in q.parts) == pytest.approx(q.points)


def test_all_eight_questions_present() -> None:
    course = load_course(cached=False)
    assert [q.number for q in course] == list(range(1, 9))
    assert course.total_points == 10


def test_steps_carry_their_parts(content_copy: Path) -> None:
    q = load_course(content_copy, cached=False).question(1)
    assert q is not None
    assert [s.part for s in q.steps["en"]][:1] == ["1a"]
    assert {s.part for s in q.steps["en"]} == {"1a", "1b"}
    assert [s.index for s in q.steps["ru"]] == list(range(1, len(q.steps["ru"]) + 1))


def _expect_error(root: Path, *fragments: str) -> ContentError:
    with pytest.raises(ContentError) as info:
        load_course(root, cached=False)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    return info.value


def test_missing_file_is_named(content_copy: Path) -> None:
    (content_copy / "01-derivatives" / "solution.en.md").unlink()
    _expect_error(content_copy, "solution.en.md", "missing file")


def test_unknown_part_is_named(content_copy: Path) -> None:
    path = content_copy / "01-derivatives" / "solution.ru.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("part: 1b", "part: 1c"), encoding="utf-8"
    )
    _expect_error(content_copy, "solution.ru.md", "unknown part '1c'")


def test_step_count_mismatch(content_copy: Path) -> None:
    path = content_copy / "01-derivatives" / "solution.en.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n## Extra\n\nMore.\n", encoding="utf-8")
    _expect_error(content_copy, "solution.ru.md has", "solution.en.md has")


def test_unparseable_meta(content_copy: Path) -> None:
    (content_copy / "01-derivatives" / "meta.toml").write_text("number = [\n", encoding="utf-8")
    _expect_error(content_copy, "meta.toml", "not valid TOML")


def test_meta_number_must_match_folder(content_copy: Path) -> None:
    meta = content_copy / "01-derivatives" / "meta.toml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("number = 1", "number = 2"), encoding="utf-8"
    )
    _expect_error(content_copy, "meta.toml", "number = 2")


def test_missing_title_language(content_copy: Path) -> None:
    meta = content_copy / "01-derivatives" / "meta.toml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace('ru = "Производные"\n', ""), encoding="utf-8"
    )
    _expect_error(content_copy, "meta.toml", "'title' has no 'ru' text")


def test_bad_folder_name(content_copy: Path) -> None:
    (content_copy / "01-derivatives").rename(content_copy / "derivatives")
    _expect_error(content_copy, "NN-slug")


def test_empty_content_dir(tmp_path: Path) -> None:
    _expect_error(tmp_path, "no question folders")


def test_parse_solution_rules(tmp_path: Path) -> None:
    path = tmp_path / "solution.en.md"
    steps = parse_solution(
        "<!-- note -->\n## One\n\nText $x$.\n\n```\n## not a step\n```\n<!-- part: a -->\n## Two\n\nMore.\n",
        path,
        {"a"},
    )
    assert [(s.index, s.title, s.part) for s in steps] == [(1, "One", None), (2, "Two", "a")]
    assert "## not a step" in steps[0].body
    with pytest.raises(ContentError, match="before the first"):
        parse_solution("Intro\n## One\n\nx\n", path, set())
    with pytest.raises(ContentError, match="has no text"):
        parse_solution("## One\n\n## Two\n\nx\n", path, set())
    with pytest.raises(ContentError, match="unclosed"):
        parse_solution("## One\n\n```\ncode\n", path, set())
