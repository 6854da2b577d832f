"""Reading one content file: only a regular file, never more than a bounded size, never a hang.

A copied or hand-edited content folder can hold anything under a content
file's name: a FIFO (opening it for reading blocks until a writer comes), a
symlink to ``/dev/zero`` (endless bytes), a directory. Every content read goes
through :func:`read_content_bytes`, so each of these is one :class:`ContentError`
naming the file, like any other broken content. The progress store guards its
file the same way (``tutor.store.files.read_bounded``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tutor.content.errors import ContentError

#: the largest content file read, in bytes; the whole course is about 200 KB
MAX_CONTENT_BYTES = 1_000_000

#: never block on a FIFO, never take a terminal, never leak to children
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words for the author."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _refuse(path: Path, mode: int) -> ContentError:
    return ContentError(path, f"not a regular file ({kind_of(mode)}); content files must be plain files")


def _os_problem(path: Path, err: OSError) -> ContentError:
    if isinstance(err, FileNotFoundError):
        return ContentError(path, "missing file")
    return ContentError(path, f"cannot be read: {err.strerror or err}")


def read_content_bytes(path: Path, limit: int = MAX_CONTENT_BYTES) -> bytes:
    """The bytes of the regular file ``path`` (through symlinks); ContentError for anything else.

    Stat first (a FIFO is refused before it is opened), then open without
    blocking and stat what was opened (the name may have changed in between),
    then read at most ``limit`` + 1 bytes: a larger file is refused, not truncated.
    """
    try:
        info = os.stat(path)
    except OSError as err:  # missing, a dangling link, a symlink loop, no permission
        raise _os_problem(path, err) from None
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(path, info.st_mode)
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as err:
        raise _os_problem(path, err) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(path, info.st_mode)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        raise _os_problem(path, err) from None
    finally:
        os.close(fd)
    if size > limit:
        raise ContentError(path, f"larger than {limit:,} bytes, the most a content file may hold")
    return b"".join(chunks)


def read_content_text(path: Path, limit: int = MAX_CONTENT_BYTES) -> str:
    """:func:`read_content_bytes` decoded as UTF-8; ContentError when it is not."""
    try:
        return read_content_bytes(path, limit).decode("utf-8")
    except UnicodeDecodeError:
        raise ContentError(path, "not UTF-8 text") from None


def optional_file(path: Path) -> Path | None:
    """``path`` if it is a regular file, None if nothing is there; ContentError for anything else.

    For the files a question may leave out (``quiz.py``, ``variants.py``): a FIFO or
    a dangling link in their place is a problem to name, not a file to skip.
    """
    if not os.path.lexists(path):
        return None
    try:
        info = os.stat(path)
    except OSError as err:
        raise _os_problem(path, err) from None
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(path, info.st_mode)
    return path
