"""Completion as people get it: `--show-completion SHELL` and
`--install-completion [SHELL]` through the installed entry point, then TAB
in real bash, zsh and fish on a pseudo-terminal, each started in a new home
where only `pmpath --install-completion` has written anything.

A shell that is missing here is skipped; .ci/run installs all three."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pexpect  # type: ignore[import-untyped]
import pytest

from tests.conftest import installed_script

SHELLS = ("bash", "zsh", "fish")
SENIOR_ROLES = ("senior-pm", "senior-growth-pm", "senior-data-pm", "senior-technical-pm", "senior-ai-pm")
COMMANDS = ("list", "next", "compare", "tree", "search", "match")  # none within the typed text
PROMPT = "READY> "


def environment(home: Path, shell: str = "") -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PMPATH_", "_PMPATH"))}
    bin_dir = str(Path(installed_script()).parent)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        ZDOTDIR=str(home),
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        SHELL=shell,
        TERM="xterm",
        LANG="C.UTF-8",
    )
    return env


def pmpath(home: Path, *args: str, shell: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [installed_script(), *args], capture_output=True, text=True, env=environment(home, shell), timeout=60
    )


@pytest.mark.parametrize("shell", SHELLS)
def test_show_completion_prints_the_named_shells_script(tmp_path: Path, shell: str) -> None:
    named = pmpath(tmp_path, "--show-completion", shell, shell="/bin/bash")
    assert (named.returncode, named.stderr) == (0, "")
    marker = {"bash": "complete -o default -F", "zsh": "compdef _pmpath pmpath", "fish": "complete --command"}
    assert marker[shell] in named.stdout
    for other in SHELLS:
        if other != shell:
            assert marker[other] not in named.stdout
    from_env = pmpath(tmp_path, "--show-completion", shell=f"/usr/bin/{shell}")
    assert from_env.stdout == named.stdout


def test_an_unknown_shell_is_a_usage_error(tmp_path: Path) -> None:
    result = pmpath(tmp_path, "--show-completion", "tcsh")
    assert result.returncode == 2
    assert result.stderr.startswith("pmpath: error: no completion for the shell 'tcsh'")
    unset = pmpath(tmp_path, "--install-completion", shell="")
    assert unset.returncode == 2
    assert "name the shell" in unset.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("shell", SHELLS)
def test_install_completion_uses_the_argument_else_shell(tmp_path: Path, shell: str) -> None:
    by_name = pmpath(tmp_path / "a", "--install-completion", shell, shell="/bin/sh")
    by_env = pmpath(tmp_path / "b", "--install-completion", shell=f"/usr/bin/{shell}")
    for result, home in ((by_name, tmp_path / "a"), (by_env, tmp_path / "b")):
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"{shell} completion installed in {home}")
    script = pmpath(tmp_path, "--show-completion", shell).stdout
    installed = {
        "bash": ".bash_completions/pmpath.sh",
        "zsh": ".zfunc/_pmpath",
        "fish": ".config/fish/completions/pmpath.fish",
    }[shell]
    assert (tmp_path / "a" / installed).read_text() == script
    # Installing twice adds nothing more to the shell's start-up file.
    again = pmpath(tmp_path / "a", "--install-completion", shell)
    assert again.returncode == 0
    rc = {"bash": ".bashrc", "zsh": ".zshrc", "fish": None}[shell]
    if rc:
        assert (tmp_path / "a" / rc).read_text().count("source ") == 1


@pytest.mark.parametrize("shell", ("bash", "zsh"))
def test_the_start_up_line_sources_the_script_from_any_home(tmp_path: Path, shell: str) -> None:
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    home = tmp_path / "it's $HOME; `x`"
    assert pmpath(home, "--install-completion", shell).returncode == 0
    rc = home / f".{shell}rc"
    check = {"bash": "complete -p pmpath", "zsh": "print -r -- $_comps[pmpath]"}[shell]
    done = subprocess.run(
        [shell, "-c", f"source {shlex.quote(str(rc))} && {check}"],
        capture_output=True,
        text=True,
        env=environment(home, shell),
        timeout=60,
    )
    assert done.stderr == ""
    assert "_pmpath" in done.stdout


def test_install_follows_zdotdir_and_xdg_config_home(tmp_path: Path) -> None:
    env = {
        **environment(tmp_path),
        "ZDOTDIR": str(tmp_path / "zdot"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
    }
    for shell in ("zsh", "fish"):
        done = subprocess.run(
            [installed_script(), "--install-completion", shell],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert (done.returncode, done.stderr) == (0, "")
    assert "source " in (tmp_path / "zdot" / ".zshrc").read_text()
    assert not (tmp_path / ".zshrc").exists()
    assert (tmp_path / "xdg" / "fish" / "completions" / "pmpath.fish").is_file()


def test_the_hint_names_the_option_given(tmp_path: Path) -> None:
    shown = pmpath(tmp_path, "--show-completion", "tcsh")
    assert shown.stderr.splitlines()[1] == "For example: pmpath --show-completion bash"
    installed = pmpath(tmp_path, "--install-completion", "tcsh")
    assert installed.stderr.splitlines()[1] == "For example: pmpath --install-completion bash"


def _spawn(shell: str, home: Path) -> pexpect.spawn:
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    installed = pmpath(home, "--install-completion", shell)
    assert installed.returncode == 0, installed.stderr
    env = environment(home, shell)
    if shell == "bash":
        argv = ["bash", "-i"]
        (home / ".bashrc").write_text(
            (home / ".bashrc").read_text() + f"PS1='{PROMPT}'\nbind 'set show-all-if-ambiguous on'\n"
        )
    elif shell == "zsh":
        argv = ["zsh", "-i"]
        (home / ".zshrc").write_text(
            (home / ".zshrc").read_text() + f"PROMPT='{PROMPT}'\nunsetopt BEEP LIST_AMBIGUOUS\n"
        )
    else:
        argv = ["fish", "-i"]
        config = home / ".config" / "fish" / "config.fish"
        config.write_text(f"function fish_prompt; printf '{PROMPT}'; end\nset -g fish_greeting\n")
    child = pexpect.spawn(argv[0], argv[1:], env=env, cwd=str(home), encoding="utf-8", timeout=20)
    child.setwinsize(40, 200)
    child.expect_exact(PROMPT)
    return child


def _offered(child: pexpect.spawn, typed: str, expected: tuple[str, ...]) -> str:
    """What the screen shows after `typed` and TAB, once every
    expected word has appeared (or the timeout has passed)."""
    child.send(typed + "\t")  # one TAB lists them all (bash: show-all-if-ambiguous)
    seen = ""
    for _ in range(40):  # up to 20 s for the shell to draw the candidates
        child.expect([pexpect.TIMEOUT, pexpect.EOF], timeout=0.5)
        seen = child.before or ""  # on a timeout, all that has come so far
        if all(word in _plain(seen) for word in expected):
            child.expect([pexpect.TIMEOUT, pexpect.EOF], timeout=1)  # the shell finishes drawing
            break
    child.sendcontrol("c")
    child.expect_exact(PROMPT)
    return _plain(seen)


def _plain(screen: str) -> str:
    """The text of terminal output, without its escape sequences."""
    return re.sub(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|\([0-9A-Za-z]|[=>78])", "", screen)


@pytest.mark.parametrize("shell", SHELLS)
def test_tab_completes_roles_and_commands_in_a_real_shell(tmp_path: Path, shell: str) -> None:
    child = _spawn(shell, tmp_path)
    try:
        roles = _offered(child, "pmpath show se", SENIOR_ROLES)
        assert all(role in roles for role in SENIOR_ROLES), roles
        commands = _offered(child, "pmpath ", COMMANDS)
        assert all(command in commands for command in COMMANDS), commands
        topics = _offered(child, "pmpath help s", ("show", "search", "schema"))
        assert all(command in topics for command in ("show", "search", "schema")), topics
        assert "senior-pm" not in topics
    finally:
        child.close(force=True)


@pytest.mark.parametrize("shell", SHELLS)
def test_tab_completes_after_an_option_with_its_value_joined(tmp_path: Path, shell: str) -> None:
    # bash splits `--color=never` at the `=`; the role is still what completes.
    child = _spawn(shell, tmp_path)
    try:
        roles = _offered(child, "pmpath --color=never show se", SENIOR_ROLES)
        assert all(role in roles for role in SENIOR_ROLES), roles
        formats = _offered(child, "pmpath export --format=m", ("markdown", "mermaid"))
        assert "markdown" in formats and "mermaid" in formats, formats
        globals_after = _offered(child, "pmpath show --no-", ("--no-color", "--no-pager"))
        assert "--no-color" in globals_after and "--no-pager" in globals_after, globals_after
        (tmp_path / "our-ladder.yaml").write_text("roles: []\n")
        files = _offered(child, "pmpath --ladder=our-l", ("--ladder=our-ladder.yaml",))
        assert "--ladder=our-ladder.yaml" in files, files
        if shell == "zsh":  # bash and fish offer file names for anything they are not given
            (tmp_path / "d=1").mkdir()
            (tmp_path / "d=1" / "our-ladder.yaml").write_text("roles: []\n")
            inner = _offered(child, "pmpath --ladder=d=1/our-l", ("--ladder=d=1/our-ladder.yaml",))
            assert "--ladder=d=1/our-ladder.yaml" in inner, inner
            assert "our-ladder.yaml" not in _offered(child, "pmpath show --json=our", ())
    finally:
        child.close(force=True)


@pytest.mark.parametrize("shell", ("zsh", "fish"))
def test_each_candidate_is_one_line_on_a_narrow_terminal(tmp_path: Path, shell: str) -> None:
    # Help beside a candidate was wrapped at the terminal's width, and fish
    # offered each wrapped piece ("it leads.") as a candidate of its own.
    env = {
        **environment(tmp_path, shell),
        "COLUMNS": "40",
        "_PMPATH_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": "pmpath ",
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }
    done = subprocess.run([installed_script()], capture_output=True, text=True, env=env, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.removeprefix("_arguments '*: :((").removesuffix("))'\n").splitlines()
    pattern = r'"([a-z-]+)":"[^"\n]+"' if shell == "zsh" else r"([a-z-]+)\t[^\t]+"
    assert [line for line in lines if not re.fullmatch(pattern, line)] == []
    offered = [re.fullmatch(pattern, line).group(1) for line in lines]  # type: ignore[union-attr]
    assert set(COMMANDS) <= set(offered)
    assert any(len(line) > 40 for line in lines)  # the help is long enough to have wrapped
