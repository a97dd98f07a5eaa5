"""`--show-completion [SHELL]` and `--install-completion [SHELL]`: the
completion script of each shell, and where it is installed.

The shell is the one named, else the one `$SHELL` names (never a guess from
the parent process, which is a terminal, an IDE or `sudo` as often as a
shell). A name is read as its last path part (`/usr/bin/zsh` is zsh).

Each script only asks pmpath for candidates (`_PMPATH_COMPLETE`, answered by
launcher.py or Typer). zsh needs more than Typer's script: zsh itself ships a
completer for an unrelated Perl tool named `pmpath` (`_perl_modules`), and
whichever registers last wins. So the zsh script registers `_pmpath` with
`compdef` when it is sourced (running compinit first if nothing has), and
completes at once when compinit autoloads it from `fpath` instead; the
installer writes it to ~/.zfunc/_pmpath and sources it at the end of
.zshrc (in $ZDOTDIR if set), after any compinit there.

Click's candidates are also corrected here, in one place for every shell
(`_with_global_options`), where Click cannot know better: the global options
also work after the command; bash splits `--format=csv` at the `=`; zsh and
fish put a candidate in place of the whole `--format=m`; and after `--` no
word is an option.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from typer import _completion_classes
from typer._click import Context, Parameter
from typer._click.shell_completion import CompletionItem, ShellComplete
from typer._completion_classes import completion_init
from typer._completion_shared import get_completion_script, install_powershell

from pmpath.cli import grammar
from pmpath.cli.launcher import COLOR, COLOR_MODES, GLOBAL_OPTIONS_WITH_VALUE, NO_PAGER, bash_words_as_typed
from pmpath.errors import UsageProblem
from pmpath.output.terminal import write_stdout

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
OPTIONS = ("--install-completion", "--show-completion")
PROG_NAME = "pmpath"
GLOBAL_OPTIONS = (*GLOBAL_OPTIONS_WITH_VALUE, NO_PAGER)

# Typer's completion classes (the answer formats its scripts expect) are
# registered by Typer only for its own completion options, which pmpath replaces.
completion_init()


def _help_on_one_line(text: str) -> str:
    """A candidate's help as zsh and fish show it: Typer's own version
    renders it on a Rich console, which wraps it at the terminal's width, and
    fish reads each line it prints as another candidate."""
    from rich.text import Text

    return " ".join(Text.from_markup(text).plain.split())


_completion_classes._sanitize_help_text = _help_on_one_line


def _command(cli: Any, args: list[str]) -> Any:
    """The command the words before the cursor name, past any global options
    and their values; None before the command."""
    words = iter(args)
    for word in words:
        if word in GLOBAL_OPTIONS_WITH_VALUE:
            next(words, None)
        elif word.partition("=")[0] not in GLOBAL_OPTIONS:
            return getattr(cli, "commands", {}).get(word)
    return None


def _takes_a_value(cli: Any, args: list[str], option: str) -> bool:
    if option in GLOBAL_OPTIONS_WITH_VALUE:
        return True
    command = _command(cli, args)
    return any(
        param.param_type_name == "option" and not param.is_flag and not param.count and option in param.opts
        for param in (command or cli).params
    )


def _global_options(cli: Any, args: list[str], incomplete: str) -> list[CompletionItem]:
    """The global options not given yet, for an option typed after the
    command: they work there too, but the command's own parameters know
    nothing of them."""
    given = {word.partition("=")[0] for word in args}
    return [
        CompletionItem(name, help=param.help)
        for param in cli.params
        for name in param.opts
        if name in GLOBAL_OPTIONS and name not in given and name.startswith(incomplete)
    ]


def _with_global_options(get_completions: Any) -> Any:
    def completions(self: ShellComplete, args: list[str], incomplete: str) -> list[CompletionItem]:
        if "--" in args:
            # Every word after it is an argument: no option, and nothing
            # Click would make of a word like one (`--x=se` split at its `=`).
            items = get_completions(self, args, incomplete)
            return [item for item in items if item.value[:1] != "-" and incomplete[:1] != "-"]
        if incomplete[:1] == "-" and incomplete[:2] != "--" and "=" in incomplete:
            return []  # `-f=csv` gives -f the value `=csv`: no value completes it
        option, prefix = None, ""
        if self.name == "bash":
            args, incomplete, is_a_value = bash_words_as_typed(args, incomplete)
            option = args[-1] if is_a_value else None
        if incomplete.startswith("--") and "=" in incomplete:
            # zsh and fish (and bash without `=` in COMP_WORDBREAKS) put a
            # candidate in place of the whole `--format=m`.
            option, _, incomplete = incomplete.partition("=")
            args, prefix = [*args, option], f"{option}="
        if option is not None and ("=" in option or not _takes_a_value(self.cli, args[:-1], option)):
            return []  # a flag's or an unknown option's, or `--ladder=a=b`: no value offered
        items = _candidates(self, get_completions, args, incomplete)
        # The prefix is the name of one of pmpath's options, never text as typed.
        return [CompletionItem(prefix + item.value, item.type, help=item.help) for item in items]

    return completions


def _candidates(
    self: ShellComplete, get_completions: Any, args: list[str], incomplete: str
) -> list[CompletionItem]:
    if args and args[-1] in GLOBAL_OPTIONS_WITH_VALUE:
        # The value of a global option, wherever it is given: the command's
        # own parameters know nothing of them after the command.
        if args[-1] == COLOR:
            return [CompletionItem(mode) for mode in COLOR_MODES if mode.startswith(incomplete)]
        return []  # a ladder file: the shell's own file names
    items = list(get_completions(self, args, incomplete))
    if incomplete.startswith("-") and _command(self.cli, args) is not None:
        offered = {item.value for item in items}
        items += [item for item in _global_options(self.cli, args, incomplete) if item.value not in offered]
    return items


ShellComplete.get_completions = _with_global_options(ShellComplete.get_completions)  # type: ignore[method-assign]

ZSH_SCRIPT = """\
#compdef pmpath
# pmpath completion for zsh. zsh ships a completer for another program named
# pmpath (_perl_modules); compdef below makes this one win.

