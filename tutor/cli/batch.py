"""``check --batch`` and ``check --csv``: a class's answers judged in one run, for teachers.

One output record per non-blank input line, in input order, each carrying its
input ``line``; a line that cannot be judged gets an error record and the run
goes on. The exit status summarises the run (the highest that applies):

- 0: every answer correct;  1: some incorrect;  3: some unreadable;
- 4: some input lines malformed;  5: the checker failed on some answer.

A per-item summary (counts and the commonest named mistakes) goes to stderr.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, Any

from tutor.cli.batch_input import Malformed, Request
from tutor.cli.judging import CheckerFailure
from tutor.i18n import t

EXIT_ALL_CORRECT = 0
EXIT_SOME_INCORRECT = 1
EXIT_SOME_UNREADABLE = 3
EXIT_MALFORMED = 4
EXIT_CHECKER_FAILED = 5

#: CSV output columns: the five a spreadsheet needs, then the join key and the feedback
CSV_OUTPUT = ("student", "item", "verdict", "points", "mistake", "line", "message")


@dataclass
class ItemTally:
    counts: Counter[str] = field(default_factory=Counter)
    mistakes: Counter[str] = field(default_factory=Counter)


@dataclass
class Tally:
    """What the run saw, for the exit status and the summary."""

    items: dict[str, ItemTally] = field(default_factory=dict)
    malformed: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)

    def add(self, item: str, status: str, mistake: str | None) -> None:
        tally = self.items.setdefault(item, ItemTally())
        tally.counts[status] += 1
        if mistake:
            tally.mistakes[mistake] += 1

    @property
    def answers(self) -> int:
        return sum(sum(tally.counts.values()) for tally in self.items.values())

    def exit_code(self) -> int:
        statuses: Counter[str] = Counter()
        for tally in self.items.values():
            statuses.update(tally.counts)
        if self.failed:
            return EXIT_CHECKER_FAILED
        if self.malformed:
            return EXIT_MALFORMED
        if statuses["invalid"]:
            return EXIT_SOME_UNREADABLE
        if statuses["incorrect"]:
            return EXIT_SOME_INCORRECT
        return EXIT_ALL_CORRECT


class JsonLines:
    """One JSON object per line, flushed as it is made (a consumer sees results as they come)."""

    def __init__(self, sink: IO[str]) -> None:
        from tutor.cli.streams import is_utf8

        self.sink = sink
        self.ascii = not is_utf8(sink)  # escapes keep the data whole in an ASCII/latin-1 stream

    def start(self) -> None:
        pass

    def record(self, data: dict[str, Any]) -> None:
        self.sink.write(json.dumps(data, ensure_ascii=self.ascii) + "\n")
        self.sink.flush()


class CsvRows:
    """CSV with a header, quoted as RFC 4180 says; one row per record."""

    def __init__(self, sink: IO[str]) -> None:
        import csv

        self.sink = sink
        self.writer = csv.writer(sink, lineterminator="\n")

    def start(self) -> None:
        self.writer.writerow(CSV_OUTPUT)

    def record(self, data: dict[str, Any]) -> None:
        row = [_cell(data.get(name), text=name not in ("points", "line")) for name in CSV_OUTPUT]
        self.writer.writerow(row)
        self.sink.flush()


#: a text cell starting with one of these is a formula to a spreadsheet (OWASP's CSV injection)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object, *, text: bool = True) -> str:
    """One output cell; a text cell a spreadsheet would run as a formula gets a leading "'"."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{round(value, 3):g}"  # 2.0 → "2", as points are written everywhere
    cell = str(value)
    if text and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def run_batch(source: IO[Any], sink: IO[str], lang: str, *, simplify: bool = False,
              csv: bool = False, summary: IO[str] | None = None) -> int:
    """Judge every request of ``source`` (JSON lines, or CSV with ``csv``); the exit status.

    ``source`` is binary (``sys.stdin.buffer``) so that invalid UTF-8 and NUL bytes are
    seen per line; a text stream works too. ``summary`` receives the per-item summary.
    """
    from tutor.cli.batch_input import csv_requests, json_requests

    out: JsonLines | CsvRows = CsvRows(sink) if csv else JsonLines(sink)
    requests = csv_requests(source, lang) if csv else json_requests(source, lang)
    tally = Tally()
    started = False
    for request in requests:  # the header row only once the input's own header was read
        if not started:
            out.start()
            started = True
        out.record(_grade(request, lang, tally, simplify=simplify))
    if not started:
        out.start()
    if summary is not None and (tally.answers or tally.malformed or tally.failed):
        summary.write("\n".join(summary_lines(tally, lang)) + "\n")
        summary.flush()
    return tally.exit_code()


