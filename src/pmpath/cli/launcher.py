"""The `pmpath` entry point, with a fast path for the commonest calls.

pmpath starts on every command and on every TAB of shell completion, and
importing Typer alone takes about 50 ms on a 2-core machine: more than the
whole floor of a Python program that reads YAML (`import yaml, json`). So the
calls whose answer is certain are parsed here and sent straight to
`commands`, by the grammar that grammar_gen.py reads out of the Typer app
(`grammar.py`):

    pmpath [--ladder PATH] COMMAND ARGS... [FLAGS...]
        for each command declared with @runs whose arguments are plain words
        and whose options are boolean flags, in any order (options that take
        a value are left to Typer)
    bash completion of a command name or of a role argument

Anything else (help, --version, `--`, options with values or unknown, a wrong
number of arguments, other commands, zsh and fish completion) goes unchanged
to the Typer app in `app.py`, which stays the reference for parsing, help and
errors; typer_run.py runs it, prints its usage errors in pmpath's own style
and answers completion requests it cannot read with nothing.
tests/test_grammar.py runs generated calls through both and checks that they
print the same thing and exit with the same code.

Closed pipes: whatever path prints, a reader that went away means exit 141
and nothing on stderr. Ctrl-C: main() catches it from its first line, and
this module imports at its top only what the interpreter has loaded before
any script runs, so Ctrl-C during start-up too exits 130, with no traceback.
"""

from __future__ import annotations

# Only modules that every interpreter has loaded before it runs a script: main()
# catches Ctrl-C from its first line, so all else is imported inside it.
import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any, NoReturn

    Call = Callable[[], int]
    Unraisable = Callable[[sys.UnraisableHookArgs], object]

# pmpath.errors.EXIT_INTERRUPTED, needed before anything is imported.
_EXIT_INTERRUPTED = 130
_EXIT_PIPE_CLOSED = 141  # pmpath.errors.EXIT_PIPE_CLOSED


# The global options other than --ladder (see options.py), read here too.
COLOR = "--color"
COLOR_MODES = ("auto", "always", "never")  # options.ColorMode
NO_PAGER = "--no-pager"
GLOBAL_OPTIONS_WITH_VALUE = ("--ladder", COLOR)  # grammar.LADDER_OPTIONS and COLOR


def _split_global(args: list[str], environ: Mapping[str, str]) -> tuple[str | None, list[str]] | None:
    """The ladder (from --ladder or its environment variable) and the words
    after it; None when anything else comes before the command, or when Typer
    would refuse the ladder path."""
    from pmpath.cli import grammar

    ladder = environ.get(grammar.LADDER_ENVVAR) or None
    color, pager = "auto", True
    while args and args[0].startswith("-"):
        name, equals, value = args[0].partition("=")
        if name == NO_PAGER and not equals:
            pager, args = False, args[1:]
            continue
        if name not in grammar.LADDER_OPTIONS and name != COLOR:
            return None
        if not equals:
            if len(args) < 2:
                return None
            value, args = args[1], args[1:]
        if name == COLOR:
            if value not in COLOR_MODES:
                return None  # Typer says which values it takes
            color, args = value, args[1:]
            continue
        if not value:
            return None
        ladder, args = value, args[1:]
    from pmpath.output.terminal import configure

    configure(color, pager)
    # Typer refuses a path that exists but cannot be read, with its own message.
    if ladder is not None and os.path.exists(ladder) and not os.access(ladder, os.R_OK):
        return None
    return ladder, args


