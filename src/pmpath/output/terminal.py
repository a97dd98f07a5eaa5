"""Writing results and messages: the one boundary between pmpath and a terminal.

Rich is imported only inside `print_human` and `make_console`, so the `--json`
path and shell completion never pay for it. Every untrusted string bound for
a terminal is escaped by the functions here (see `escape.py`): whole results
before a Rich view sees them, whole texts for messages, reports and exports.
`assess` prints its questions through `make_console` and `inert_copy` too.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from pmpath.errors import LadderError, PipeClosed, PmpathError
from pmpath.output.escape import escape_controls, escape_line, inert_copy, text_mapped_copy

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

R = TypeVar("R")


def silence(stderr_too: bool = True) -> None:
    """Point stdout (and stderr) at devnull once a reader has gone away, so
    that the interpreter's final flush prints no "Exception ignored" line."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr) if stderr_too else (sys.stdout,):
            os.dup2(devnull, stream.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def write_stdout(text: str, utf8: bool = False) -> None:
    """Write a whole result at once, so an error never leaves half of one.

    On a real file descriptor the bytes are written in a loop until all are
    out: a non-blocking or unbuffered stdout may take only part of a write,
    and Python's text layer would drop the rest without a word."""
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):  # a stream in memory (tests)
        fd = -1
    try:
        if fd < 0:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            sys.stdout.flush()
            encoding = "utf-8" if utf8 else sys.stdout.encoding or "utf-8"
            _write_all(fd, text.encode(encoding, "strict" if utf8 else sys.stdout.errors or "strict"))
    except OSError as error:  # a full disk (/dev/full), an I/O error
        raise cannot_write(error) from None


def cannot_write(error: OSError) -> PmpathError:
    """The error for a failed write; the stream is silenced either way, so
    that the interpreter's last flush adds no traceback."""
    closed = isinstance(error, BrokenPipeError)
    silence(stderr_too=closed)  # a closed pipe ends quietly; other failures say why
    if closed:
        return PipeClosed()
    return PmpathError(f"cannot write the output: {error.strerror or error}")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except BlockingIOError:  # a non-blocking pipe that is full: wait until it drains
            import select

            select.select([], [fd], [])
            continue
        view = view[written:]


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


class _Settings:
    """What the global options asked for: `--color` and `--no-pager`. Set by
    the Typer callback or the launcher's fast path before a command runs."""

    color = "auto"
    pager = True


def configure(color: str = "auto", pager: bool = True) -> None:
    _Settings.color = color
    _Settings.pager = pager


# Same-width ASCII stand-ins for the marks pmpath draws, for a stdout that
# cannot encode them (PYTHONIOENCODING=ascii, a latin-1 terminal): the
# layout Rich computed stays as it was. Other text falls back to its letter
# without accents where it has one, else to its escape (fit_encoding).
_FALLBACKS = {
    "▲": "^",
    "▼": "v",
    "☐": "-",
    "☑": "+",
    "→": ">",
    "←": "<",
    "↑": "^",
    "↓": "v",
    "↔": "=",
    "◦": "o",
    # progress's sparkline, lowest to highest
    "▁": "_",
    "▂": ".",
    "▃": ":",
    "▄": "-",
    "▅": "=",
    "▆": "+",
    "▇": "*",
    "█": "#",
    "·": "-",
    "•": "*",
    "…": "~",
    "—": "-",
    "\u2013": "-",  # en dash
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "✓": "+",
    "✗": "x",
}


def _fallback(char: str) -> str:
    known = _FALLBACKS.get(char)
    if known is not None:
        return known
    import unicodedata

    code = ord(char)
    if 0x2500 <= code <= 0x257F:  # box drawing
        name = unicodedata.name(char, "")
        if "HORIZONTAL" in name and "VERTICAL" not in name:
            return "-"
        if "VERTICAL" in name and "HORIZONTAL" not in name:
            return "|"
        return "+"
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 and base.isascii() else char


def fit_encoding(text: str, encoding: str | None) -> str:
    """`text` with each character that `encoding` cannot encode replaced by
    its ASCII stand-in where it has one, else by its escape (\u6f22)."""
    if not encoding:
        return text
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    except LookupError:
        return text
    out = []
    for char in text:
        try:
            char.encode(encoding)
            out.append(char)
        except UnicodeEncodeError:
            stand_in = _fallback(char)
            out.append(stand_in if stand_in != char else char.encode("ascii", "backslashreplace").decode())
    return "".join(out)


def _stream_encoding(stream: object) -> str | None:
    encoding = getattr(stream, "encoding", None)
    return encoding if isinstance(encoding, str) else None


def write_human(text: str) -> None:
    """Output for people: glyphs the stream cannot show become ASCII, and a
    long text on a terminal goes through the pager."""
    text = fit_encoding(text, _stream_encoding(sys.stdout))
    if not page(text):
        write_stdout(text)


def pager_command(environ: dict[str, str] | None = None) -> str | None:
    """PMPATH_PAGER, then PAGER, else `less -FRX`; None for an empty value
    or `cat`, as git reads them."""
    env = os.environ if environ is None else environ
    for name in ("PMPATH_PAGER", "PAGER"):
        if name in env:
            command = env[name].strip()
            return None if command in ("", "cat") else command
    return "less -FRX"


def _wants_pager(text: str) -> bool:
    if not _Settings.pager or not stdout_is_terminal():
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        rows = os.get_terminal_size(sys.stdout.fileno()).lines
    except (OSError, ValueError, AttributeError):
        return False
    return rows > 0 and text.count("\n") >= rows


