"""The old JSON progress file (``progress.json``, schemas 1 and 2), read once to be imported.

It is read exactly as the JSON store read it: never past its metadata when it
is not a regular file, never beyond :data:`MAX_BYTES`, a corrupt or unknown
schema file is ours to move aside (``progress.json.bak``), a newer schema or a
special file is not ours to touch. The import itself lives with the database
(:mod:`tutor.store.database`); this module only turns bytes into a Progress.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tutor.store.files import (
    BadFile,
    Blocked,
    free_backup,
    fsync_dir,
    read_bounded,
    short,
    target_of,
)
from tutor.store.records import SCHEMA, Progress, ProgressError, os_reason

LEGACY_NAME = "progress.json"
#: a real progress file is a few KB; anything larger is not one of ours
MAX_BYTES = 1_000_000


def read_legacy(path: Path) -> tuple[Progress, bytes] | None:
    """The file's progress and its bytes; None if absent.

    Raises BadFile (move it aside) or Blocked (leave it, and name it: ``path``).
    """
    try:
        data = read_bounded(path, MAX_BYTES)
    except Blocked as blocked:
        blocked.path = path
        raise
    if data is None:
        return None
    try:
        return parse(data), data
    except Blocked as blocked:
        blocked.path = path
        raise


def parse(data: bytes) -> Progress:
    """Bytes of a progress file → Progress; raises BadFile or Blocked (a newer schema)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise BadFile("corrupt", f"not UTF-8 text ({err.reason} at byte {err.start})") from None
    try:
        raw = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as err:  # JSONDecodeError, huge integers, NaN, deep nesting
        raise BadFile("corrupt", f"not valid JSON ({short(err)})") from None
    if not isinstance(raw, dict):
        raise BadFile("corrupt", "the top level is not an object")
    schema = raw.get("schema")
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA:
        raise Blocked("newer", "", "progress.reason.newer", schema=schema, known=SCHEMA)
    if schema not in (1, SCHEMA):
        raise BadFile("schema", f"schema {short(repr(schema))}, this dltutor reads {SCHEMA}")
    try:
        return Progress.from_json(raw)
    except ValueError as err:
        raise BadFile("corrupt", str(err)) from None


def move_aside(path: Path) -> Path:
    """Rename the file (a symlink's target) to the first free backup name beside it."""
    target = target_of(path)
    backup = free_backup(target)
    try:
        os.replace(target, backup)
    except OSError as err:
        raise ProgressError(path, os_reason(err)) from None
    fsync_dir(target.parent)
    return backup


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number a progress file holds")
