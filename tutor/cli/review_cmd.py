"""``dltutor review``: spaced review of the families that are due, as fresh variants.

The families due now (soonest due first), then the new ones ``review`` may
introduce today (see :mod:`tutor.practice.review`), each as a variant with a
new seed. After every variant the queue is asked again, so a family that
comes back within minutes (FSRS's learning steps) is served again in a long
session. Nothing due: it says when the next review is.

Exit status: 0; 6 when the reviews could not be saved (said once).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.cli.practice_cmd import PlainPractice
    from tutor.practice.model import Family
    from tutor.practice.review import ReviewSchedule


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plain", action="store_true", help="line by line, for plain terminals and pipes")


def run(args: argparse.Namespace) -> int:
    from tutor.cli.output import is_terminal
    from tutor.cli.practice_cmd import PlainPractice

    # The app needs a terminal at both ends; piped, the plain loop is what works.
    if not args.plain and is_terminal(sys.stdin) and is_terminal(sys.stdout):
        from tutor.cli.app_cmd import launch

        return launch(args.lang, mode="review")
    from tutor.practice.review import ReviewSchedule
    from tutor.progress import ProgressStore

    store = ProgressStore()
    for warning in store.take_warnings():
        print(f"dltutor: {warning.message(args.lang)}", file=sys.stderr)
    dialogue = PlainPractice(args.lang, sys.stdin, sys.stdout, sys.stderr, store=store, kind="review")
    return review(dialogue, ReviewSchedule(store))


def review(dialogue: PlainPractice, schedule: ReviewSchedule, families: list[Family] | None = None) -> int:
    """The review loop on ``dialogue`` with ``schedule``'s store and clock (tests inject both)."""
    from tutor.practice import load_families
    from tutor.practice.review import question_items
    from tutor.practice.seeds import fresh_seed
    from tutor.practice.when import due_text
    from tutor.quiz.items import load_items

    families = list(families or load_families())
    by_id = {f.id: f for f in families}
    items = question_items(load_items())
    passed: set[str] = set()  # skipped, or not moved (not saved): not served again this run
    k = 0
    while True:
        cards = schedule.cards()
        due = [c.family_id for c in schedule.due_cards(cards) if c.family_id in by_id]
        new = schedule.new_families(list(by_id), schedule.store.load(), items, cards)
        queue = [f for f in due + new if f not in passed]
        if k == 0:
            if not queue:
                summary = schedule.summary(cards)
                if summary.next_due is None and not cards:
                    dialogue.say(dialogue.t("review.nothing_yet"))
                else:
                    when = due_text(summary.next_due, schedule.now(), dialogue.lang, schedule.tz)
                    dialogue.say(dialogue.t("review.nothing_due", when=when))
                return 0
            dialogue.say(dialogue.t("review.heading", due=len(due), new=len(new)), "bold")
        if not queue:
            break
        family_id = queue[0]
        k += 1
        variant = by_id[family_id].variant(fresh_seed())
        key = "review.header.new" if family_id in new and family_id not in due else "review.header"
        header = dialogue.header(key, variant, k=k)
        going_on = dialogue.work(variant, header)
        last = dialogue.last
        if last is None or last.card is None:
            passed.add(family_id)
        if not going_on:
            break
    summary = schedule.summary()
    when = due_text(summary.next_due, schedule.now(), dialogue.lang, schedule.tz)
    dialogue.finish()
    dialogue.say(dialogue.t("review.next", when=when))
    return dialogue.exit_status(dialogue.save_error)
