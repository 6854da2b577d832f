"""The variant-family engine: seeds, decimal numbers, the value reader, settling a draw, loading and lint."""

from __future__ import annotations

import hashlib
import json
import math
import os
import subprocess
import sys
import textwrap
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from tutor.answers import check_answer
from tutor.answers.spec import Alternative, ChoiceSpec, ExpressionSpec, scalar
from tutor.content.lint import lint_course
from tutor.content.loader import load_course
from tutor.practice import numbers
from tutor.practice.loader import families_of, get_family, load_families
from tutor.practice.model import Exercise, Family, FamilyError, both, mistake, plural_ru, step, text
from tutor.practice.seeds import MAX_SEED, Draws, draws_for, stable_seed
from tutor.practice.validate import check_family, stated_numbers
from tutor.practice.values import value_of

REPO = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- seeds


def test_stable_seed_is_sha256_of_the_family_and_seed() -> None:
    digest = hashlib.sha256(b"dltutor-practice:6.gain:42").digest()
    assert stable_seed("6.gain", 42) == int.from_bytes(digest[:8], "big")
    assert stable_seed("6.gain", 42) != stable_seed("6.gain", 43) != stable_seed("6.kaiming", 42)


def test_draws_use_only_random_and_stay_in_range() -> None:
    draws = Draws(7)
    values = [draws.randint(-3, 3) for _ in range(2000)]
    assert set(values) == set(range(-3, 4))
    assert all(0 <= draws.below(5) < 5 for _ in range(500))
    assert {draws.choice("abc") for _ in range(300)} == set("abc")
    items = list(range(10))
    draws.shuffle(items)
    assert sorted(items) == list(range(10))
    with pytest.raises(IndexError):
        draws.choice([])
    # the whole stream is a function of Random.random() alone (the one draw Python keeps stable)
    import random

    reference = random.Random(7)
    again = Draws(7)
    for _ in range(100):
        assert again.randint(0, 9) == min(int(reference.random() * 10), 9)


def test_same_family_and_seed_give_the_same_draws() -> None:
    a, b = draws_for("8.step-lr", 5), draws_for("8.step-lr", 5)
    assert [a.random() for _ in range(20)] == [b.random() for _ in range(20)]


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize("x", ["-7.3", "-3.1", "-1", "0", "0.3", "1.5707963", "2.9", "3.3", "12.5", "100"])
def test_decimal_cos_matches_math(x: str) -> None:
    assert float(numbers.cos(x)) == pytest.approx(math.cos(float(x)), abs=1e-15)


@pytest.mark.parametrize("x", ["-20", "-1.3", "0", "0.5", "2", "45"])
def test_decimal_functions_match_math(x: str) -> None:
    f = float(x)
    assert float(numbers.tanh(x)) == pytest.approx(math.tanh(f), rel=1e-15, abs=1e-300)
    assert float(numbers.sigmoid(x)) == pytest.approx(1 / (1 + math.exp(-f)), rel=1e-15)
    assert float(numbers.softplus(x)) == pytest.approx(math.log1p(math.exp(f)), rel=1e-14)


def test_arccosh_and_powers() -> None:
    assert float(numbers.arccosh(10)) == pytest.approx(math.acosh(10), rel=1e-15)
    assert numbers.power("0.5", 3) == Decimal("0.125")


@pytest.mark.parametrize(("value", "shown"), [
    ("1.38675", "1.387"), ("0.000545", "0.000545"), ("2.0000", "2"), ("12345.6", "12350"),
    ("0.00000824511", "8.245 \\cdot 10^{-6}"), ("-0.28965", "-0.2897"), ("1.00049", "1"), ("1.0005", "1.001"),
    ("9.99951", "10"),
])
def test_approx_rounds_half_up_to_four_significant_digits(value: str, shown: str) -> None:
    assert numbers.approx(value) == shown


def test_approx_typed_is_read_back_by_the_answer_parser() -> None:
    assert numbers.approx_typed("0.00000824511") == "8.245e-6"
    assert float(value_of(numbers.approx_typed("0.00000824511"))) == pytest.approx(8.245e-6)


def test_exact_forms() -> None:
    assert numbers.plain(Fraction(1, 8)) == "0.125"
    assert numbers.plain(Decimal("0.0100")) == "0.01"
    with pytest.raises(ValueError):
        numbers.plain(Fraction(1, 3))
    assert numbers.tex(Fraction(-5, 3)) == "-\\frac{5}{3}"
    assert numbers.typed(Fraction(5, 3)) == "5/3"
    assert numbers.typed(Fraction(3, 4)) == "0.75"
    assert numbers.paren(-2) == "(-2)"
    assert numbers.signed(Fraction(-1, 2)) == "- 0.5"


# ---------------------------------------------------------------- the value reader


