"""Role completion: the same candidates on both paths and in every shell,
by one rule (ids and aliases starting with the typed word, any case), and
never anything a shell could read as syntax."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pmpath.cli import launcher
from pmpath.cli.completion import role_candidates
from tests.conftest import LADDERS
from tests.test_grammar import invoke, typer_path

ROLE_REQUEST = "pmpath show {word}"


def bash_fast(word: str) -> list[str]:
    env = {
        "_PMPATH_COMPLETE": "complete_bash",
        "COMP_WORDS": ROLE_REQUEST.format(word=word),
        "COMP_CWORD": "2",
    }
    assert launcher.fast_completion(env) is not None
    code, out, err = invoke(launcher.main, [], env)
    assert (code, err) == (0, "")
    return [line for line in out.split("\n") if line]


def bash_typer(word: str) -> list[str]:
    env = {
        "_PMPATH_COMPLETE": "complete_bash",
        "COMP_WORDS": ROLE_REQUEST.format(word=word),
        "COMP_CWORD": "2",
    }
    code, out, err = invoke(typer_path, [], env)
    assert (code, err) == (0, "")
    return [line for line in out.split("\n") if line]


def zsh_output(word: str) -> str:
    env = {"_PMPATH_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": ROLE_REQUEST.format(word=word)}
    code, out, err = invoke(typer_path, [], env)
    assert (code, err) == (0, "")
    return out


def zsh(word: str) -> list[str]:
    out = zsh_output(word)
    if out == "_files\n":
        return []
    return re.findall(r'^"([^"]*)":', out.removeprefix("_arguments '*: :((").removesuffix("))'\n"), re.M)


def fish_output(word: str) -> str:
    env = {
        "_PMPATH_COMPLETE": "complete_fish",
        "_TYPER_COMPLETE_ARGS": ROLE_REQUEST.format(word=word),
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }
    code, out, err = invoke(typer_path, [], env)
    assert (code, err) == (0, "")
    return out


def fish(word: str) -> list[str]:
    return [line.split("\t")[0] for line in fish_output(word).split("\n") if line]


SHELLS = {"bash (fast path)": bash_fast, "bash (Typer)": bash_typer, "zsh": zsh, "fish": fish}


@pytest.mark.parametrize("word", ["SE", "se", "sEnIoR", "", "apm", "zzz", "Chief"])
@pytest.mark.parametrize("shell", SHELLS)
def test_every_shell_offers_the_same_roles(shell: str, word: str) -> None:
    expected = [name for name, _ in role_candidates(None, word)]
    assert SHELLS[shell](word) == expected


def test_case_does_not_matter() -> None:
    expected = ["principal-pm", "principal", "principal-product-manager"]
    assert [name for name, _ in role_candidates(None, "PRIN")] == expected
    assert zsh("PrIn") == expected


UNSAFE_LADDER = [
    ("safe-one", 'Safe $(touch pwned) `id` "quoted" \\ one'),
    ("ok.v2_x", "Line\nbreak\x1b[31m"),
    ("Ünïcode", "Ünïcode title"),
    ("a b", "space"),
    ("$(touch pwned)", "substitution"),
    ("x*", "glob"),
    ("semi;colon", "separator"),
    ("quote'd", "quote"),
    ("back`tick", "backtick"),
    ("", "empty"),
]


@pytest.fixture
def unsafe_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """Names a ladder file could hold (the loader may refuse some of them
    one day; completion must not depend on it)."""

    monkeypatch.setattr(
        "pmpath.cli.completion._ladder_names",
        lambda ladder_path: [(name, title, name) for name, title in UNSAFE_LADDER],
    )


@pytest.mark.parametrize("shell", SHELLS)
def test_names_with_shell_syntax_are_never_offered(unsafe_names: None, shell: str) -> None:
    assert SHELLS[shell]("") == ["safe-one", "ok.v2_x", "Ünïcode"]


def test_titles_lose_shell_syntax_in_zsh_and_fish(unsafe_names: None) -> None:
    assert zsh_output("") == (
        '_arguments \'*: :(("safe-one":"Safe touch pwned id quoted one"\n'
        '"ok.v2_x":"Line break 31m"\n'
        '"Ünïcode":"Ünïcode title"))\'\n'
    )
    assert (
        fish_output("")
        == "safe-one\tSafe touch pwned id quoted one\nok.v2_x\tLine break 31m\nÜnïcode\tÜnïcode title\n"
    )


def test_version_is_not_printed_while_completing() -> None:
    env = {"_PMPATH_COMPLETE": "complete_bash", "COMP_WORDS": "pmpath --version s", "COMP_CWORD": "2"}
    assert invoke(launcher.main, [], env) == (0, "show\nsearch\nschema\n", "")


SMALL_LADDER = str(LADDERS / "small.yaml")


@pytest.mark.parametrize(
    "words",
    [
        f"pmpath show --ladder {SMALL_LADDER} j",
        f"pmpath show --ladder={SMALL_LADDER} j",
        f"pmpath --ladder {SMALL_LADDER} show j",
    ],
)
def test_a_ladder_after_the_command_is_the_one_completed_from(words: str) -> None:
    bash = {
        "_PMPATH_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    fish = {
        "_PMPATH_COMPLETE": "complete_fish",
        "_TYPER_COMPLETE_ARGS": words,
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }
    zsh = {"_PMPATH_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words}
    assert launcher.fast_completion(bash) is not None
    assert invoke(launcher.main, [], bash) == (0, "junior\njr\n", "")
    assert invoke(typer_path, [], bash) == (0, "junior\njr\n", "")
    assert invoke(typer_path, [], fish) == (0, "junior\tJunior Maker\njr\tJunior Maker\n", "")
    assert '"junior":"Junior Maker"' in invoke(typer_path, [], zsh)[1]


@pytest.mark.parametrize("command", ["show", "list", "search"])
@pytest.mark.parametrize(("option", "expected"), [("--color", ["auto", "always", "never"]), ("--ladder", [])])
def test_a_global_option_after_the_command_completes_its_value(
    command: str, option: str, expected: list[str]
) -> None:
    words = f"pmpath {command} {option} "
    bash = {"_PMPATH_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "3"}
    fish = {
        "_PMPATH_COMPLETE": "complete_fish",
        "_TYPER_COMPLETE_ARGS": words,
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }
    zsh = {"_PMPATH_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words}
    # No candidates: bash and zsh complete a file name by themselves.
    assert [line for line in invoke(launcher.main, [], bash)[1].split("\n") if line] == expected
    assert [line for line in invoke(typer_path, [], fish)[1].split("\n") if line] == expected
    zsh_out = invoke(typer_path, [], zsh)[1]
    assert all(f'"{value}"' in zsh_out for value in expected)
    assert "senior-pm" not in zsh_out


def test_the_equals_form_of_a_global_option_completes_its_value() -> None:
    zsh = {"_PMPATH_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "pmpath show --color=al"}
    assert invoke(typer_path, [], zsh)[1] == "_arguments '*: :((\"--color=always\"))'\n"
    for cursor, words in (("3", "pmpath show --color ="), ("4", "pmpath show --color = a")):
        bash = {"_PMPATH_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cursor}
        expected = "auto\nalways\nnever\n" if cursor == "3" else "auto\nalways\n"
        assert invoke(launcher.main, [], bash) == (0, expected, "")


def offered(shell: str, line: str, cursor: int | None = None) -> list[str]:
    """The candidates pmpath answers with for `line`, the cursor at its end
    (bash: at word `cursor`, as bash's split of the line into words)."""
    if shell == "bash":
        env = {"_PMPATH_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(cursor)}
    else:
        env = {"_PMPATH_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    code, out, err = invoke(launcher.main, [], env)
    assert (code, err) == (0, "")
    if shell == "zsh":
        return (
            []
            if out == "_files\n"
            else re.findall(r'^"((?:[^"]|"")*)"', out.removeprefix("_arguments '*: :(("), re.M)
        )
    return [line.split("\t")[0] for line in out.split("\n") if line]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_an_options_value_after_its_equals_sign_keeps_the_option(shell: str) -> None:
    # zsh and fish put the candidate in place of the whole word.
    assert offered(shell, "pmpath export --format=m") == ["--format=markdown", "--format=mermaid"]
    assert offered(shell, "pmpath show --color=a") == ["--color=auto", "--color=always"]


def test_bash_reads_an_option_and_its_value_as_one_word_again() -> None:
    # bash splits `--format=m` at the `=`, unless `=` is taken out of COMP_WORDBREAKS.
    assert offered("bash", "pmpath export --format = m", 4) == ["markdown", "mermaid"]
    assert offered("bash", "pmpath export --format=m", 2) == ["--format=markdown", "--format=mermaid"]
    assert offered("bash", "pmpath --color=nev", 1) == ["--color=never"]
    assert "senior-pm" in offered("bash", "pmpath --color = never show se", 5)
    small = str(LADDERS / "small.yaml")
    assert offered("bash", f"pmpath show --ladder = {small} ma", 5) == ["maker", "manager"]


def test_bash_reads_a_ladder_whose_name_has_an_equals_sign(tmp_path: Path) -> None:
    ladder = tmp_path / "x=y.yaml"
    ladder.write_text((LADDERS / "small.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    line = f"pmpath show --ladder = {tmp_path}/x = y.yaml ma"
    assert offered("bash", line, 7) == ["maker", "manager"]


@pytest.mark.parametrize(
    ("shell", "line", "cursor"),
    [
        ("zsh", "pmpath show '--x\\$(touch pwned)=sen", None),  # typed text never comes back
        ("fish", "pmpath show --nope=se", None),
        ("fish", "pmpath show --json=se", None),  # a flag takes no value
        ("fish", "pmpath --no-pager=", None),
        ("zsh", "pmpath export -f=m", None),  # -f=csv gives -f the value "=csv"
        ("fish", "pmpath export -f=", None),
        ("bash", "pmpath export -f = c", 4),
        ("bash", "pmpath show --json = se", 4),
        ("bash", "pmpath show --json =", 3),
        ("bash", "pmpath show -- --", 3),  # after `--`, a word like an option is an argument
        ("bash", "pmpath -- --", 2),
        ("zsh", "pmpath list -- --", None),
        ("fish", "pmpath export -- --f", None),
        ("fish", "pmpath gap -- --x=senior-p", None),
    ],
)
def test_nothing_is_offered_where_no_value_is_right(shell: str, line: str, cursor: int | None) -> None:
    assert offered(shell, line, cursor) == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_global_options_are_offered_after_the_command_until_given(shell: str) -> None:
    assert offered(shell, "pmpath show --", 2) == [
        "--json",
        "--no-color",
        "--help",
        "--ladder",
        "--color",
        "--no-pager",
    ]
    assert offered(shell, "pmpath --ladder x show --no", 4) == ["--no-color", "--no-pager"]
    assert offered(shell, "pmpath show --no-pager --ladder x --", 5) == [
        "--json",
        "--no-color",
        "--help",
        "--color",
    ]


def test_powershell_gets_every_candidate_with_a_tooltip() -> None:
    # PowerShell refuses an empty tooltip; Typer sends a space when there is no help.
    env = {"_PMPATH_COMPLETE": "complete_powershell", "_TYPER_COMPLETE_ARGS": "pmpath --color "}
    assert invoke(launcher.main, [], env) == (0, "auto::: \nalways::: \nnever::: \n", "")
