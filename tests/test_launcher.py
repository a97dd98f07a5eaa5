"""The fast path in launcher.py against the Typer app, and the start-up guards.

Hand-picked calls here; generated ones in test_grammar.py. Speed itself is measured by bench/run.py, never here; these tests check
deterministic proxies: which modules a path imports, how many times the
ladder is read and parsed, and that large ladders finish at all.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pmpath.cli import launcher
from tests.conftest import LADDERS, SMALL, installed_script
from tests.test_process import clean_env

BAD = LADDERS / "bad"
CALLS = [
    ["list"],
    ["list", "--json"],
    ["list", "--no-color"],
    ["show", "senior"],
    ["show", "senior", "--json"],
    ["show", "Chief Product Officer", "--json"],
    ["show", "senoir"],
    ["show", "s"],
    ["next", "apm", "--json"],
    ["next", "cpo"],
    ["compare", "pm", "senior", "--json"],
    ["compare", "apm", "pm"],
    ["path", "apm", "director", "--json"],
    ["path", "engineer", "cpo", "--all", "--json"],
    ["path", "cpo", "apm"],
    ["tree", "--json"],
    ["tree", "senior"],
    ["search", "mentor", "--json"],
    ["search", "zzzz"],
    ["search", "strategy roadmap"],
    ["compare", "senior", "senior-pm"],
    ["competencies"],
    ["--ladder", str(SMALL), "competencies", "--json"],
    ["--ladder", str(SMALL), "show", "jr", "--json"],
    [f"--ladder={SMALL}", "compare", "junior", "maker"],
    ["--ladder", str(BAD / "references.yaml"), "list"],
    ["--ladder", str(BAD / "bomb.yaml"), "show", "a", "--json"],
    ["--ladder", "/nonexistent.yaml", "list", "--json"],
    ["schema"],
    ["tree", "--no-color", "--json", "apm"],
    ["show", "SENIOR", "--json"],
]


ENTRIES = {
    "fast": "from pmpath.cli.launcher import main; main()",
    "typer": "import sys; from pmpath.cli.launcher import run, typer_main; sys.exit(run(typer_main))",
}


def run_entry(entry: str, args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    code = ENTRIES[entry]
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=clean_env(COLUMNS="100", **env),
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("args", CALLS, ids=" ".join)
def test_fast_path_matches_typer(args: list[str]) -> None:
    assert launcher.fast_call(args, {}) is not None, "this call should take the fast path"
    fast = run_entry("fast", args)
    typer = run_entry("typer", args)
    assert (fast.returncode, fast.stdout, fast.stderr) == (typer.returncode, typer.stdout, typer.stderr)


def test_fast_path_reads_the_ladder_from_the_environment() -> None:
    fast = run_entry("fast", ["list", "--json"], PMPATH_LADDER=str(SMALL))
    typer = run_entry("typer", ["list", "--json"], PMPATH_LADDER=str(SMALL))
    assert fast.stdout == typer.stdout
    assert json.loads(fast.stdout)[0]["id"] == "junior"


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["show", "--help"],
        ["--version"],
        ["show"],
        ["show", "a", "b"],
        ["show", "senior", "--jsn"],
        ["show", "--", "senior"],
        ["gap", "--me", "levels.yaml", "senior"],
        ["init", "-"],
        ["export"],
        ["list", "--json=1"],
        ["path", "apm", "pm", "--all", "--other"],
        ["--no-such-option", "list"],
        ["--ladder"],
        [],
    ],
    ids=" ".join,
)
def test_everything_else_goes_to_typer(args: list[str]) -> None:
    assert launcher.fast_call(args, {}) is None


@pytest.mark.parametrize(
    ("words", "cursor"),
    [
        ("pmpath show se", 2),
        ("pmpath compare apm ", 3),
        ("pmpath path engineer d", 3),
        ("pmpath tree ", 2),
        (f"pmpath --ladder {SMALL} next j", 4),
        ("pmpath show zzz", 2),
        ("pmpath show SE", 2),
        ("pmpath show --json Se", 3),
        ("pmpath gap pm senior d", 4),
        ("pmpath assess ", 2),
        ("pmpath ", 1),
        ("pmpath s", 1),
        ("pmpath show senior ", 3),
        ("pmpath search ", 2),
    ],
)
def test_fast_completion_matches_typer(words: str, cursor: int) -> None:
    env = {"_PMPATH_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cursor)}
    assert launcher.fast_completion(env) is not None
    fast = run_entry("fast", [], **env)
    typer = run_entry("typer", [], **env)
    assert (fast.returncode, fast.stdout, fast.stderr) == (typer.returncode, typer.stdout, typer.stderr)


@pytest.mark.parametrize(
    ("words", "cursor"),
    [
        ("pmpath show --", 2),
        ("pmpath gap --me x ", 4),
        ("pmpath assess x --from ", 4),
        ("pmpath --ladder ", 2),
        ("pmpath --ladder --ladder ", 3),
        ("pmpath validate ", 2),
        ("pmpath -", 1),
        ('pmpath show "sen', 2),
    ],
)
def test_other_completions_go_to_typer(words: str, cursor: int) -> None:
    env = {"_PMPATH_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cursor)}
    assert launcher.fast_completion(env) is None


# -- deterministic start-up guards ----------------------------------------------------
def modules_after(args: list[str], prelude: str = "", **env: str) -> set[str]:
    """The modules loaded by a whole run of pmpath with these arguments;
    `prelude` runs first, in the same interpreter."""
    return probe(args, prelude, **env)[1]


def probe(args: list[str], prelude: str = "", **env: str) -> tuple[str, set[str]]:
    """What a whole run of pmpath prints on stdout, and the modules it loaded."""
    code = (
        f"import sys\n{prelude}"
        "sys.argv = ['pmpath', *sys.argv[1:]]\n"
        "from pmpath.cli.launcher import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *args], env=clean_env(**env), capture_output=True, text=True, timeout=60
    )
    return result.stdout, set(result.stderr.split("\n"))


def family(modules: set[str], name: str) -> set[str]:
    return {m for m in modules if m == name or m.startswith(name + ".")}


def test_json_path_imports_neither_typer_nor_rich() -> None:
    loaded = modules_after(["show", "senior", "--json"])
    assert "pmpath.cli.commands" in loaded
    assert family(loaded, "rich") == set()
    assert family(loaded, "typer") == set()


def test_completion_imports_neither_typer_nor_rich() -> None:
    env = {"_PMPATH_COMPLETE": "complete_bash", "COMP_WORDS": "pmpath show se", "COMP_CWORD": "2"}
    loaded = modules_after([], **env)
    assert "pmpath.cli.completion" in loaded and "pmpath.ladder.loading" in loaded
    assert "pmpath.cli.commands" not in loaded  # nor the serializer and terminal it brings
    assert family(loaded, "rich") == set()
    assert family(loaded, "typer") == set()


def test_human_path_imports_rich_but_not_typer() -> None:
    loaded = modules_after(["show", "senior"])
    assert "rich.console" in loaded
    assert family(loaded, "typer") == set()
    # shutil brings the compression modules: about 5 ms that nothing here needs.
    assert "shutil" not in loaded and "lzma" not in loaded


def test_show_loads_only_the_queries_it_asks() -> None:
    """Each module of results costs start-up time (its dataclasses are built
    on import): `show` needs neither comparisons, nor lists, nor `info`, nor
    the --me reader."""
    loaded = modules_after(["show", "senior"])
    assert "pmpath.queries.neighbours" in loaded
    for module in (
        "pmpath.queries.compare",
        "pmpath.queries.listing",
        "pmpath.queries.info",
        "pmpath.ladder.assessment",
    ):
        assert module not in loaded


def test_other_commands_still_reach_typer() -> None:
    assert "typer" in modules_after(["export", "-f", "csv"])


def test_the_launcher_module_loads_nothing_before_main_runs() -> None:
    """main() catches Ctrl-C; whatever this module imported at its top would
    load before that guard is in place."""
    code = (
        "import sys; s = set(sys.modules); import pmpath.cli.launcher; print(*sorted(set(sys.modules) - s))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert loaded.stdout.split() == ["__future__", "pmpath", "pmpath.cli", "pmpath.cli.launcher"]


# Loaded by the interpreter before pmpath: Ctrl-C the moment a module is
# imported, or inside a __del__ then, where Python cannot raise it.
INTERRUPT = """\
import os, signal, sys


