"""Errors a user can act on. The CLI prints them as one line, never a traceback."""
from __future__ import annotations


class MarsadError(Exception):
    """Base for expected, user-facing failures."""


class InputError(MarsadError):
    """An input that cannot be read as an article; names the file and line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.reason = message
        self.path = path
        self.line = line
        where = path or "<input>"
        if line is not None:
            where += f":{line}"
        super().__init__(f"{where}: {message}")
