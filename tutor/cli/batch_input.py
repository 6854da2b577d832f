"""What ``check --batch`` and ``check --csv`` read: bounded lines, then requests or problems.

Every input line is read with a bound (at most :data:`LINE_LIMIT` bytes are kept;
the rest of an over-long line is skipped in chunks without being stored), and
every problem with a line becomes a :class:`Malformed` value for that line number,
so one bad line never stops the run and never costs unbounded memory or time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from tutor.i18n import t

#: bytes kept of one input line; a longer line is answered with one error object
LINE_LIMIT = 64 * 1024
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Request:
    """One answer to judge, from input line ``line`` (1-based)."""

    line: int
    item: str
    answer: str
    student: str | None = None


@dataclass(frozen=True)
class Malformed:
    """An input line that is not a request; ``kind`` is stable for scripts, ``message`` for a person."""

    line: int
    kind: str  # json, fields, too-long, encoding, nul, csv, columns
    message: str
    item: str | None = None
    student: str | None = None


@dataclass(frozen=True)
class RawLine:
    """One physical input line, its newline removed; ``data`` None when it was over-long."""

    number: int
    data: bytes | str | None
    ending: str = "\n"


def bounded_lines(source: IO[Any]) -> Iterator[RawLine]:
    """The lines of ``source`` (binary, or text for tests), each at most LINE_LIMIT long."""
    number = 0
    while True:
        chunk = source.readline(LINE_LIMIT + 1)
        if not chunk:
            return
        number += 1
        newline = "\n" if isinstance(chunk, str) else b"\n"
        if not chunk.endswith(newline) and len(chunk) > LINE_LIMIT:
            while True:  # skip the rest of the line, a bounded chunk at a time
                rest = source.readline(LINE_LIMIT)
                if not rest or rest.endswith(newline):
                    break
            yield RawLine(number, None)
            continue
        body = chunk[:-1] if chunk.endswith(newline) else chunk
        ending = "\n" if chunk.endswith(newline) else ""
        if body.endswith("\r" if isinstance(body, str) else b"\r"):
            body, ending = body[:-1], "\r" + ending
        if number == 1:
            body = body.removeprefix("\ufeff") if isinstance(body, str) else body.removeprefix(_BOM)
        yield RawLine(number, body, ending)


def decode(raw: RawLine, lang: str) -> str | Malformed:
    """The line as text, or why it cannot be text (too long, a NUL byte, not UTF-8)."""
    data = raw.data
    if data is None:
        return Malformed(raw.number, "too-long", t("check.batch.too_long", lang, limit=LINE_LIMIT))
    nul = data.find("\0" if isinstance(data, str) else b"\0")
    if nul >= 0:
        return Malformed(raw.number, "nul", t("check.batch.nul", lang, column=nul + 1))
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        return Malformed(raw.number, "encoding", t("check.batch.encoding", lang, position=err.start + 1))


#: JSON's name of a Python value's type; the message names it in the user's language
_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number",
               float: "number", type(None): "null"}


def json_requests(source: IO[Any], lang: str) -> Iterator[Request | Malformed]:
    """One request per non-blank JSON line; blank lines are skipped (no object, not counted)."""
    for raw in bounded_lines(source):
        text = decode(raw, lang)
        if isinstance(text, Malformed):
            yield text
        elif text.strip():
            yield json_request(raw.number, text, lang)


def json_request(number: int, text: str, lang: str) -> Request | Malformed:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return Malformed(number, "json", t("check.batch.json", lang, column=err.colno))
    except (ValueError, RecursionError):  # 5,000-digit numbers, arrays nested 100,000 deep
        return Malformed(number, "json", t("check.batch.json_limits", lang))
    if not isinstance(data, dict):
        return Malformed(number, "fields", t("check.batch.not_json", lang))
    item = data.get("item")
    student = data.get("student")
    known_item = item if isinstance(item, str) else None
    if "student" in data and not isinstance(student, str):  # null and 5 too: README's rule
        return _field_problem(number, "student", student, lang, known_item, None)
    for field in ("item", "answer"):
        if field not in data or not isinstance(data[field], str):
            return _field_problem(number, field, data.get(field, ...), lang, known_item, student)
    return Request(number, data["item"], data["answer"], student)


def _field_problem(number: int, field: str, value: object, lang: str,
                   item: str | None, student: str | None) -> Malformed:
    if value is ...:
        message = t("check.batch.missing", lang, field=field)
    else:
        kind = t(f"check.batch.type.{_JSON_TYPES.get(type(value), 'object')}", lang)
        message = t("check.batch.not_string", lang, field=field, type=kind)
    return Malformed(number, "fields", message, item, student)


# -- CSV ----------------------------------------------------------------------

#: columns of ``check --csv`` input (item and answer required); others are ignored
CSV_COLUMNS = ("student", "item", "answer")
_DELIMITERS = (",", ";", "\t")  # a spreadsheet in a Russian or German locale saves with ';'


class CsvHeaderError(ValueError):
    """The first line does not name the columns (a usage error: nothing can be read)."""


def universal_lines(source: IO[Any]) -> Iterator[RawLine]:
    """The lines of ``source`` ended by \\n, \\r\\n or a lone \\r, each at most LINE_LIMIT long.

    Spreadsheets on old Macs end lines with a lone CR; reading every line end there
    is keeps each record one line, so a line number always means one line of the file.
    The source is read in bounded chunks; a line over the limit is skipped, not stored.
    """
    read = getattr(source, "read1", None) or source.read
    empty = source.read(0)  # "" or b"": the source's own kind of text
    cr = "\r" if isinstance(empty, str) else b"\r"
    ends = re.compile("\r\n?|\n" if isinstance(empty, str) else rb"\r\n?|\n")
    buffer, number, skipping = empty, 0, False
    while True:
        chunk = read(LINE_LIMIT)
        buffer += chunk
        position = 0
        while True:
            found = ends.search(buffer, position)
            if found is None or (found.group() == cr and found.end() == len(buffer) and chunk):
                break  # a CR at the end of the buffer may be the first half of CRLF
            number += 1
            body = buffer[position:found.start()]
            yield RawLine(number, None if skipping else _without_bom(number, body), "\n")
            skipping = False
            position = found.end()
        buffer = buffer[position:]
        if not chunk:
            if buffer:
                number += 1
                yield RawLine(number, None if skipping else _without_bom(number, buffer), "")
            return
        if len(buffer) > LINE_LIMIT:  # over-long: drop what is kept, skip to its line end
            buffer = cr if buffer.endswith(cr) else empty
            skipping = True


def _without_bom(number: int, body: bytes | str) -> bytes | str:
    if number != 1:
        return body
    return body.removeprefix("\ufeff") if isinstance(body, str) else body.removeprefix(_BOM)


def csv_requests(source: IO[Any], lang: str) -> Iterator[Request | Malformed]:
    """One request per data row of a CSV with a header; one record is one line.

    Excel's BOM is accepted, and \\n, \\r\\n and a lone \\r all end a line; ';' and
    tab work as delimiters (found from the header). A quoted field may hold the
    delimiter and doubled quotes but not a line end: a quote still open at the end of
    its line makes that line a ``csv`` error, and the next line is read afresh, so a
    stray quote can never swallow the rows after it. Every line is accounted for.
    """
    import csv

    lines = universal_lines(source)
    header: list[str] | None = None
    delimiter = ","
    for raw in lines:
        text = decode(raw, lang)
        if isinstance(text, Malformed):
            raise CsvHeaderError(text.message)
        if text.strip():
            delimiter, header = _read_header(text, lang)
            break
    if header is None:
        return
    columns = {name: header.index(name) for name in CSV_COLUMNS if name in header}
    for raw in lines:
        text = decode(raw, lang)
        if isinstance(text, Malformed):
            yield text
            continue
        if not text.strip():
            continue
        try:
            row = next(csv.reader([text], delimiter=delimiter, strict=False), [])
        except csv.Error:  # cannot happen on one line without line ends; never a lost row
            row = []
        if _quote_left_open(text, delimiter) or not row:
            item, _, student = _cells(row, columns)
            yield Malformed(raw.number, "csv", t("check.csv.open_quote", lang),
                            (item or "").strip() or None, student)
            continue
        if any(cell.strip() for cell in row):
            yield _csv_row(raw.number, row, header, columns, lang)


def _quote_left_open(text: str, delimiter: str) -> bool:
    """Whether a field of the line opens a double quote that the line never closes."""
    quoted, at_field_start = False, True
    k = 0
    while k < len(text):
        char = text[k]
        if quoted:
            if char == '"':
                if text[k + 1:k + 2] == '"':
                    k += 1
                else:
                    quoted = False
        elif char == delimiter:
            at_field_start = True
            k += 1
            continue
        elif char == '"' and at_field_start:
            quoted = True
        at_field_start = False
        k += 1
    return quoted


def _read_header(text: str, lang: str) -> tuple[str, list[str]]:
    import csv

    for delimiter in _DELIMITERS:
        cells = next(csv.reader([text], delimiter=delimiter), [])
        names = [cell.strip().lower() for cell in cells]
        if "item" in names and "answer" in names:
            twice = [name for name in CSV_COLUMNS if names.count(name) > 1]
            if twice:  # which of the two would be read is a guess: refuse, do not guess
                raise CsvHeaderError(t("check.csv.duplicate", lang, column=twice[0]))
            return delimiter, names
    raise CsvHeaderError(t("check.csv.header", lang, header=text[:200]))


def _cells(row: list[str], columns: dict[str, int]) -> tuple[str | None, str | None, str | None]:
    """The row's item, answer and student cells; None for a cell the row lacks."""
    def cell(name: str) -> str | None:
        index = columns.get(name)
        return row[index] if index is not None and index < len(row) else None

    return cell("item"), cell("answer"), cell("student")


def _csv_row(number: int, row: list[str], header: list[str], columns: dict[str, int],
             lang: str) -> Request | Malformed:
    item, answer, student = _cells(row, columns)
    extra = [c for c in row[len(header):] if c.strip()]
    if extra or item is None or answer is None:
        key = "check.csv.too_many" if extra else "check.csv.too_few"
        message = t(key, lang, got=len(row), expected=len(header))
        return Malformed(number, "columns", message, (item or "").strip() or None, student)
    return Request(number, item.strip(), answer, student.strip() if student is not None else None)