def _parse(command: dict[str, Any], words: list[str]) -> list[Any] | None:
    """The values of the command's parameters, in order, or None."""
    flags: dict[str, str] = command["flags"]
    values: dict[str, Any] = dict.fromkeys(flags.values(), False)
    values.update(dict.fromkeys(command["unset"]))  # named in the call, they send it to Typer
    positional = []
    for word in words:
        if word in flags:
            values[flags[word]] = True
        elif word.startswith("-"):
            return None
        else:
            positional.append(word)
    arguments = command["arguments"]
    rest = arguments[-1][0] if arguments and arguments[-1][1] == -1 else None  # takes the remaining words
    single = arguments[:-1] if rest else arguments
    required = sum(1 for _, _, is_required, _ in arguments if is_required)
    if len(positional) < required or (rest is None and len(positional) > len(arguments)):
        return None
    if rest is not None:
        values[rest] = positional[len(single) :]
    for index, (name, _, _, kind) in enumerate(single):
        given = positional[index] if index < len(positional) else None
        if kind == "path" and given is not None:
            # Typer refuses a path that exists but cannot be read, with its own message.
            if os.path.exists(given) and not os.access(given, os.R_OK):
                return None
            from pathlib import Path

            values[name] = Path(given)
        else:
            values[name] = given
    return [values[name] for name in command["parameters"]]


def fast_call(argv: list[str], environ: Mapping[str, str]) -> Call | None:
    """The command to run for argv, or None if Typer should handle it."""
    from pathlib import Path

    from pmpath.cli import grammar

    split = _split_global(hoist_globals(argv), environ)
    if split is None or not split[1]:
        return None
    ladder, (name, *words) = split
    command = grammar.COMMANDS.get(name)
    if command is None or not command["fast"]:
        return None
    values = _parse(command, words)
    if values is None:
        return None
    if command["ladder"]:
        values.insert(0, Path(ladder) if ladder else None)

    def call() -> int:
        from pmpath.cli import commands

        result: int = getattr(commands, command["runs"])(*values)
        return result

    return call


def bash_cursor(environ: Mapping[str, str]) -> int | None:
    """The index of the word under the cursor in a bash request, or None if
    the request lacks its words or its cursor is not a number."""
    try:
        cursor = int(environ["COMP_CWORD"])
    except (KeyError, ValueError):
        return None
    return cursor if "COMP_WORDS" in environ else None


def _bash_words(environ: Mapping[str, str], cursor: int) -> tuple[list[str], str] | None:
    """The words before the cursor and the word under it, as Typer reads them."""
    import shlex

    try:
        words = shlex.split(environ["COMP_WORDS"])
    except ValueError:
        return None  # an open quote, which Typer's own split accepts
    incomplete = words[cursor] if -len(words) <= cursor < len(words) else ""
    before, incomplete, is_a_value = bash_words_as_typed(words[1:cursor], incomplete)
    if is_a_value:
        return None  # the value of an option, after its `=`: Typer's
    return before, "" if incomplete == "=" else incomplete


def bash_words_as_typed(words: list[str], incomplete: str) -> tuple[list[str], str, bool]:
    """bash's words before the cursor as they were typed, the word being
    typed, and whether that word is the value of the long option before it.

    bash splits `--ladder=x.yaml` at the `=` (COMP_WORDBREAKS) into
    `--ladder`, `=`, `x.yaml`, and Click would read the `=` as the option's
    value; so each long option's value is joined to it again. Words from `--`
    on are arguments, left as they are."""
    joined: list[str] = []
    for index, word in enumerate(words):
        if word == "--":
            return joined + words[index:], incomplete, False
        after_option = bool(joined) and joined[-1].startswith("--")
        if after_option and (word == "=" or joined[-1].endswith("=")):  # `--ladder=a=b.yaml` too
            joined[-1] += word
        else:
            joined.append(word)
    if joined and joined[-1].startswith("--") and joined[-1].endswith("="):
        joined[-1] = joined[-1][:-1]  # `--format=cs`: the value is the word being typed
        return joined, incomplete, True
    if incomplete == "=" and joined and joined[-1].startswith("--"):
        return joined, "", True  # the cursor on the `=`
    return joined, incomplete, False


