"""``dltutor practice``, ``review`` and ``stats`` from the command line, in subprocesses and in-process."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from datetime import timezone
from pathlib import Path

import pytest
from review_helpers import FakeClock, right_answer, wrong_answer

from tutor.cli import main
from tutor.cli.practice_cmd import PlainPractice
from tutor.cli.review_cmd import review
from tutor.practice import get_family, load_families
from tutor.practice.rating import AGAIN, GOOD
from tutor.practice.review import ReviewSchedule, reschedule
from tutor.progress import ProgressStore

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, stdin: str = "", home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if home is not None:
        env["DLTUTOR_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "tutor", *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=120, cwd=ROOT)


# -- listing and usage errors ----------------------------------------------------------------------


def test_practice_without_a_target_lists_every_family(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["practice", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    for family in load_families():
        assert re.search(rf"^\s+{re.escape(family.id)}\s+{re.escape(family.idea['en'])}$", out, re.M)


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["practice", "6.gian"], ["6.gain"]),
        (["practice", "9"], ["1–8"]),
        (["practice", "0"], ["1–8"]),
        (["practice", "nothing-like-it"], ["dltutor practice"]),
        (["practice", "6.gain", "--seed", "-1"], ["--seed"]),
        (["practice", "6.gain", "--count", "0", "--export"], ["--count"]),
        (["practice", "6.gain", "-o", "x.md"], ["--export"]),
        (["practice", "--export"], ["--export"]),
        (["practice", "6.gain", "--seed", "x"], ["--seed"]),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_usage_errors_are_one_line_and_exit_2(
    argv: list[str], words: list[str], lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--lang", lang]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    for word in words:
        assert word in err


# -- problem sheets --------------------------------------------------------------------------------------


def test_a_sheet_is_the_same_bytes_for_the_same_seed_in_two_processes(tmp_path: Path) -> None:
    first = _run("practice", "5.adamw-step", "--count", "3", "--seed", "42", "--export", "--lang", "ru")
    second = _run("practice", "5.adamw-step", "--count", "3", "--seed", "42", "--export", "--lang", "ru")
    assert first.returncode == second.returncode == 0 and first.stderr == ""
    assert first.stdout == second.stdout
    other = _run("practice", "5.adamw-step", "--count", "3", "--seed", "43", "--export", "--lang", "ru")
    assert other.stdout != first.stdout
    out = tmp_path / "sheet.md"
    written = _run("practice", "5.adamw-step", "--count", "3", "--seed", "42", "--export", "--lang", "ru",
                   "-o", str(out))
    assert written.returncode == 0 and out.read_text(encoding="utf-8") == first.stdout


def test_a_sheet_holds_every_variant_its_answer_and_its_worked_solution(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["practice", "7", "--count", "5", "--seed", "100", "--export", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    families = [f for f in load_families() if f.question == 7]
    problems, answers = text.split("## Answers and worked solutions")
    for k in range(5):
        variant = families[k % len(families)].variant(100 + k)
        heading = f"### {k + 1}. {variant.family}, seed {variant.seed}"
        assert heading in problems and heading in answers
        assert variant.statement["en"].strip() in problems
        assert f"**Answer:** {variant.answer['en'].strip()}" in answers
        for step in variant.solution("en"):
            assert step.body.strip() in answers
        if variant.item.kind != "choice":  # a choice's answer is one of its options
            assert variant.answer["en"].strip() not in problems  # no answer among the problems
    assert "$" in text  # LaTeX kept, as in dltutor export
    assert "dltutor practice 7 --count 5 --seed 100 --export --lang en" in text


def test_a_sheet_without_a_seed_names_the_seed_it_used(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["practice", "8.dropout", "--count", "2", "--export", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    seed = int(re.search(r"--seed (\d+)", text).group(1))  # type: ignore[union-attr]
    assert main(["practice", "8.dropout", "--count", "2", "--seed", str(seed), "--export", "--lang", "en"]) == 0
    assert capsys.readouterr().out == text


# -- the plain practice loop -----------------------------------------------------------------------------


def test_practice_in_process_shows_the_seed_and_records_each_variant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path))
    family = get_family("6.kaiming")
    first, second = family.variant(7), family.variant(8)
    script = f"{right_answer(first)}\n?\n{wrong_answer(second)[0]}\n!\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(script))
    assert main(["practice", "6.kaiming", "--seed", "7", "--count", "2", "--plain", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "[1] 6.kaiming · seed 7" in out and "[2] 6.kaiming · seed 8" in out
    assert "hint 1/2" in out and "Solution of 6.kaiming, seed 8" in out
    assert "Variants worked: 2, solved: 1" in out
    rows = ProgressStore(tmp_path).attempts(family_id="6.kaiming")
    assert [(r.kind, r.seed, r.status, r.hints_used) for r in rows] == [
        ("practice", 7, "correct", 0), ("practice", 8, "incorrect", 1), ("practice", 8, "given-up", 1),
    ]
    assert [r.rating for r in ProgressStore(tmp_path).card_reviews("6.kaiming")][-1] == AGAIN


def test_practice_of_a_question_takes_its_families_in_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "stdin", io.StringIO("s\ns\ns\ns\ns\n"))
    assert main(["practice", "2", "--lang", "ru", "--plain", "--count", "5"]) == 0
    out = capsys.readouterr().out
    families = [f.id for f in load_families() if f.question == 2]
    shown = re.findall(r"^\[\d\] (\S+) · вариант (\d+)", out, re.M)
    assert [f for f, _ in shown] == [families[k % len(families)] for k in range(5)]
    assert ProgressStore(tmp_path).cards() == []  # skipped before answering: no card moved


# -- review ----------------------------------------------------------------------------------------------


def _card(store: ProgressStore, family: str, rating: int, clock: FakeClock) -> None:
    def schedule(old):
        return reschedule(old, family, rating, clock.now, "practice", fuzz=False), rating

    store.append_review("practice", family_id=family, seed=0, status="correct", at=clock.now,
                        schedule=schedule)


def _review(tmp_path: Path, clock: FakeClock, script: str) -> tuple[int, str]:
    store = ProgressStore(tmp_path)
    out = io.StringIO()
    dialogue = PlainPractice("en", io.StringIO(script), out, io.StringIO(), store=store, kind="review",
                             clock=clock, fuzz=False)
    code = review(dialogue, ReviewSchedule(store, clock=clock, tz=timezone.utc))
    return code, out.getvalue()


def test_review_serves_only_the_due_cards_as_fresh_variants(tmp_path: Path) -> None:
    clock = FakeClock()
    store = ProgressStore(tmp_path)
    _card(store, "6.gain", AGAIN, clock)  # due in 1 minute
    _card(store, "8.dropout", GOOD, clock)  # due in 10 minutes
    _card(store, "3.component", AGAIN, clock)
    clock.advance(minutes=2)
    code, out = _review(tmp_path, clock, "s\ns\ns\n")
    assert code == 0
    served = re.findall(r"^\[\d+\] (\S+) · seed (\d+)", out, re.M)
    assert sorted(f for f, _ in served) == ["3.component", "6.gain"]
    assert all(int(seed) != 0 for _, seed in served)  # fresh seeds, not the practised one (seed 0)
    assert "Review: 2 due now, 0 new" in out


def test_review_with_nothing_due_says_when_the_next_one_is(tmp_path: Path) -> None:
    clock = FakeClock()
    assert _review(tmp_path, clock, "")[1].startswith("Nothing to review yet")
    _card(ProgressStore(tmp_path), "8.dropout", GOOD, clock)
    code, out = _review(tmp_path, clock, "")
    assert code == 0 and out.strip() == "Nothing to review now. Next review: in 10 min."


def test_a_reviewed_card_moves_and_is_not_served_again_until_due(tmp_path: Path) -> None:
    clock = FakeClock()
    store = ProgressStore(tmp_path)
    _card(store, "8.dropout", AGAIN, clock)
    clock.advance(minutes=5)
    variant_seeds = []
    seed_out = re.compile(r"seed (\d+)")
    # Answer whatever variant comes: the answer is found from the seed printed in the header.
    out = io.StringIO()

    class Answering(io.StringIO):
        def readline(self, *args: object) -> str:
            found = seed_out.findall(out.getvalue())
            if len(found) > len(variant_seeds):
                variant_seeds.append(int(found[-1]))
                return right_answer(get_family("8.dropout").variant(variant_seeds[-1])) + "\n"
            return ""

    dialogue = PlainPractice("en", Answering(), out, io.StringIO(), store=store, kind="review",
                             clock=clock, fuzz=False)
    assert review(dialogue, ReviewSchedule(store, clock=clock, tz=timezone.utc)) == 0
    assert len(variant_seeds) == 1
    card = store.cards("8.dropout")[0]
    assert card.reviews == 2 and card.due > card.last_review  # type: ignore[operator]
    text = out.getvalue()  # answered at once (the clock stood still): Easy, back after a day or more
    assert "8.dropout: recalled easily (Easy); next review tomorrow" in text
    assert text.rstrip().endswith("Next review: tomorrow, 2026-03-03.")
    assert [a.kind for a in store.attempts(family_id="8.dropout")] == ["practice", "review"]


# -- the homework is untouched ----------------------------------------------------------------------------


def test_practice_and_review_leave_the_homework_byte_identical(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert _run("check", "1a", "1", home=home).returncode in (0, 1)  # check never saves
    quiz = _run("quiz", "--plain", "--only", "7", "--lang", "en", stdin="2C\n", home=home)
    assert quiz.returncode == 0, quiz.stderr
    before = _run("progress", "--json", home=home)
    assert before.returncode == 0 and '"score": 1.0' in before.stdout
    gain = get_family("6.gain")
    script = "".join(f"{right_answer(gain.variant(s))}\n" for s in (1, 2)) + "?\n!\n"
    practice = _run("practice", "6.gain", "--seed", "1", "--count", "3", "--plain", home=home, stdin=script)
    assert practice.returncode == 0, practice.stderr
    review_run = _run("review", "--plain", home=home, stdin="?\n!\n" * 3)
    assert review_run.returncode == 0, review_run.stderr
    assert "· new ·" in review_run.stdout  # question 7 is closed: its families entered review
    sheet = _run("practice", "7", "--export", "--seed", "1", home=home)
    assert sheet.returncode == 0
    after = _run("progress", "--json", home=home)
    assert after.stdout == before.stdout
    assert len(ProgressStore(home).attempts(family_id="6.gain")) >= 3


# -- stats ---------------------------------------------------------------------------------------------------


def test_stats_json_and_text_from_a_subprocess(tmp_path: Path) -> None:
    home = tmp_path / "home"
    gain = get_family("6.gain")
    script = f"{right_answer(gain.variant(3))}\n{wrong_answer(gain.variant(4))[0]}\n!\n"
    assert _run("practice", "6.gain", "--seed", "3", "--count", "2", "--plain", home=home, stdin=script).returncode == 0
    result = _run("stats", "--json", home=home)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    idea = next(i for i in data["ideas"] if i["family"] == "6.gain")
    assert (idea["answered"], idea["correct"], idea["accuracy"]) == (3, 1, round(1 / 3, 4))
    assert sum(w["answered"] for w in idea["weeks"]) == 3
    assert len(data["reviews"]["forecast"]) == 14
    assert sum(d["due"] for d in data["reviews"]["forecast"]) == 1
    text = _run("stats", "--lang", "en", home=home)
    assert text.returncode == 0 and "\x1b" not in text.stdout
    assert re.search(r"^\s+6\.gain\s+3\s+33%\s+[·▁-█]{8}\s+The values", text.stdout, re.M)
    assert "Reviews due per day, the next 14 days" in text.stdout


def test_stats_with_no_history(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "тренировок пока не было" in out and "пока нет" in out
    # the forecast's count axis has whole-number ticks only
    ticks = re.findall(r"^\s*(\S+)┤", out, re.M)
    assert ticks and all(re.fullmatch(r"\d+", tick) for tick in ticks)


def test_list_and_help_do_not_import_fsrs_or_the_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from tutor.cli import main\n"
        "main(['list']); main(['practice'])\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print([m for m in ('fsrs', 'plotext', 'numpy', 'sympy', 'textual') if m in sys.modules])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[]"
