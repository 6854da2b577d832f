"""Property: whatever the text, the checker answers with a Verdict that can be printed.

Strategies: any text (surrogates and control characters included), very long runs,
deep nesting and chains of prefixes, and answers built by the grammar from the
syntax table's own examples (``answer_grammar``) and mutated.
"""

from __future__ import annotations

import random

from answer_grammar import PREFIXES, answer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_answers_items import EXAMPLES

from tutor.answers import check_answer, interpret
from tutor.answers.echo import echo
from tutor.answers.errors import AnswerError
from tutor.answers.intake import MAX_LENGTH
from tutor.answers.parser import parse
from tutor.quiz.items import get_item, load_items

ITEM_IDS = [item.id for item in load_items()]
STATUSES = ("correct", "incorrect", "invalid")
#: the item tables' answers, as more atoms for the grammar
EXAMPLE_ATOMS = tuple(sorted({example[2] for example in EXAMPLES}))

ANY_CHARACTER = st.characters(exclude_categories=())  # lone surrogates and control characters too
ANY_TEXT = st.text(ANY_CHARACTER, max_size=200)
LONG_RUNS = st.builds(lambda run, count, tail: run * count + tail,
                      st.text(ANY_CHARACTER, min_size=1, max_size=3), st.integers(300, 2_100), ANY_TEXT)
DEEP = st.builds(lambda prefix, count, inner: prefix * count + inner,
                 st.sampled_from(PREFIXES), st.integers(90, 400), st.sampled_from(["z", "x", "2", "", ")"]))
GRAMMAR = st.builds(lambda rng, with_examples: answer(rng, EXAMPLE_ATOMS if with_examples else ()),
                    st.randoms(use_true_random=False), st.booleans())
MUTATED = st.builds(lambda rng, text: _mutated(rng, text), st.randoms(use_true_random=False), ANY_TEXT)


def _mutated(rng: random.Random, noise: str) -> str:
    """A grammar answer with hypothesis's own text spliced in at a random place."""
    text = answer(rng)
    at = rng.randrange(len(text) + 1)
    return text[:at] + noise + text[at:]


def _assert_sound(item_id: str, text: str) -> None:
    item = get_item(item_id)
    assert item is not None
    verdict = check_answer(item, text, "en")
    assert verdict.status in STATUSES, (text[:80], verdict)  # "error" would be a crash class
    assert verdict.message and verdict.message.encode("utf-8")
    assert (verdict.interpreted or "").encode("utf-8") is not None
    assert (verdict.interpreted is None) == (verdict.status == "invalid")
    reading = interpret(item, text, "ru")
    assert (reading.echo or "").encode("utf-8") is not None
    assert (reading.error or "").encode("utf-8") is not None
    if len(text) <= MAX_LENGTH and not any("\ud800" <= c <= "\udfff" for c in text):
        try:
            parsed = parse(text)
        except AnswerError as err:
            assert err.message("en").encode("utf-8")
        else:
            assert echo(parsed.tree).encode("utf-8")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(ANY_TEXT, LONG_RUNS, DEEP), item_id=st.sampled_from(ITEM_IDS))
def test_any_text_gets_a_printable_verdict(text: str, item_id: str) -> None:
    _assert_sound(item_id, text)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(GRAMMAR, MUTATED), item_id=st.sampled_from(ITEM_IDS))
def test_grammar_answers_get_a_printable_verdict(text: str, item_id: str) -> None:
    _assert_sound(item_id, text)