def page(text: str) -> bool:
    """Show `text` through the pager when it is longer than the terminal;
    False when it was not shown (no terminal, short, or no pager to run)."""
    if not _wants_pager(text):
        return False
    command = pager_command()
    if command is None:
        return False
    import shlex
    import signal
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # as git: quit if one screen, keep colours, leave the screen
    env.setdefault("LV", "-c")
    try:
        args: str | list[str] = shlex.split(command)
    except ValueError:
        args = command
    shell = isinstance(args, str) or any(c in command for c in "|&;<>()$`\\\"'*?[]#~=%")
    try:
        process = subprocess.Popen(command if shell else args, shell=shell, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False  # no such pager: print directly
    encoding = sys.stdout.encoding or "utf-8"
    data = text.encode(encoding, sys.stdout.errors or "strict")
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's, as in git
    try:
        assert process.stdin is not None
        try:
            process.stdin.write(data)
            process.stdin.close()
        except BrokenPipeError:  # the reader quit early: done
            pass
        code = process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return not (shell and code == 127)  # the shell found no such pager: print directly


def write_data(text: str) -> None:
    """A file format made from untrusted data (an export): exact when piped or
    saved, and then in UTF-8 whatever the locale (an escape put in by a
    narrower encoding would change the data); escaped when a person reads it
    on a terminal. There a CR before a newline (CSV's line ends) is dropped,
    since it moves nothing; any other CR is shown as \\x0d, not obeyed."""
    if stdout_is_terminal():
        write_stdout(escape_controls(text.replace("\r\n", "\n")))
    else:
        write_stdout(text, utf8=True)


def write_lines(lines: list[str]) -> None:
    """Plain human output (`validate`'s report): always escaped, one line each."""
    write_human("".join(escape_line(line) + "\n" for line in lines))


def print_error(error: PmpathError) -> None:
    if isinstance(error, PipeClosed):
        return
    # Every error the same way: `pmpath: error: ...`, then any hint on a line of its own.
    if isinstance(error, LadderError):
        lines = [f"pmpath: error: {p.format(error.filename)}" for p in error.problems]
        lines.extend([error.hint] if error.hint else [])
    else:
        lines = [f"pmpath: error: {error}", *([error.hint] if error.hint else [])]
    _write_stderr("".join(escape_line(line) + "\n" for line in lines))
    sys.stderr.flush()


def print_message(message: str) -> None:
    """A note for the person, not a result: stderr."""
    _write_stderr(escape_line(message) + "\n")


def _write_stderr(text: str) -> None:
    sys.stderr.write(fit_encoding(text, _stream_encoding(sys.stderr)))


def color_enabled(no_color_flag: bool) -> bool:
    """`--no-color` or `--color never`: off; `--color always`: on. Else
    NO_COLOR (any non-empty value) turns it off, then FORCE_COLOR (any
    non-empty value) on, even into a pipe; else colour on a terminal that
    is not TERM=dumb."""
    if no_color_flag or _Settings.color == "never":
        return False
    if _Settings.color == "always":
        return True
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return stdout_is_terminal()


def _usable_width() -> int | None:
    """None to let Rich read the width, unless COLUMNS is set to something
    that is not a width (Rich would draw at `COLUMNS=0` nothing at all):
    then the terminal's, or 80."""
    columns = os.environ.get("COLUMNS")
    if columns is None or (columns.isdigit() and int(columns) > 0):
        return None
    import shutil  # only here: it imports the compression modules, ~5 ms

    return shutil.get_terminal_size().columns


def make_console(no_color: bool) -> Console:
    """A console that never reads markup or emoji codes in text."""
    from rich.console import Console

    colour = color_enabled(no_color)
    plain = functools.partial(
        Console, file=sys.stdout, width=_usable_width(), highlight=False, markup=False, emoji=False
    )
    console = plain(
        force_terminal=colour or None,
        color_system="auto" if colour else None,
        no_color=not colour,  # decided here: Rich's own reading of NO_COLOR would overrule --color always
    )
    if colour and console.color_system is None:  # TERM=dumb or unset with --color always
        console = plain(force_terminal=True, color_system="standard", no_color=False)
    return console


def print_human(view: Callable[[R], RenderableType], result: R, no_color: bool) -> None:
    """Render `view(result)` with Rich into a string, then write it in one
    piece. The view sees only an escaped copy of the result."""
    console = make_console(no_color)
    shown = inert_copy(result)
    encoding = _stream_encoding(sys.stdout)
    if encoding and not encoding.lower().replace("-", "").startswith("utf"):
        # What the output cannot encode is replaced before the layout, so
        # that Rich measures the escape (\u6f22) and not the character.
        shown = text_mapped_copy(shown, lambda text: fit_encoding(text, encoding))
    try:
        with console.capture() as captured:
            console.print(view(shown))
    except OSError as error:  # Rich flushes the stream it was given when a capture ends
        raise cannot_write(error) from None
    write_human(strip_line_ends(captured.get()))


_STYLE_CODE = re.compile(r"\x1b\[[0-9;]*m")


def strip_line_ends(text: str) -> str:
    """TEXT without the spaces that end its lines (Rich pads every line of a
    table or a padded block out to its width); the style codes among them
    stay, so that a style still ends where it did."""
    return "\n".join(_strip_line_end(line) for line in text.split("\n"))


def _strip_line_end(line: str) -> str:
    # Walked back from the end, in one pass: a pattern anchored at the line's
    # end would be tried again at every space of a long run of them.
    end = len(line)
    while end:
        if line[end - 1] in " \t":
            end -= 1
            continue
        start = line.rfind("\x1b[", 0, end) if line[end - 1] == "m" else -1
        if start < 0 or not _STYLE_CODE.fullmatch(line, start, end):
            break
        end = start
    if end == len(line):
        return line
    return line[:end] + "".join(_STYLE_CODE.findall(line, end))
