"""``check --batch`` and ``check --csv`` as a teacher's tool: every line answered, the run goes on."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from types import SimpleNamespace
from typing import Any

import pytest

from tutor.cli.batch import run_batch
from tutor.cli.batch_input import LINE_LIMIT


def batch(data: bytes, *, lang: str = "en", csv_mode: bool = False) -> tuple[int, list[Any], str]:
    sink, summary = io.StringIO(), io.StringIO()
    code = run_batch(io.BytesIO(data), sink, lang, csv=csv_mode, summary=summary)
    if csv_mode:
        rows = list(csv.DictReader(io.StringIO(sink.getvalue())))
    else:
        rows = [json.loads(line) for line in sink.getvalue().splitlines()]
    return code, rows, summary.getvalue()


def line(item: object, answer: object, **extra: object) -> bytes:
    return (json.dumps({"item": item, "answer": answer, **extra}) + "\n").encode()


GOOD = line("7", "2C")
#: one bad line of each kind, with the error kind it must get
BAD_LINES = {
    "json": b"{not json\n",
    "fields": line("1b", 2),
    "unknown-item": line("9z", "2x"),
    "too-long": b'{"item": "1b", "answer": "' + b"x" * (LINE_LIMIT + 10) + b'"}\n',
    "encoding": b'{"item": "1b", "answer": "\xff\xfe"}\n',
    "nul": b'{"item": "1b", "answer": "2\x00x"}\n',
}


@pytest.mark.parametrize("kind", sorted(BAD_LINES))
def test_one_bad_line_in_the_middle(kind: str) -> None:
    code, out, summary = batch(GOOD + BAD_LINES[kind] + GOOD)
    assert [o["line"] for o in out] == [1, 2, 3]
    assert [o["verdict"] for o in out] == ["correct", "error", "correct"]
    assert out[1]["error"] == kind and out[1]["message"]
    assert code == 4
    assert "malformed input lines: 1 (line 2)" in summary


def test_every_kind_at_once_keeps_line_numbers_and_blank_lines_are_skipped() -> None:
    data = b"".join([GOOD, b"\n", b"   \r\n", *BAD_LINES.values(), GOOD])
    code, out, _ = batch(data)
    assert [o["line"] for o in out] == [1, *range(4, 4 + len(BAD_LINES)), 4 + len(BAD_LINES)]
    assert [o.get("error") for o in out[1:-1]] == list(BAD_LINES)
    assert code == 4


def test_non_string_fields_are_named() -> None:
    _, out, _ = batch(line("1b", None) + line(["1b"], "2x") + b'{"item": "1b"}\n' + b"[1]\n")
    messages = [o["message"] for o in out]
    assert messages[0] == "the field 'answer' must be a string, not null"
    assert messages[1] == "the field 'item' must be a string, not an array"
    assert messages[2] == "the field 'answer' is missing"
    assert "JSON object" in messages[3]
    assert out[0]["item"] == "1b"  # what could be read is kept for joining


def test_over_long_line_is_skipped_without_being_stored() -> None:
    sizes: list[int] = []

    class Recording(io.BytesIO):
        def readline(self, size: int | None = -1) -> bytes:  # type: ignore[override]
            sizes.append(-1 if size is None else size)
            return super().readline(size)

    source = Recording(b"a" * (LINE_LIMIT * 5) + b"\n" + GOOD)
    sink = io.StringIO()
    run_batch(source, sink, "en")
    assert sizes and all(0 < size <= LINE_LIMIT + 1 for size in sizes)
    out = [json.loads(x) for x in sink.getvalue().splitlines()]
    assert [(o["line"], o["verdict"]) for o in out] == [(1, "error"), (2, "correct")]


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        (["2C", "2C"], 0),
        (["2C", "4C"], 1),
        (["4C", "2C("], 3),
    ],
)
def test_exit_status_summarises(answers: list[str], code: int) -> None:
    assert batch(b"".join(line("7", a) for a in answers))[0] == code


def test_exit_status_precedence_malformed_over_unreadable() -> None:
    assert batch(line("7", "4C") + line("7", "(") + b"oops\n")[0] == 4


def _failing_checker(monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    from tutor.answers import judge

    real = judge.check_answer

    def checker(item: Any, text: str, lang: str = "en") -> Any:
        if text != "boom":
            return real(item, text, lang)
        if how == "raises":
            raise RecursionError("maximum recursion depth exceeded")
        return SimpleNamespace(item=item.id, status="error", message="internal error",
                               detail="ZeroDivisionError: x")

    monkeypatch.setattr(judge, "check_answer", checker)


@pytest.mark.parametrize("how", ["raises", "returns-error"])
def test_a_checker_failure_is_one_error_object_and_the_run_goes_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    _failing_checker(monkeypatch, how)
    code, out, summary = batch(GOOD + line("1b", "boom") + line("7", "4C"))
    assert code == 5  # the checker failed: above malformed (4) and incorrect (1)
    assert [o["verdict"] for o in out] == ["correct", "error", "incorrect"]
    assert out[1]["error"] == "checker" and out[1]["line"] == 2 and out[1]["item"] == "1b"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line 2" in err and "item 1b" in err
    assert ("RecursionError" if how == "raises" else "ZeroDivisionError") in err
    assert "answers the checker failed on: 1 (line 2)" in summary


@pytest.mark.parametrize("how", ["raises", "returns-error"])
def test_single_check_failure_exits_5(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str], how: str) -> None:
    from tutor.cli import main

    _failing_checker(monkeypatch, how)
    assert main(["check", "1b", "boom", "--lang", "en"]) == 5
    captured = capsys.readouterr()
    assert captured.out.startswith("not judged: ")
    assert captured.err.count("\n") == 1 and "item 1b" in captured.err
    assert main(["check", "1b", "boom", "--json", "--lang", "en"]) == 5
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "error" and data["item"] == "1b"


def test_summary_counts_and_commonest_mistakes_in_russian() -> None:
    data = line("7", "4C") * 3 + line("7", "2C") + line("7", "C") + line("6.relu", "2")
    _, _, summary = batch(data, lang="ru")
    lines = summary.splitlines()
    assert lines[0] == "dltutor: итоги по пунктам, 6 ответов:"
    assert any(x.split()[:1] == ["6.relu"] and "неверно 1" in x for x in lines)
    seven = next(x for x in lines if x.strip().startswith("7 "))
    assert "верно 1 · неверно 4 · не прочитано 0" in seven
    assert "частые ошибки: running-stats ×3" in summary


def test_student_is_carried_through_and_points_are_given() -> None:
    _, out, _ = batch(line("3.1", "ŷ - p", student="Ann") + line("3.1", "p", student="17"))
    assert (out[0]["student"], out[0]["points"]) == ("Ann", 2)
    assert (out[1]["student"], out[1]["points"]) == ("17", 0)


@pytest.mark.parametrize(("student", "named"), [(17, "a number"), (None, "null"),
                                                 (True, "a boolean"), ({}, "an object")])
def test_a_student_that_is_not_a_string_is_a_fields_error(student: object, named: str) -> None:
    code, out, _ = batch(line("3.1", "ŷ - p", student=student) + GOOD)
    assert (out[0]["verdict"], out[0]["error"], out[0]["item"]) == ("error", "fields", "3.1")
    assert out[0]["message"] == f"the field 'student' must be a string, not {named}"
    assert "student" not in out[0] and out[1]["verdict"] == "correct" and code == 4


def test_type_names_are_russian_in_russian() -> None:
    _, out, _ = batch(line(["1b"], "2x") + line("1b", 5) + line("1b", False), lang="ru")
    assert [o["message"] for o in out] == [
        "поле 'item' должно быть строкой, а не массивом",
        "поле 'answer' должно быть строкой, а не числом",
        "поле 'answer' должно быть строкой, а не логическим значением",
    ]


def test_csv_output_escapes_spreadsheet_formulas_in_text_cells() -> None:
    data = "student,item,answer\n=HYPERLINK(1),7,2C\n+1,7,4C\n-x,7,2C\n@SUM(A1),7,2C\nAnn,=1,2C\n"
    sink = io.StringIO()
    run_batch(io.BytesIO(data.encode()), sink, "en", csv=True)
    rows = list(csv.DictReader(io.StringIO(sink.getvalue())))
    assert [r["student"] for r in rows] == ["'=HYPERLINK(1)", "'+1", "'-x", "'@SUM(A1)", "Ann"]
    assert rows[-1]["item"] == "'=1" and rows[0]["points"] == "1"
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())


@pytest.mark.parametrize("header", [b"item,item,answer\n", b"student;item;answer;Answer\n"])
def test_csv_a_column_named_twice_is_one_line_and_exit_2(header: bytes) -> None:
    result = run_cli("check", "--csv", "--lang", "en", data=header + b"7,7,2C\n")
    assert result.returncode == 2 and result.stdout == b""
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "twice" in err


def test_csv_without_a_header_prints_no_output_header() -> None:
    result = run_cli("check", "--csv", "--lang", "en", data=b"Ann,7,2C\n")
    assert result.returncode == 2 and result.stdout == b""


def test_csv_and_batch_together_are_a_usage_error() -> None:
    result = run_cli("check", "--csv", "--batch", "--lang", "en", data=b"")
    assert result.returncode == 2 and result.stderr.decode().count("\n") == 1
    assert "choose one" in result.stderr.decode()


# -- CSV ------------------------------------------------------------------------


def test_csv_from_excel_bom_crlf_and_quotes() -> None:
    text = (
        "\ufeffStudent,Item,Answer\r\n"
        "Ann,7,2C\r\n"
        '"Petrov, Ivan",3.1,"softmax(z) - p"\r\n'
        'Olga,4,"h1 = σ(W1 x + b1); h2 = σ(W2 h1 + b2); W3 h2 + b3"\r\n'
        "\r\n"
        "\r\n"
        "\r\n"
        "Bob,7,4C\r\n"
        "Eve,9z,1\r\n"
        "Max,7\r\n"
        "Kim,7,2,C\r\n"
    )
    code, rows, summary = batch(text.encode("utf-8"), csv_mode=True)
    assert list(rows[0]) == ["student", "item", "verdict", "points", "mistake", "line", "message"]
    got = [(r["student"], r["item"], r["verdict"], r["points"], r["mistake"], r["line"]) for r in rows]
    assert got == [
        ("Ann", "7", "correct", "1", "", "2"),
        ("Petrov, Ivan", "3.1", "correct", "2", "", "3"),
        ("Olga", "4", "correct", "0.5", "", "4"),
        ("Bob", "7", "incorrect", "0", "running-stats", "8"),
        ("Eve", "9z", "error", "", "", "9"),
        ("Max", "7", "error", "", "", "10"),
        ("Kim", "7", "error", "", "", "11"),
    ]
    assert "double quotes" in rows[-1]["message"]
    assert code == 4
    assert "malformed input lines: 3 (lines 9, 10, 11)" in summary


def test_csv_an_open_quote_is_one_malformed_line_and_never_swallows_the_rows_after_it() -> None:
    data = b'student,item,answer\nAnn,7,"2C\nBob,7,2C\nKim,7,"4C""x\nMax,7,"a,""b"" c"\nEve,7,4C\n'
    code, rows, summary = batch(data, csv_mode=True)
    got = [(r["student"], r["item"], r["verdict"], r["line"]) for r in rows]
    assert got == [("Ann", "7", "error", "2"), ("Bob", "7", "correct", "3"),
                   ("Kim", "7", "error", "4"), ("Max", "7", "invalid", "5"),
                   ("Eve", "7", "incorrect", "6")]
    assert "not closed" in rows[0]["message"]
    assert code == 4 and "lines 2, 4" in summary


@pytest.mark.parametrize("end", [b"\r", b"\n", b"\r\n"])
def test_csv_every_line_end_counts_and_a_stray_cr_splits_the_line(end: bytes) -> None:
    rows_in = [b"student,item,answer", b"Ann,7,2C", b'Bob,7,"4\rC"', b"Kim,7,4C"]
    code, rows, _ = batch(end.join(rows_in) + end, csv_mode=True)
    got = [(r["student"], r["verdict"], r["line"]) for r in rows]
    # the CR inside Bob's quotes ends his line (an open quote), 'C"' is a line of its own
    assert got == [("Ann", "correct", "2"), ("Bob", "error", "3"), ('C"', "error", "4"),
                   ("Kim", "incorrect", "5")]
    assert code == 4


def test_csv_lone_cr_line_ends_from_the_cli_in_russian() -> None:
    result = run_cli("check", "--csv", "--lang", "ru", data=b'student,item,answer\rAnn,7,2C\rBob,7,"2\rC"\r')
    assert result.returncode == 4, result.stderr
    out = result.stdout.decode()
    assert out.splitlines()[1].startswith("Ann,7,correct,1,,2,")
    assert "не закрыта" in out and "Traceback" not in result.stderr.decode()
    assert "new-line" not in out + result.stderr.decode()  # never Python's own csv message


def test_csv_line_ends_split_across_reads_and_over_long_lines() -> None:
    from tutor.cli.batch_input import universal_lines

    class Trickle(io.BytesIO):
        def read1(self, size: int = -1) -> bytes:  # one byte at a time: CR and LF apart
            return super().read1(1)

    got = [(r.number, r.data) for r in universal_lines(Trickle(b"a\r\nb\rc\n\rd"))]
    assert got == [(1, b"a"), (2, b"b"), (3, b"c"), (4, b""), (5, b"d")]
    long = b"x" * (LINE_LIMIT * 3)
    got = [(r.number, r.data) for r in universal_lines(io.BytesIO(long + b"\r" + long + b"\ry"))]
    assert got == [(1, None), (2, None), (3, b"y")]


def test_csv_semicolon_delimiter_and_column_order() -> None:
    code, rows, _ = batch(b"answer;item\n2C;7\n", csv_mode=True)
    assert (rows[0]["item"], rows[0]["verdict"], rows[0]["student"], code) == ("7", "correct", "", 0)


def test_csv_quoting_of_the_output() -> None:
    sink = io.StringIO()
    run_batch(io.BytesIO(b'student,item,answer\n"A ""the"" one",7,2C\n'), sink, "en", csv=True)
    assert sink.getvalue().splitlines()[1].startswith('"A ""the"" one",7,correct,1,,2,')


def test_csv_bad_lines_keep_the_numbers_of_the_rows_after_them() -> None:
    data = b"student,item,answer\nA,7,\xff\nB,7,2C\nC,7,\x00\nD,7,4C\n"
    _, rows, _ = batch(data, csv_mode=True)
    assert [(r["line"], r["verdict"]) for r in rows] == [
        ("2", "error"), ("3", "correct"), ("4", "error"), ("5", "incorrect")]


def run_cli(*args: str, data: bytes, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "tutor", *args], input=data, capture_output=True,
                          env={**os.environ, **(env or {})}, timeout=120, check=False)


def test_csv_header_without_the_columns_is_a_usage_error() -> None:
    result = run_cli("check", "--csv", "--lang", "en", data=b"name,answer\nAnn,2C\n")
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "item and answer" in err and "Traceback" not in err


def test_batch_output_is_valid_utf8_and_ascii_streams_get_escapes() -> None:
    data = b'{"item": "1b", "answer": "\\ud800 2x"}\n' + line("3.1", "ŷ - p")
    result = run_cli("check", "--batch", "--quiet", "--lang", "ru", data=data)
    assert result.returncode == 3 and result.stderr == b""
    text = result.stdout.decode("utf-8")  # strict: a lone surrogate would fail here
    assert [json.loads(x)["line"] for x in text.splitlines()] == [1, 2]
    ascii_run = run_cli("check", "--batch", "--quiet", "--lang", "ru", data=line("3.1", "ŷ - p"),
                        env={"PYTHONIOENCODING": "ascii"})
    assert ascii_run.returncode == 0 and ascii_run.stdout.isascii()
    assert json.loads(ascii_run.stdout)["interpreted"] == "ŷ − p"


def test_batch_with_an_item_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    from tutor.cli import main

    assert main(["check", "1b", "--csv", "--lang", "en"]) == 2
    assert "do not also give an item" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("lang", "count", "heading", "malformed"),
    [
        ("en", 1, "summary by item, 1 answer:", "malformed input lines: 1 (line 2)"),
        ("en", 2, "summary by item, 2 answers:", "malformed input lines: 1 (line 3)"),
        ("ru", 1, "итоги по пунктам, 1 ответ:", "неразобранные строки ввода: 1 (строка 2)"),
        ("ru", 3, "итоги по пунктам, 3 ответа:", "неразобранные строки ввода: 1 (строка 4)"),
        ("ru", 5, "итоги по пунктам, 5 ответов:", "неразобранные строки ввода: 1 (строка 6)"),
    ],
)
def test_summary_counts_agree_in_number(lang: str, count: int, heading: str, malformed: str) -> None:
    _, _, summary = batch(GOOD * count + b"[1]\n", lang=lang)
    assert heading in summary and malformed in summary
