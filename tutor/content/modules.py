"""Importing a content module (``quiz.py``, ``variants.py``): whatever it does, a content error.

Content modules are trusted course files, so they are imported, but an
author's mistake in one must read like any other content problem: one line
naming the file. ``sys.exit()`` or ``KeyboardInterrupt`` while importing would
otherwise end dltutor silently (status 0, 3, 130 …) with no file named, and a
FIFO in the module's place would hang it; this is the one place that guards both.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
from pathlib import Path
from types import ModuleType

from tutor.content.errors import ContentError
from tutor.content.reading import read_content_bytes


class _BoundedSourceLoader(importlib.machinery.SourceFileLoader):
    """The standard source loader, reading through :func:`read_content_bytes`.

    Source and cached bytecode alike: only regular files, bounded in size,
    never blocking. A refused bytecode file is an ``OSError`` to the import
    system, which then compiles the source instead.
    """

    def get_data(self, path: str) -> bytes:
        try:
            return read_content_bytes(Path(path))
        except ContentError as err:
            if path == self.path:
                raise
            raise OSError(err.problem) from None


def import_content_module(path: Path, name: str, error: type[ContentError] = ContentError) -> ModuleType:
    """Import the content module at ``path`` as ``name``; anything it raises becomes ``error``.

    BaseException included (``SystemExit``, ``KeyboardInterrupt``, a custom
    BaseException): the message says what the module raised and on which of its lines.
    """
    loader = _BoundedSourceLoader(name, str(path))
    spec = importlib.util.spec_from_file_location(name, path, loader=loader)
    if spec is None:
        raise error(path, "cannot be imported")
    module = importlib.util.module_from_spec(spec)
    try:
        loader.exec_module(module)
    except ContentError as err:  # the file itself could not be read (a FIFO, too large …)
        raise error(err.path, err.problem) from None
    except BaseException as err:  # the author's to fix, named like any content problem
        raise error(path, describe_failure(err, path)) from err
    return module


def describe_failure(err: BaseException, path: Path) -> str:
    """``SystemExit: 3 (line 12)``: what the module raised, and its line in ``path``."""
    line = None
    tb = err.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == str(path):
            line = tb.tb_lineno
        tb = tb.tb_next
    if isinstance(err, SyntaxError) and err.lineno:
        line = err.lineno
    if isinstance(err, SystemExit):
        what = f"calls sys.exit({err.code!r}) while being imported"
    else:
        text = " ".join(str(err).split())[:200]
        what = f"{type(err).__name__}: {text}" if text else type(err).__name__
    return f"{what} (line {line})" if line else what