def _candidates(ladder: str | None, before: list[str], incomplete: str) -> Callable[[], list[str]] | None:
    """What completes `incomplete` after the words `before`, to be computed
    when called; None when Typer should answer."""
    from pmpath.cli import grammar

    if incomplete.startswith("-"):
        return None  # option names: Typer's (all of them start with "-")
    if not before:
        return lambda: [name for name in grammar.COMPLETED_COMMANDS if name.startswith(incomplete)]
    command = grammar.COMMANDS.get(before[0])
    if command is None:
        return None
    given = 0
    for word in before[1:]:
        if word.startswith("-") and word not in command["flags"]:
            return None  # an option value may be under the cursor: Typer's
        given += word not in command["flags"]
    arguments = command["arguments"]
    if given < len(arguments):
        kind = arguments[given][3]
    elif arguments and arguments[-1][1] == -1:  # it takes any number of words
        kind = arguments[-1][3]
    else:
        return list  # every argument is given: nothing
    if kind == "role":
        return lambda: _role_names(ladder, incomplete)
    return list if kind == "text" else None


def _role_names(ladder: str | None, incomplete: str) -> list[str]:
    from pathlib import Path

    from pmpath.cli.completion import role_candidates

    return [name for name, _ in role_candidates(Path(ladder) if ladder else None, incomplete)]


def fast_completion(environ: Mapping[str, str]) -> Call | None:
    """Answer bash's request to complete a command or role name, or None."""
    from pmpath.cli import grammar

    cursor = bash_cursor(environ)
    if environ.get(grammar.COMPLETE_VAR) != "complete_bash" or cursor is None:
        return None
    read = _bash_words(environ, cursor)
    split = None if read is None else _split_global(hoist_globals(read[0]), environ)
    if read is None or split is None or (read[0] and read[0][-1] in GLOBAL_OPTIONS_WITH_VALUE):
        return None  # Typer completes a global option's value, even a word that is another's value
    candidates = _candidates(split[0], split[1], read[1])
    if candidates is None:
        return None

    def complete() -> int:
        from pmpath.output.terminal import write_stdout

        write_stdout("\n".join(candidates()) + "\n")
        return 0

    return complete


def typer_main() -> int:
    """Run the Typer app on sys.argv and return its exit code (typer_run.py)."""
    from pmpath.cli.typer_run import run_app

    return run_app()  # its group moves global options given after the command (app.py)


def run(call: Call) -> int:
    try:
        from pmpath.errors import PmpathError
        from pmpath.output.terminal import cannot_write, print_error

        try:
            return call()
        except PmpathError as error:
            print_error(error)  # silent for PipeClosed
            return error.exit_code
    except BrokenPipeError as error:  # stderr closed, or stdout outside write_stdout
        return cannot_write(error).exit_code
    except KeyboardInterrupt:
        return _EXIT_INTERRUPTED


def main() -> None:
    """The console script. From its first line on, Ctrl-C (even while modules
    are still loading) ends the program with exit 130 and no traceback."""
    hook = sys.unraisablehook
    sys.unraisablehook = _exit_if_interrupted(hook)
    try:
        code = _closed_streams()
        if code is None:
            _never_fail_to_encode()
            code = _start(sys.argv[1:], os.environ)
    except KeyboardInterrupt:
        code = _EXIT_INTERRUPTED
    except MemoryError:
        # Results are printed only once complete, so nothing was half-written;
        # what filled the memory is released by now, so the message fits.
        sys.stderr.write(
            "pmpath: error: this command needs more memory than the system gives it "
            "(a ladder that large or dense is beyond it)\n"
        )
        code = 1
    finally:
        sys.unraisablehook = hook
    sys.exit(code)


def console() -> NoReturn:
    """The console script: `main`, then an exit that skips tearing down the
    heap. Freeing the ladder's and Rich's objects one by one cost `show` a
    tenth of its time, and the process ends anyway: what pmpath writes is on
    its descriptors by then, and nothing of it waits on `atexit`."""
    try:
        main()
        code: object = 0
    except SystemExit as done:
        code = done.code
    status = code if isinstance(code, int) else 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:  # as at a normal exit: the reader left early
            status = status or _EXIT_PIPE_CLOSED
        except (OSError, ValueError):
            pass
    os._exit(status)


