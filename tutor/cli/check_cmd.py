"""``dltutor check``: judge one answer, or a stream of JSON lines for scripts and teachers."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from tutor.cli import UsageError
from tutor.cli.output import write
from tutor.i18n import t

EXIT_CODES = {"correct": 0, "incorrect": 1, "invalid": 3}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("item", nargs="?", help="quiz item id, e.g. 1b or 3.1")
    parser.add_argument("answer", nargs="?",
                        help="the answer, e.g. '2x'; put -- before an answer that starts with '-'")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--batch", action="store_true",
                        help='read JSON lines {"item": …, "answer": …} on stdin, print one verdict per line')
    parser.add_argument("--simplify", action="store_true",
                        help="also show the answer simplified by sympy (scalar items; 'simplified' in JSON)")


def absorb_extras(args: argparse.Namespace, extras: list[str]) -> bool:
    """Take an answer that starts with '-' (``-p/ŷ``), which argparse reads as an option."""
    if args.answer is None and args.item is not None and len(extras) == 1:
        args.answer = extras[0]
        return True
    return False


def run(args: argparse.Namespace) -> int:
    if args.batch:
        if args.item is not None:
            raise UsageError("--batch reads items from stdin; do not also give an item")
        return run_batch(sys.stdin, sys.stdout, args.lang, simplify=args.simplify)
    if args.item is None or args.answer is None:
        raise UsageError(t("check.needs_answer", args.lang))
    from tutor.answers import check_answer

    item = _item(args.item, args.lang)
    verdict = check_answer(item, args.answer, args.lang)
    simplified = _simplified(item, args.answer, verdict) if args.simplify else None
    if args.json:
        data = verdict.to_json()
        if args.simplify:
            data["simplified"] = simplified
        write(json.dumps(data, ensure_ascii=False))
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
    return EXIT_CODES[verdict.status]


def _simplified(item: Any, answer: str, verdict: Any) -> str | None:
    """Sympy's simplified form, only for an answer that was read (sympy is not imported otherwise)."""
    if verdict.interpreted is None:
        return None
    from tutor.answers.symbolic import simplify_echo

    return simplify_echo(item, answer)


def _item(item_id: str, lang: str) -> Any:
    from tutor.quiz.items import get_item, load_items

    item = get_item(item_id)
    if item is None:
        known = ", ".join(i.id for i in load_items())
        raise UsageError(t("check.unknown_item", lang, item=item_id, known=known))
    return item


def run_batch(source: TextIO, sink: TextIO, lang: str, *, simplify: bool = False) -> int:
    """One verdict object per input line, in order; a bad line gets an error object, not a crash."""
    from tutor.answers import check_answer
    from tutor.quiz.items import get_item, load_items

    for number, line in enumerate(source, start=1):
        try:
            request = json.loads(line)
        except ValueError:
            request = None
        item_id = request.get("item") if isinstance(request, dict) else None
        answer = request.get("answer") if isinstance(request, dict) else None
        if not isinstance(item_id, str) or not isinstance(answer, str):
            problem = t("check.batch.not_json", lang)
            result: dict[str, object] = {"line": number, "item": item_id if isinstance(item_id, str) else None,
                                         "verdict": "error",
                                         "message": t("check.batch.bad_line", lang, line=number, problem=problem)}
        else:
            item = get_item(item_id)
            if item is None:
                problem = t("check.unknown_item", lang, item=item_id, known=", ".join(i.id for i in load_items()))
                result = {"line": number, "item": item_id, "verdict": "error",
                          "message": t("check.batch.bad_line", lang, line=number, problem=problem)}
            else:
                verdict = check_answer(item, answer, lang)
                result = verdict.to_json()
                if simplify:
                    result["simplified"] = _simplified(item, answer, verdict)
        sink.write(json.dumps(result, ensure_ascii=False) + "\n")
        sink.flush()
    return 0
