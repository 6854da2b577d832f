"""``dltutor check``: judge one answer, or a class's answers (``--batch`` JSON lines, ``--csv``).

Exit status of one answer: 0 correct, 1 incorrect, 3 unreadable, 5 the checker
failed; of a batch, the highest that applies, plus 4 for malformed input lines
(see :mod:`tutor.cli.batch`).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from tutor.cli import UsageError
from tutor.cli.output import write
from tutor.i18n import t

EXIT_CODES = {"correct": 0, "incorrect": 1, "invalid": 3}
#: the checker failed on the answer (an internal error): it was not judged
EXIT_CHECKER_FAILED = 5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("item", nargs="?", help="quiz item id, e.g. 1b or 3.1")
    parser.add_argument("answer", nargs="?", help="the answer, e.g. '2x'")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--batch", action="store_true", help="JSON lines on stdin, one object per line")
    parser.add_argument("--csv", action="store_true", help="CSV on stdin, CSV on stdout")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    parser.add_argument("--simplify", action="store_true", help="also show sympy's simplified form")


def absorb_extras(args: argparse.Namespace, extras: list[str]) -> bool:
    """Take an answer that starts with '-' (``-p/ŷ``), which argparse reads as an option."""
    if args.answer is None and args.item is not None and len(extras) == 1:
        args.answer = extras[0]
        return True
    return False


def run(args: argparse.Namespace) -> int:
    if args.batch or args.csv:
        if args.batch and args.csv:
            raise UsageError(t("check.batch.both", args.lang))
        if args.item is not None:
            raise UsageError(t("check.batch.no_item", args.lang))
        from tutor.cli.batch import run_batch
        from tutor.cli.batch_input import CsvHeaderError

        source = getattr(sys.stdin, "buffer", sys.stdin)
        try:
            return run_batch(source, sys.stdout, args.lang, simplify=args.simplify,
                             csv=args.csv, summary=None if args.quiet else sys.stderr)
        except CsvHeaderError as err:
            raise UsageError(str(err)) from None
    if args.item is None or args.answer is None:
        raise UsageError(t("check.needs_answer", args.lang))
    from tutor.cli.judging import CheckerFailure, judge

    item = _item(args.item, args.lang)
    verdict = judge(item, args.answer, args.lang)
    if isinstance(verdict, CheckerFailure):
        return _report_failure(verdict, args)
    simplified = _simplified(item, args.answer, verdict) if args.simplify else None
    if args.json:
        data = verdict.to_json()
        if args.simplify:
            data["simplified"] = simplified
        write(_json(data))
    else:
        if verdict.interpreted is not None:
            write(t("check.interpreted", args.lang, echo=verdict.interpreted))
        if args.simplify and verdict.interpreted is not None:
            if simplified is None:
                from tutor.answers.symbolic import SIMPLIFY_TIMEOUT

                write(t("check.simplified.none", args.lang, seconds=f"{SIMPLIFY_TIMEOUT:g}"))
            else:
                write(t("check.simplified", args.lang, form=simplified))
        write(f"{t(f'check.verdict.{verdict.status}', args.lang)}: {verdict.message}")
    return EXIT_CODES.get(verdict.status, EXIT_CHECKER_FAILED)


def _report_failure(failure: Any, args: argparse.Namespace) -> int:
    """The answer was not judged: say so on stdout as a verdict, and once on stderr."""
    from tutor.cli.streams import complain

    if args.json:
        write(_json(failure.to_json()))
    else:
        write(f"{t('check.verdict.error', args.lang)}: {failure.message}")
    complain(t("check.checker_failed", args.lang, item=failure.item,
               detail=failure.detail or failure.message))
    return EXIT_CHECKER_FAILED


def _json(data: dict[str, Any]) -> str:
    from tutor.cli.streams import is_utf8

    return json.dumps(data, ensure_ascii=not is_utf8(sys.stdout))


def _simplified(item: Any, answer: str, verdict: Any) -> str | None:
    """Sympy's simplified form, only for an answer that was read (sympy is not imported otherwise)."""
    from tutor.cli.batch import simplified_form

    return simplified_form(item, answer, verdict)


def _item(item_id: str, lang: str) -> Any:
    from tutor.quiz.items import get_item, load_items

    item = get_item(item_id)
    if item is None:
        known = ", ".join(i.id for i in load_items())
        raise UsageError(t("check.unknown_item", lang, item=item_id, known=known))
    return item


def run_batch(source: Any, sink: Any, lang: str, *, simplify: bool = False) -> int:
    """``check --batch`` on the given streams (kept for callers of the old entry point)."""
    from tutor.cli.batch import run_batch as batch

    return batch(source, sink, lang, simplify=simplify)
