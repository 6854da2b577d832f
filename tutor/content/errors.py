"""The content error, in a module of its own so that catching it imports nothing heavy."""

from __future__ import annotations

import os


class ContentError(Exception):
    """Content that cannot be loaded; the message names the file and the problem."""

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        self.path = os.fspath(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
