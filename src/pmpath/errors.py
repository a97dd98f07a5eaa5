"""Errors that reach the user, each with the exit code it maps to.

Exit codes: 0 success; 1 the ladder data is wrong or a query has no answer;
2 usage error (including a role name that matches nothing); 130 interrupted;
141 stdout was closed before the whole result was written.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_PIPE_CLOSED = 141


class PmpathError(Exception):
    """An error with a message for stderr and an exit code, and optionally a
    hint: a line of its own after the message, on what to do next."""

    exit_code = EXIT_DATA
    hint = ""

    def __init__(self, *args: object, hint: str = "") -> None:
        super().__init__(*args)
        if hint:
            self.hint = hint

    def in_one_line(self) -> str:
        """The message and its hint as one sentence after another, for a
        place with one line to give (a question asked again, a file's error)."""
        return f"{self}. {self.hint}" if self.hint else str(self)


class UsageProblem(PmpathError):
    exit_code = EXIT_USAGE


class PipeClosed(PmpathError):
    """The reader of stdout went away (`pmpath list | head -1`): exit quietly."""

    exit_code = EXIT_PIPE_CLOSED


class NoAnswer(PmpathError):
    """A well-formed question about valid data that has no answer."""

    exit_code = EXIT_DATA


@dataclass(frozen=True)
class Problem:
    """One finding about a ladder file, printed as FILE:LINE: message."""

    message: str
    path: tuple[str | int, ...] = ()
    line: int | None = None
    warning: bool = False

    def format(self, filename: str) -> str:
        where = f"{filename}:{self.line}" if self.line else filename
        kind = "warning: " if self.warning else ""
        return f"{where}: {kind}{self.message}"


class LadderError(PmpathError):
    """The ladder file cannot be used; carries every problem found."""

    exit_code = EXIT_DATA

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = problems
        super().__init__("\n".join(p.format(filename) for p in problems))


class FileProblem(Exception):
    """A ladder file that cannot be read or parsed at all: one problem."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.problem = Problem(message, line=line)