_pmpath() {
  local answer
  answer="$(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" %(var)s=complete_zsh pmpath)"
  # A file name after `--ladder=`: complete what follows the first `=`.
  [[ $answer == _files && $PREFIX == (%(file_options)s)=* ]] && compset -P 1 '*='
  eval "$answer"
}

if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
  # autoloaded by compinit from $fpath: this call is a completion
  _pmpath "$@"
else
  (( $+functions[compdef] )) || { autoload -Uz compinit && compinit -i }
  compdef _pmpath pmpath
fi
"""


def shell_name(given: str | None, environ: Mapping[str, str] | None = None, option: str = OPTIONS[0]) -> str:
    """The shell named by `given`, else by $SHELL; a usage error when
    neither names one pmpath completes for (its hint shows `option`)."""
    environ = os.environ if environ is None else environ
    source = given if given else environ.get("SHELL", "")
    name = source.rstrip("/").rpartition("/")[2].lower()
    if name in SHELLS:
        return name
    choices = ", ".join(SHELLS[:3])
    if given:
        message = f"no completion for the shell {given!r}: name one of {choices}"
    elif source:
        message = f"no completion for the shell in $SHELL ({source}): name one of {choices}"
    else:
        message = f"$SHELL is not set, so name the shell: {choices}"
    raise UsageProblem(message, hint=f"For example: pmpath {option} bash")


def script(shell: str) -> str:
    """The completion script for a shell, ending with a newline."""
    if shell == "zsh":
        return ZSH_SCRIPT % {"var": grammar.COMPLETE_VAR, "file_options": "|".join(grammar.FILE_OPTIONS)}
    text = get_completion_script(prog_name=PROG_NAME, complete_var=grammar.COMPLETE_VAR, shell=shell)
    return text + "\n"


def _append_line(rc_path: Path, lines: list[str]) -> None:
    content = rc_path.read_text(encoding="utf-8") if rc_path.is_file() else ""
    missing = [line for line in lines if line not in content]
    if not missing:
        return
    if content and not content.endswith("\n"):
        content += "\n"
    rc_path.parent.mkdir(parents=True, exist_ok=True)
    rc_path.write_text(content + "".join(f"{line}\n" for line in missing), encoding="utf-8")


def install(shell: str, home: Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """Install the script for a shell where that shell reads it (zsh's
    start-up file is in $ZDOTDIR, fish's folder in $XDG_CONFIG_HOME); the
    path of the script."""
    home = Path.home() if home is None else home
    environ = os.environ if environ is None else environ
    zdotdir = environ.get("ZDOTDIR")
    config = environ.get("XDG_CONFIG_HOME", "")
    config_home = Path(config) if os.path.isabs(config) else home / ".config"  # as the spec: absolute only
    if shell in ("powershell", "pwsh"):
        return install_powershell(prog_name=PROG_NAME, complete_var=grammar.COMPLETE_VAR, shell=shell)
    if shell == "bash":
        path = home / ".bash_completions" / f"{PROG_NAME}.sh"
        rc_lines = [f"source {shlex.quote(str(path))}"]
        rc_path = home / ".bashrc"
    elif shell == "zsh":
        path = home / ".zfunc" / f"_{PROG_NAME}"
        rc_lines = [f"source {shlex.quote(str(path))}"]
        rc_path = (Path(zdotdir) if zdotdir else home) / ".zshrc"
    else:
        path = config_home / "fish" / "completions" / f"{PROG_NAME}.fish"
        rc_lines, rc_path = [], None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script(shell), encoding="utf-8")
    if rc_path is not None:
        _append_line(rc_path, rc_lines)
    return path


def _show(ctx: Context, param: Parameter, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    write_stdout(script(shell_name(value, option=OPTIONS[1])))
    raise typer.Exit(0)


def _install(ctx: Context, param: Parameter, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    shell = shell_name(value)
    path = install(shell)
    write_stdout(f"{shell} completion installed in {path}\nIt takes effect in a new {shell}.\n")
    raise typer.Exit(0)


def with_shell_values(args: list[str]) -> list[str]:
    """args with an empty value ($SHELL's) after either option where no
    shell follows it: Typer's options take a value or none, never either."""
    given: list[str] = []
    for index, arg in enumerate(args):
        if arg == "--":
            return given + args[index:]
        given.append(arg)
        if arg in OPTIONS and (index + 1 == len(args) or args[index + 1].startswith("-")):
            given.append("")
    return given


def _complete_shell(incomplete: str) -> list[str]:
    return [shell for shell in SHELLS[:3] if shell.startswith(incomplete)]


_SHELL_OPTION: dict[str, Any] = {
    "autocompletion": _complete_shell,
    "is_eager": True,
    "expose_value": False,
    "metavar": "[SHELL]",
    "show_default": False,
    "rich_help_panel": None,
}

InstallCompletion = Annotated[
    str | None,
    typer.Option(
        "--install-completion",
        callback=_install,
        help="Install completion for SHELL (bash, zsh or fish), else for the shell $SHELL names.",
        **_SHELL_OPTION,
    ),
]
ShowCompletion = Annotated[
    str | None,
    typer.Option(
        "--show-completion",
        callback=_show,
        help="Print the completion script for SHELL (bash, zsh or fish), else for the shell $SHELL names.",
        **_SHELL_OPTION,
    ),
]
