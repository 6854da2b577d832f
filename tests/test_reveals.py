"""``<!-- reveals: ID -->`` markers: parsed into Step.reveals, checked, and asked about."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tutor.content import load_course
from tutor.content.errors import ContentError
from tutor.content.lint import lint_course
from tutor.content.loader import content_root, parse_solution
from tutor.progress import Progress, ProgressStore
from tutor.quiz.items import load_items
from tutor.quiz.reveals import open_items_revealed, steps_needing_confirmation

SOLUTION = """<!-- part: a -->
## Setting up

Nothing given away yet.

## The answer
<!-- reveals: a -->

It is 42.
<!-- reveals: b, a -->

```text
<!-- reveals: not-parsed-in-code -->
```
"""


def test_markers_are_parsed_into_the_step_and_kept_out_of_its_text() -> None:
    first, second = parse_solution(SOLUTION, Path("solution.en.md"), {"a"})
    assert (first.reveals, second.reveals) == ((), ("a", "b"))
    assert "reveals: a" not in second.body and "It is 42." in second.body
    assert "not-parsed-in-code" in second.body  # inside a code block it is text


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<!-- reveals: a -->\n## Step\n\ntext\n", "before the first step"),
        ("## Step\n<!-- reveals: -->\ntext\n", "names no item"),
    ],
)
def test_misplaced_or_empty_markers_are_rejected(text: str, problem: str) -> None:
    with pytest.raises(ContentError, match=problem):
        parse_solution(text, Path("solution.en.md"), set())


def _copy_content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(content_root(), root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_ru_and_en_must_agree_on_what_a_step_reveals(tmp_path: Path) -> None:
    root = _copy_content(tmp_path)
    _edit(root / "03-losses" / "solution.en.md", "<!-- reveals: 3.1 3.2 -->", "<!-- reveals: 3.2 -->")
    with pytest.raises(ContentError, match=r"step 9 reveals 3\.1 3\.2 in Russian but 3\.2 in English"):
        load_course(root, cached=False)
    problems, _ = lint_course(root)
    assert len(problems) == 1 and "03-losses" in problems[0]


def test_unknown_item_ids_are_rejected_by_lint(tmp_path: Path) -> None:
    root = _copy_content(tmp_path)
    for lang in ("ru", "en"):
        _edit(root / "07-batch-norm" / f"solution.{lang}.md", "<!-- reveals: 7 -->", "<!-- reveals: 7 7.9 -->")
    problems, _ = lint_course(root)
    assert len(problems) == 2
    assert "07-batch-norm/solution.ru.md step 3: reveals unknown quiz item 7.9" in problems[0]
    assert "07-batch-norm/solution.en.md step 3" in problems[1]


# -- the real content ----------------------------------------------------------------------------


def test_every_auto_checked_item_is_revealed_by_a_step_of_its_own_part() -> None:
    """Each item with an answer to give away has its answer step marked, in both languages."""
    course = load_course()
    for item in load_items():
        if item.kind == "self-check":
            continue
        question = course.question(item.question)
        assert question is not None
        for lang in ("ru", "en"):
            own = [s for s in question.steps[lang] if item.id in s.reveals]
            assert own, f"no step of question {item.question} ({lang}) is marked as revealing {item.id}"
            assert any(s.part in (item.part, None) for s in own), item.id


def test_steps_needing_confirmation_follow_progress() -> None:
    course = load_course()
    items = load_items()
    steps = course.question(3).steps["en"]  # type: ignore[union-attr]
    fresh = steps_needing_confirmation(steps, items, Progress())
    assert sorted(fresh) == [4, 5, 6, 8, 9, 10]
    assert (fresh[9].item_ids, fresh[9].points) == (("3.1", "3.2"), 3.0)
    assert 1 not in fresh and 7 not in fresh  # setting up and the remark on the vector give nothing away


def test_closing_an_item_lifts_the_question(tmp_path: Path) -> None:
    items = load_items()
    steps = load_course().question(3).steps["ru"]  # type: ignore[union-attr]
    store = ProgressStore(tmp_path)
    store.record_give_up("3.1")
    progress = store.load()
    after = steps_needing_confirmation(steps, items, progress)
    assert sorted(after) == [8, 9, 10]
    assert after[9].item_ids == ("3.2",) and after[9].points == 1.0
    store.record_answer("3.2", "y_hat - p", judged=True, correct=True, score=1)
    assert steps_needing_confirmation(steps, items, store.load()) == {}
    assert not open_items_revealed(steps, items, store.load())


def test_a_step_can_reveal_another_questions_item() -> None:
    """Question 2's last step quotes the tanh gain 5/3 of question 6."""
    items = load_items()
    steps = load_course().question(2).steps["en"]  # type: ignore[union-attr]
    stakes = steps_needing_confirmation(steps, items, Progress())
    assert stakes[8].item_ids == ("6.tanh",) and stakes[8].points == 0.5
