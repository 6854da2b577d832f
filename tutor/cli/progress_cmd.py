"""``dltutor progress``: saved progress per question out of 10, or ``--reset`` to start over.

Exit status: 0, or 1 when the progress file cannot be used (written by a newer
dltutor, or not a regular file: the report then shows nothing saved) and when
``--reset`` is cancelled or cannot write.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.progress import ProgressStore

STATUS_STYLE = {
    "solved": "green",
    "in-progress": "yellow",
    "failed": "red",
    "given-up": "red",
    "not-started": "dim",
}
#: the version of the ``--json`` report's layout
REPORT_SCHEMA = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--reset",
        action="store_true",
        help="start a new attempt at the homework (the saved state is copied to a .bak)",
    )
    parser.add_argument(
        "-y", "--yes", action="store_true", help="reset without asking for confirmation"
    )


def run(args: argparse.Namespace) -> int:
    from tutor.progress import ProgressStore

    store = ProgressStore()
    if args.reset:
        return _reset(store, args.lang, confirmed=args.yes)
    report = build_report(store, args.lang)
    warnings = store.take_warnings()
    for warning in warnings:
        print(f"dltutor: {warning.message(args.lang)}", file=sys.stderr)
    report["warnings"] = [{"kind": w.kind, "message": w.message(args.lang)} for w in warnings]
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        blocked = any(w.saving_blocked for w in warnings)
        _print_table(report, args.lang, saving_blocked=blocked)
    return 1 if any(w.saving_blocked for w in warnings) else 0


def build_report(store: ProgressStore, lang: str) -> dict[str, Any]:
    """Everything ``progress`` shows, as JSON-ready data (per question, per item, total)."""
    from tutor.content import load_course
    from tutor.progress import MAX_ATTEMPTS
    from tutor.quiz.items import load_items
    from tutor.quiz.scoring import question_status, saved_points

    progress = store.load()
    items = load_items()
    next_open = _next_open(items, progress)
    course = load_course()
    questions = []
    for question in course:
        own = [item for item in items if item.question == question.number]
        item_rows = []
        for item in own:
            saved = progress.item(item.id)
            item_rows.append(
                {
                    "id": item.id,
                    "part": item.part,
                    "status": saved.status,
                    "closed": saved.closed,
                    "attempts": saved.attempts,
                    "hints_used": saved.hints_used,
                    "score": saved_points(item, saved),
                    "points": float(item.points),
                    "last_answer": saved.last_answer,
                    "started_at": saved.started_at,
                    "updated_at": saved.updated_at,
                    "closed_at": saved.closed_at,
                    "practice": {
                        "attempts": saved.practice_attempts,
                        "solved_later": saved.solved_later,
                        "last_answer": saved.practice_answer,
                        "updated_at": saved.practice_at,
                    },
                }
            )
        questions.append(
            {
                "number": question.number,
                "title": question.title[lang],
                "status": question_status(row["status"] for row in item_rows),
                "score": sum(row["score"] for row in item_rows),
                "points": float(question.points),
                "items": item_rows,
            }
        )
    return {
        "schema": REPORT_SCHEMA,
        "path": str(store.path),
        "attempt": progress.attempt,
        "started_at": progress.started_at,
        "max_attempts": MAX_ATTEMPTS,
        "score": sum(q["score"] for q in questions),
        "max": float(course.total_points),
        "last_question": progress.last_question,
        "last_item": progress.last_item,
        "next_item": next_open.id if next_open else None,
        "next_question": next_open.question if next_open else None,
        "questions": questions,
    }


def _next_open(items: list[Any], progress: Any) -> Any | None:
    """The first item still open at or after the last one worked on (in course order,
    wrapping round); None when every item is closed or nothing was started."""
    if not progress.last_item:
        return None
    ids = [item.id for item in items]
    start = ids.index(progress.last_item) if progress.last_item in ids else 0
    for item in items[start:] + items[:start]:
        if not progress.item(item.id).closed:
            return item
    return None


def _print_table(report: dict[str, Any], lang: str, *, saving_blocked: bool = False) -> None:
    from tutor.cli.output import line_printer
    from tutor.i18n import t
    from tutor.quiz.scoring import format_points

    say = line_printer()
    questions = report["questions"]
    title_width = max((len(q["title"]) for q in questions), default=0)
    statuses = {q["status"]: t(f"progress.status.{q['status']}", lang) for q in questions}
    status_width = max((len(s) for s in statuses.values()), default=0)
    say(t("progress.heading", lang, total=format_points(report["max"])), "bold")
    for q in questions:
        row = t(
            "progress.row",
            lang,
            number=q["number"],
            title=q["title"].ljust(title_width),
            status=statuses[q["status"]].ljust(status_width),
            score=format_points(q["score"]),
            points=format_points(q["points"]),
        )
        say(row, STATUS_STYLE[q["status"]])
        _print_items(say, q["items"], lang, report["max_attempts"])
    total = t(
        "progress.total",
        lang,
        score=format_points(report["score"]),
        total=format_points(report["max"]),
    )
    say(total, "bold")
    if report["attempt"] > 1:
        say(t("progress.attempt", lang, n=report["attempt"]))
    if report["next_item"]:
        say(t("progress.continue", lang, item=report["next_item"],
              question=report["next_question"]))
    key = "progress.file.untouched" if saving_blocked else "progress.file"
    say(t(key, lang, path=report["path"]), "dim")


def _print_items(say: Any, rows: list[dict[str, Any]], lang: str, max_attempts: int) -> None:
    """The started items of a question, one line each: status, points, attempts, hints, practice."""
    from tutor.i18n import t
    from tutor.quiz.scoring import format_points

    started = [row for row in rows if row["status"] != "not-started"]
    if not started:
        return
    words = {row["id"]: t(f"progress.item.status.{row['status']}", lang) for row in started}
    id_width = max(len(row["id"]) for row in started)
    word_width = max(len(word) for word in words.values())
    for row in started:
        line = t(
            "progress.item.row",
            lang,
            id=row["id"].ljust(id_width),
            status=words[row["id"]].ljust(word_width),
            score=format_points(row["score"]),
            points=format_points(row["points"]),
        )
        details = []
        if row["attempts"] and not row["closed"]:
            details.append(t("progress.item.attempts", lang, used=row["attempts"], max=max_attempts))
        elif row["attempts"]:
            details.append(t("progress.item.attempts_used", lang, n=row["attempts"]))
        if row["hints_used"]:
            details.append(t("progress.item.hints", lang, n=row["hints_used"]))
        practice = row["practice"]
        if practice["attempts"]:
            details.append(t("progress.practice.tries", lang, n=practice["attempts"]))
        if practice["solved_later"]:
            details.append(t("progress.practice.solved_later", lang))
        say("      " + " · ".join([line, *details]), STATUS_STYLE.get(row["status"]))


def _reset(store: ProgressStore, lang: str, *, confirmed: bool) -> int:
    """Ask first on a terminal; the old file always survives as a backup."""
    from tutor.cli.output import is_terminal, is_yes
    from tutor.i18n import t
    from tutor.progress import ProgressError

    if not (store.path.exists() or store.legacy_path.exists()):  # an old file waits for import
        print(t("progress.reset.nothing", lang))
        return 0
    if not confirmed and is_terminal(sys.stdin):
        try:
            answer = input(t("progress.reset.confirm", lang, path=store.path))
        except (EOFError, KeyboardInterrupt):
            answer = ""
        if not is_yes(answer):
            print(t("progress.reset.cancelled", lang))
            return 1
    try:
        backup = store.reset()
    except ProgressError as err:
        print(f"dltutor: {err.message(lang)}", file=sys.stderr)
        return 1
    if backup is None:
        print(t("progress.reset.nothing", lang))
    else:
        print(t("progress.reset.done", lang, backup=backup))
    return 0