@pytest.mark.parametrize(("answer", "expected"), [
    ("sqrt(2/(1+0.2^2))", math.sqrt(2 / 1.04)),
    ("0.1*0.5^3", 0.0125),
    ("e^(2)/(e^(2) + e^(-1)) - 0.75", math.exp(2) / (math.exp(2) + math.exp(-1)) - 0.75),
    ("log(1/sqrt(0.01) + sqrt(1/0.01 - 1))", math.acosh(10)),
    ("(1 - tanh(-1.7)^2)^4", (1 - math.tanh(-1.7) ** 2) ** 4),
    ("sigmoid(0.3)*(1 - sigmoid(0.3))", 1 / (1 + math.exp(-0.3)) * (1 - 1 / (1 + math.exp(-0.3)))),
    ("8.245e-6", 8.245e-6),
])
def test_value_of_reads_numeric_answers(answer: str, expected: float) -> None:
    assert float(value_of(answer)) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("answer", ["2x", "x^T x", "1/0", "sqrt(-1)", "softmax(z) - p", "(("])
def test_value_of_is_none_for_symbols_and_undefined_numbers(answer: str) -> None:
    assert value_of(answer) is None


# ---------------------------------------------------------------- settling a draw


def _number_family(make_answers, family_id: str = "9.toy") -> Family:
    """A family whose draws come from ``make_answers(draws) -> (answer, [(id, mistake answer), …])``."""

    def make(draws: Draws) -> Exercise:
        answer, mistakes = make_answers(draws)
        return Exercise(
            statement=both("?"),
            spec=ExpressionSpec(answer=answer, tolerance=0.005,
                                mistakes=tuple(mistake(i, a, "нет", "no") for i, a in mistakes)),
            answer=both(answer),
            steps=(step("a", "a", "b", "b"),),
            hints=(text("подсказка", "hint"),),
        )

    return Family(family_id, text("идея", "idea"), make)


def test_a_mistake_that_equals_the_answer_is_dropped() -> None:
    # p = 0.5: dividing by p and by 1 − p give one number, so "divided by p" is no mistake for this draw
    family = _number_family(lambda d: ("3/(1-0.5)", [("drop-probability", "3/0.5"), ("no-scale", "3")]))
    variant = family.variant(0)
    assert [m.id for m in variant.item.spec.mistakes] == ["no-scale"]
    assert check_answer(variant.item, "6").correct


def test_mistakes_too_close_to_each_other_keep_the_first() -> None:
    family = _number_family(lambda d: ("1", [("a", "2"), ("b", "2.01"), ("a", "2.02"), ("c", "3")]))
    assert [(m.id, m.answer) for m in family.variant(0).item.spec.mistakes] == [("a", "2"), ("a", "2.02"), ("c", "3")]


def test_a_degenerate_draw_is_redrawn_from_the_same_generator() -> None:
    # half of the draws have a zero answer, which cannot be judged relatively: they are skipped
    family = _number_family(lambda d: (str(d.randint(0, 1)), [("m", "5")]))
    for seed in range(20):
        assert family.variant(seed).item.spec.answer == "1"
        assert family.variant(seed) == family.variant(seed)


def test_a_family_that_never_draws_a_valid_variant_is_a_content_error() -> None:
    family = _number_family(lambda d: ("0", [("m", "5")]))
    with pytest.raises(FamilyError, match="no valid draw"):
        family.variant(3)
    with pytest.raises(FamilyError, match="every mistake coincides"):
        _number_family(lambda d: ("2", [("m", "2.001")])).variant(0)


@pytest.mark.parametrize("seed", [-1, MAX_SEED + 1, 1.5, "3", True])
def test_bad_seeds_are_refused(seed: object) -> None:
    family = _number_family(lambda d: ("2", [("m", "3")]))
    with pytest.raises(ValueError, match="seed"):
        family.variant(seed)  # type: ignore[arg-type]


def test_a_variant_is_an_ordinary_item_worth_no_points() -> None:
    variant = get_family("6.gain").variant(11)
    assert variant.id == "6.gain#11" and variant.item.points == 0 and variant.item.question == 6
    assert variant.item.kind == "number" and variant.item.prompt == variant.statement
    assert len(variant.solution("ru")) == len(variant.solution("en")) >= 2
    assert [s.index for s in variant.solution("en")] == list(range(1, len(variant.solution("en")) + 1))


def test_kinds_follow_the_spec() -> None:
    kinds = {f.id: f.variant(0).item.kind for f in load_families()}
    assert kinds["7.axes"] == "choice" and kinds["1.chain"] == "expression" and kinds["8.step-lr"] == "number"
    choice = get_family("7.axes").variant(0).item.spec
    assert isinstance(choice, ChoiceSpec) and choice.answer not in choice.mistakes


def test_secrecy_check_reads_stated_values_not_coefficients() -> None:
    assert stated_numbers("the gain is 5/3, not 0.75 or 12") == [Decimal(5) / 3, Decimal("0.75"), Decimal(12)]
    assert stated_numbers("∇(xᵀx) = 2x, 2Ax, W1, 3√u") == []