def _closed_streams() -> int | None:
    """Started with stderr closed (`2>&-`), messages are dropped; with stdout
    closed (`>&-`) there is nowhere for a result to go: exit 1 at once."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stdout is None:
        sys.stderr.write("pmpath: error: cannot write the output: stdout is closed\n")
        return 1
    return None


_FAILING_HANDLERS = ("strict", "surrogateescape", "surrogatepass")


def _never_fail_to_encode() -> None:
    """A terminal or pipe that is not UTF-8 (`PYTHONIOENCODING=ascii`, say)
    gets what it cannot encode as \\u escapes, never a UnicodeEncodeError.
    They are JSON's own escapes (astral characters as surrogate pairs), so
    `--json` output stays valid JSON of the same text."""
    import codecs

    codecs.register_error("pmpath-u-escape", _u_escape)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        # surrogateescape (the C locale) and surrogatepass fail on other characters
        # too; lone surrogates never reach a stream (see output/escape.py).
        if reconfigure is not None and getattr(stream, "errors", None) in _FAILING_HANDLERS:
            reconfigure(errors="pmpath-u-escape")


def _u_escape(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escapes = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escapes.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escapes.append(f"\\u{code:04x}")
    return "".join(escapes), error.end


def _exit_if_interrupted(hook: Unraisable) -> Unraisable:
    """Ctrl-C that lands in code Python calls on its own (a weakref callback
    of the import system, a __del__) cannot propagate: Python would print it
    as ignored and carry on. Exit as asked instead; nothing is left to undo."""

    def handle(unraisable: sys.UnraisableHookArgs) -> object:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            os._exit(_EXIT_INTERRUPTED)
        return hook(unraisable)

    return handle


def _start(argv: list[str], environ: Mapping[str, str]) -> int:
    from pmpath.cli import grammar

    # An empty value is no request, as Typer reads it.
    completing = bool(environ.get(grammar.COMPLETE_VAR))
    call = fast_completion(environ) if completing else fast_call(argv, environ)
    return run(call or typer_main)


def hoist_globals(argv: list[str], dangling: list[str] | None = None) -> list[str]:
    """argv with the global options (`--ladder PATH`, `--color WHEN`, either
    also with `=`, and `--no-pager`) given after the command moved in front
    of it, where Typer takes them: `pmpath list --ladder x.yaml` is `pmpath
    --ladder x.yaml list`. Words after `--`, and the value of an option of the
    command, are left where they are; one given last without its value is
    left there too, and added to `dangling` if given."""
    from pmpath.cli import grammar

    with_value = GLOBAL_OPTIONS_WITH_VALUE
    front: list[str] = []
    index = 0
    while index < len(argv) and argv[index].startswith("-"):  # the options before the command
        word = argv[index]
        if word == "--":
            return argv
        index += 2 if word in with_value else 1
    if index >= len(argv):
        return argv
    command = grammar.COMMANDS.get(argv[index])
    if command is None:
        return argv
    valued = set(command["options"])
    rest: list[str] = []
    words = iter(argv[index + 1 :])
    for word in words:
        name = word.partition("=")[0]
        if word == "--":
            rest.append(word)
            rest.extend(words)
        elif word in with_value:
            value = next(words, None)
            if value is None:
                rest.append(word)
                if dangling is not None:
                    dangling.append(word)
            else:
                front.extend([word, value])
        elif name in with_value or word == NO_PAGER:
            front.append(word)
        elif word in valued:
            rest.append(word)
            following = next(words, None)
            if following is not None:
                rest.append(following)
        else:
            rest.append(word)
    if not front:
        return argv
    return [*argv[:index], *front, argv[index], *rest]