class Unraisable:
    def __del__(self):
        signal.raise_signal(signal.SIGINT)
        for _ in range(3):  # Python checks for signals on a loop's jump back
            pass


class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == os.environ["INTERRUPT_AT"]:
            if os.environ.get("INTERRUPT_IN_DEL"):
                Unraisable()
            else:
                signal.raise_signal(signal.SIGINT)


sys.meta_path.insert(0, Interrupt())
"""
COMPLETE_SE = {"_PMPATH_COMPLETE": "complete_bash", "COMP_WORDS": "pmpath show se", "COMP_CWORD": "2"}


@pytest.mark.parametrize(
    ("module", "args", "env"),
    [
        ("pmpath.cli.grammar", ["list"], {}),  # the first thing main() imports
        ("pmpath.errors", ["show", "senior", "--json"], {}),
        (
            "yaml",
            ["--ladder", str(SMALL), "show", "junior", "--json"],
            {},
        ),  # the bundled ladder may need no YAML
        ("rich.console", ["list"], {}),
        ("pmpath.cli.completion", [], COMPLETE_SE),
        ("typer", ["export", "-f", "csv"], {}),
        ("pmpath.cli.typer_run", ["--help"], {}),
        ("pmpath.cli.grammar", ["list"], {"INTERRUPT_IN_DEL": "1"}),
        ("typer", ["--help"], {"INTERRUPT_IN_DEL": "1"}),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_ctrl_c_while_starting_exits_130_quietly(
    tmp_path: Path, module: str, args: list[str], env: dict[str, str]
) -> None:
    (tmp_path / "sitecustomize.py").write_text(INTERRUPT, encoding="utf-8")
    result = subprocess.run(
        [installed_script(), *args],
        env=clean_env(PYTHONPATH=str(tmp_path), INTERRUPT_AT=module, **env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (130, "")


def test_the_ladder_is_read_and_parsed_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, parses: list[str]
) -> None:
    from pmpath.ladder import reading

    ladder = tmp_path / "ladder.yaml"
    ladder.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    reads: list[Path] = []
    real_read = reading.read_bytes

    def counting_read(source: Path) -> bytes:
        reads.append(source)
        return real_read(source)

    monkeypatch.setattr(reading, "read_bytes", counting_read)
    for args in (["path", "jr", "staff", "--json"], ["compare", "jr", "maker", "--json"]):
        reads.clear()
        parses.clear()
        call = launcher.fast_call(["--ladder", str(ladder), *args], {})
        assert call is not None
        assert launcher.run(call) == 0
        assert reads == [ladder]
        assert parses == [SMALL.read_text(encoding="utf-8")]


def test_validate_parses_once(parses: list[str]) -> None:
    from pmpath.ladder import loading

    ladder, problems = loading.check_ladder(BAD / "warnings.yaml", strict=True)
    assert ladder is not None and len(problems) == 4
    assert len(parses) == 1


def generated_ladder(path: Path, roles: int) -> tuple[str, str]:
    """Ten roles per level, each leading to three roles on the next level."""
    lines = ["roles:"]
    for index in range(roles):
        level = index // 10
        links = (
            [f"r{(level + 1) * 10 + (index * 3 + k) % 10}" for k in range(3)] if index < roles - 10 else []
        )
        lines.append(f"  - {{id: r{index}, title: Role {index}, level: {level}, next: [{', '.join(links)}]}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "r0", f"r{roles - 1}"


def test_ten_thousand_roles_validate_and_route(tmp_path: Path) -> None:
    """A correctness test with a generous limit that only catches blow-ups."""
    path = tmp_path / "big.yaml"
    bottom, top = generated_ladder(path, 10_000)
    script = str(Path(sys.executable).parent / "pmpath")
    validate = subprocess.run([script, "validate", str(path)], capture_output=True, text=True, timeout=120)
    assert validate.returncode == 0, validate.stdout
    assert validate.stdout.endswith(": valid: 10000 roles\n")
    route = subprocess.run(
        [script, "--ladder", str(path), "path", bottom, top, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert route.returncode == 0, route.stderr
    steps = json.loads(route.stdout)["steps"]
    assert [step["level"] for step in steps] == list(range(1000))