def test_plural_ru() -> None:
    forms = ("число", "числа", "чисел")
    assert [plural_ru(n, *forms) for n in (1, 2, 5, 11, 12, 21, 22, 25, 101, 111)] == [
        "число", "числа", "чисел", "чисел", "чисел", "число", "числа", "чисел", "число", "чисел"]


# ---------------------------------------------------------------- loading


def test_every_question_has_at_least_three_families() -> None:
    families = load_families()
    assert len(families) >= 24
    for question in load_course():
        assert len(families_of(question.number)) >= 3, question.number
    for family in families:
        assert family.idea["ru"].strip() and family.idea["en"].strip()
        assert family.source.endswith("variants.py")


def _content_copy(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_a_broken_variants_file_is_named_by_the_loader_and_by_lint(tmp_path: Path) -> None:
    root = _content_copy(tmp_path)
    (root / "08-training" / "variants.py").write_text("FAMILIES = [oops]\n", encoding="utf-8")
    with pytest.raises(FamilyError, match=r"variants\.py: NameError"):
        load_families(load_course(root, cached=False))
    problems, _ = lint_course(root)
    assert any("variants.py" in p and "NameError" in p for p in problems)


def test_a_family_id_must_name_its_question(tmp_path: Path) -> None:
    root = _content_copy(tmp_path)
    path = root / "06-initialization" / "variants.py"
    path.write_text(path.read_text(encoding="utf-8").replace('Family("6.gain"', 'Family("7.gain"'), encoding="utf-8")
    with pytest.raises(FamilyError, match=r"must look like '6\.slug'"):
        load_families(load_course(root, cached=False))


def test_lint_reports_a_mistake_that_is_judged_correct(tmp_path: Path) -> None:
    root = _content_copy(tmp_path)
    path = root / "04-fully-connected" / "variants.py"
    broken = path.read_text(encoding="utf-8").replace(
        'mistake("no-last-bias", f"{square} h^2 + {linear} h",', 'mistake("no-last-bias", f"{square} h^2 + {linear} h + {k}",')
    assert broken != path.read_text(encoding="utf-8")
    path.write_text(broken, encoding="utf-8")
    problems, _ = lint_course(root)
    assert any("family 4.params-formula" in p and "no-last-bias" in p and "judged correct" in p for p in problems)


def test_validation_catches_a_note_that_gives_the_answer_away() -> None:
    def make(draws: Draws) -> Exercise:
        return Exercise(statement=both("?"), answer=both("7"), steps=(step("a", "a", "b", "b"),),
                        hints=(text("подсказка", "hint"),),
                        spec=ExpressionSpec(answer="7", mistakes=(Alternative("m", "8", text("Ответ 7.", "It is 7.")),)))

    problems = check_family(Family("9.leak", text("и", "i"), make), [0])
    assert any("mistake m states the answer (7)" in p for p in problems)


def test_validation_catches_math_that_does_not_render() -> None:
    def make(draws: Draws) -> Exercise:
        return Exercise(statement=text("$\\unknowncommand{x}$", "?"), answer=both("2"), steps=(step("a", "a", "b", "b"),),
                        hints=(text("п", "h"),), spec=ExpressionSpec(answer="2", symbols={"z": scalar()}))

    assert any("statement.ru" in p for p in check_family(Family("9.math", text("и", "i"), make), [0]))


def test_lint_passes_on_the_shipped_families() -> None:
    from tutor.content.lint import check_variants

    assert check_variants(load_course()) == []


# ---------------------------------------------------------------- the same everywhere, and light


DIGEST_SCRIPT = textwrap.dedent("""
    import hashlib, json
    from tutor.practice.loader import load_families
    out = hashlib.sha256()
    for family in load_families():
        for seed in (0, 1, 7, 123456, 10**18 - 1):
            v = family.variant(seed)
            spec = v.item.spec
            payload = [v.id, v.statement, v.answer, [[s.title, s.body] for s in v.solution("ru") + v.solution("en")],
                       repr(spec), [h for h in v.item.hints], str(v.value), repr(sorted(v.params.items()))]
            out.update(json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str).encode())
    print(out.hexdigest())
""")


def _digest(hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    result = subprocess.run([sys.executable, "-c", DIGEST_SCRIPT], capture_output=True, text=True, env=env,
                            cwd=REPO, timeout=120, check=True)
    return result.stdout.strip()


def test_the_same_seed_gives_the_same_variant_in_two_processes() -> None:
    first, second = _digest("1"), _digest("2")
    assert first == second and len(first) == 64


def test_generating_variants_imports_no_heavy_or_ui_library() -> None:
    script = textwrap.dedent("""
        import sys
        from tutor.practice import load_families
        for family in load_families():
            family.variant(3)
        heavy = sorted(m for m in ("numpy", "sympy", "textual", "rich", "plotext") if m in sys.modules)
        print(" ".join(heavy))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO,
                            timeout=120, check=True)
    assert result.stdout.strip() == ""


def test_json_of_params_is_possible_for_sheets() -> None:
    for family in load_families():
        json.dumps(family.variant(5).params, default=str)
