"""Where the content lives (stdlib ``os.path`` only: this runs on every start-up)."""

from __future__ import annotations

import os

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def content_root() -> str:
    """``DLTUTOR_CONTENT``, else the copy inside the wheel, else the repo's ``content/``."""
    override = os.environ.get("DLTUTOR_CONTENT")
    if override:
        return os.path.abspath(override)
    packaged = os.path.join(_PACKAGE, "_content")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(_PACKAGE), "content")


def cache_dir() -> str:
    """``DLTUTOR_CACHE``, else the platform's user cache dir for dltutor."""
    override = os.environ.get("DLTUTOR_CACHE")
    if override:
        return override
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~/AppData/Local")
        return os.path.join(base, "dltutor", "Cache")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return os.path.join(base, "dltutor")