def _grade(request: Request | Malformed, lang: str, tally: Tally, *,
           simplify: bool) -> dict[str, Any]:
    """The output record of one request; never raises for anything about the request."""
    if isinstance(request, Malformed):
        tally.malformed.append(request.line)
        return _error_record(request.line, request.item, request.student, request.kind,
                             request.message)
    from tutor.quiz.items import get_item, load_items

    item = get_item(request.item)
    if item is None:
        tally.malformed.append(request.line)
        known = ", ".join(i.id for i in load_items())
        message = t("check.unknown_item", lang, item=request.item, known=known)
        return _error_record(request.line, request.item, request.student, "unknown-item", message)
    from tutor.cli.judging import judge

    result = judge(item, request.answer, lang)
    if isinstance(result, CheckerFailure):
        tally.failed.append(request.line)
        tally.add(item.id, "error", None)
        from tutor.cli.streams import complain

        complain(t("check.batch.checker_failed", lang, line=request.line, item=item.id,
                   detail=result.detail or result.message))
        record = {"line": request.line, **_with_student(request.student), **result.to_json(),
                  "points": None}
        return record
    tally.add(item.id, result.status, result.mistake)
    record = {"line": request.line, **_with_student(request.student), **result.to_json(),
              "points": item.points if result.status == "correct" else 0}
    if simplify:
        record["simplified"] = simplified_form(item, request.answer, result)
    return record


def _with_student(student: str | None) -> dict[str, Any]:
    return {} if student is None else {"student": student}


def _error_record(line: int, item: str | None, student: str | None, kind: str,
                  message: str) -> dict[str, Any]:
    return {"line": line, **_with_student(student), "item": item, "verdict": "error",
            "error": kind, "message": message, "points": None}


def simplified_form(item: Any, answer: str, verdict: Any) -> str | None:
    """Sympy's simplified form of a read answer; None when there is none (or it failed)."""
    if verdict.interpreted is None:
        return None
    from tutor.answers.symbolic import simplify_echo

    try:
        return simplify_echo(item, answer)
    except Exception:  # a second opinion that fails is no opinion, not a lost line
        return None


def summary_lines(tally: Tally, lang: str) -> list[str]:
    """Per item (in course order): counts, and the three commonest named mistakes."""
    from tutor.quiz.items import load_items

    order = {item.id: k for k, item in enumerate(load_items())}
    from tutor.i18n import plural_form

    lines = [t(f"check.summary.heading.{plural_form(tally.answers, lang)}", lang, n=tally.answers)]
    width = max((len(item) for item in tally.items), default=0)
    for item in sorted(tally.items, key=lambda i: (order.get(i, len(order)), i)):
        counts = tally.items[item].counts
        text = t("check.summary.counts", lang, correct=counts["correct"],
                 incorrect=counts["incorrect"], invalid=counts["invalid"])
        if counts["error"]:
            text += t("check.summary.failed", lang, n=counts["error"])
        lines.append(f"  {item:<{width}}  {text}")
        common = tally.items[item].mistakes.most_common(3)
        if common:
            named = ", ".join(f"{name} ×{n}" for name, n in common)
            lines.append(f"  {'':<{width}}  " + t("check.summary.mistakes", lang, mistakes=named))
    if tally.malformed:
        n = len(tally.malformed)
        lines.append("  " + t(f"check.summary.malformed.{plural_form(n, lang)}", lang, n=n,
                              lines=_line_list(tally.malformed)))
    if tally.failed:
        n = len(tally.failed)
        lines.append("  " + t(f"check.summary.checker_failed.{plural_form(n, lang)}", lang, n=n,
                              lines=_line_list(tally.failed)))
    return lines


def _line_list(numbers: list[int], shown: int = 10) -> str:
    text = ", ".join(str(n) for n in numbers[:shown])
    return text + (", …" if len(numbers) > shown else "")
