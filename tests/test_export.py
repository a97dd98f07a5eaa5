"""export in every format, and shell completion."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from pmpath.ladder.reading import bundled_ladder_path
from tests.conftest import LADDERS, SMALL, Run, installed_script, run_json
from tests.test_process import clean_env

LADDER_FILES = [
    bundled_ladder_path(),
    LADDERS / "company.yaml",
    LADDERS / "hostile.yaml",
    LADDERS / "cycle.yaml",
]


def export(run: Run, ladder: Path, fmt: str) -> str:
    result = run("--ladder", str(ladder), "export", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("ladder", LADDER_FILES, ids=lambda p: p.name)
def test_yaml_export_loads_back_unchanged(run: Run, tmp_path: Path, ladder: Path) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_text(export(run, ladder, "yaml"), encoding="utf-8")
    assert run("validate", str(copy)).exit_code == 0
    assert json.loads(export(run, copy, "json")) == json.loads(export(run, ladder, "json"))
    assert export(run, copy, "yaml") == export(run, ladder, "yaml")
    for role in run_json(run, "--ladder", str(ladder), "list"):
        assert run_json(run, "--ladder", str(copy), "show", role["id"]) == run_json(
            run, "--ladder", str(ladder), "show", role["id"]
        )


def test_json_export_is_the_yaml_export_as_json(run: Run) -> None:
    data = json.loads(export(run, SMALL, "json"))
    assert data["title"] == "Small ladder"
    assert [c["id"] for c in data["competencies"]] == ["strategy", "delivery"]
    assert data == yaml.safe_load(export(run, SMALL, "yaml"))


def test_csv_export_is_one_row_per_role(run: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(export(run, bundled_ladder_path(), "csv"))))
    assert [row["id"] for row in rows] == [r["id"] for r in run_json(run, "list")]
    senior = next(row for row in rows if row["id"] == "senior-pm")
    assert senior["title"] == "Senior Product Manager"
    assert senior["level"] == "3"
    assert senior["next"].split("\n") == [
        "staff-pm",
        "group-pm",
        "director",
        "senior-growth-pm",
        "senior-data-pm",
        "senior-technical-pm",
        "senior-ai-pm",
    ]
    assert senior["competency:product-strategy"] == "3"
    assert len(senior["responsibilities"].split("\n")) == 6


def test_mermaid_export_is_exact_for_a_known_ladder(run: Run) -> None:
    assert export(run, SMALL, "mermaid") == (
        "flowchart BT\n"
        '  subgraph track_0["ic"]\n'
        '    r_junior["Junior Maker"]\n'
        '    r_maker["Maker"]\n'
        '    r_staff_maker["Staff Maker"]\n'
        "  end\n"
        '  subgraph track_1["management"]\n'
        '    r_lead_maker["Lead Maker"]\n'
        "  end\n"
        '  level_0["Level 1"]\n'
        '  level_1["Level 2"]\n'
        '  level_2["Level 3"]\n'
        "  level_0 ~~~ level_1 ~~~ level_2\n"
        "  r_junior ~~~ level_1\n"
        "  level_0 ~~~ r_maker\n"
        "  r_maker ~~~ level_2\n"
        "  level_1 ~~~ r_lead_maker\n"
        "  level_1 ~~~ r_staff_maker\n"
        "  r_junior --> r_maker\n"
        "  r_maker --> r_lead_maker\n"
        "  r_maker --> r_staff_maker\n"
    )


MERMAID_ATTACK = 'A "q" <b> %%{init: {"theme":"dark"}}%% ```x #quot; `y`\x1b[2J\nnext'


def test_mermaid_labels_are_quoted_text_only(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "ladder.yaml"
    path.write_text(
        json.dumps({"roles": [{"id": "a", "title": MERMAID_ATTACK, "level": 1}]}), encoding="utf-8"
    )
    label = (
        '"A #quot;q#quot; #lt;b#gt; #37;#37;{init#58; {#quot;theme#quot;#58;#quot;dark#quot;}}#37;#37; '
        '#96;#96;#96;x #35;quot; #96;y#96;\\x1b[2J next"'
    )
    assert export(run, path, "mermaid") == f"flowchart BT\n  r_a[{label}]\n"


def test_dot_export_structure(run: Run) -> None:
    text = export(run, bundled_ladder_path(), "dot")
    assert text.startswith("digraph ladder {\n  newrank=true;\n  rankdir=BT;")
    assert text.rstrip().endswith("}")
    assert text.count("{") == text.count("}")
    edges = set()
    for tail, head, attributes in re.findall(
        r'^  "([a-z0-9-]+)" -> "([a-z0-9-]+)"( \[[^]]*\])?;$', text, re.M
    ):
        # Within a level an edge points one way, its arrow turned or doubled.
        if "dir=both" in attributes or "dir=back" not in attributes:
            edges.add((tail, head))
        if "dir=both" in attributes or "dir=back" in attributes:
            edges.add((head, tail))
    expected = {
        (r["id"], t)
        for r in json.loads(export(run, bundled_ladder_path(), "json"))["roles"]
        for t in (move if isinstance(move, str) else move["to"] for move in r.get("next", []))
    }
    assert edges == expected
    assert '    "senior-pm" [label="Senior Product Manager\\n(senior-pm)"];' in text


@pytest.mark.parametrize("ladder", LADDER_FILES, ids=lambda p: p.name)
def test_dot_export_parses_with_graphviz_when_present(run: Run, ladder: Path) -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed; test_dot_export_structure checks the structure")
    result = subprocess.run(
        ["dot", "-Tsvg"], input=export(run, ladder, "dot"), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "<svg" in result.stdout


def test_markdown_export_is_a_wiki_page(run: Run) -> None:
    text = export(run, bundled_ladder_path(), "markdown")
    assert text.startswith("# Product management career ladder\n")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == [
        "Overview",
        "The ladder at a glance",
        "Levels",
        "Tracks",
        "Proficiency scale",
        "Competencies",
        "Job titles",
        "Roles",
    ]
    assert "```mermaid\nflowchart BT\n" in text
    for role in run_json(run, "list"):
        assert f"### {role['id']}\n\n**{role['title']}** · *Level " in text
    first = yaml.safe_load(bundled_ladder_path().read_text(encoding="utf-8"))["roles"][0]
    cell = first["competencies"]["product-strategy"]
    assert (
        f"| Direction | Product strategy | {cell['level']} Aware | {' · '.join(cell['expectation'])} |"
        in text
    )


def test_markdown_export_makes_hostile_text_inert(run: Run) -> None:
    text = export(run, LADDERS / "hostile.yaml", "markdown")
    assert "\x1b" not in text and "\x07" not in text
    assert "\\[bold red\\]Boom\\[/\\]" in text


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Senior PM](https://evil.example/login) [x", "Senior PM\\](https\\:\\//evil\\.example/login) \\[x"),
        ("# Fake", "\\# Fake"),
        ("a | b", "a \\| b"),
        ("```", "\\`\\`\\`"),
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"),
        ("*em* _em_ ~~del~~ &amp;", "\\*em\\* \\_em\\_ \\~\\~del\\~\\~ \\&amp;"),
        ("- item", "\\- item"),
        ("1. item", "1\\. item"),
        ("two\nlines", "two lines"),
    ],
)
def test_markdown_text_never_becomes_syntax(run: Run, tmp_path: Path, title: str, shown: str) -> None:
    path = tmp_path / "ladder.yaml"
    role = {"id": "a", "title": title, "level": 1, "summary": title}
    path.write_text(json.dumps({"roles": [role]}), encoding="utf-8")
    text = export(run, path, "markdown")
    assert f"\n{shown}\n" in text  # the summary paragraph
    assert f"| 1 | [{shown}](#a) |  | — |" in text  # one overview row, four cells


def test_export_to_a_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "ladder.md"
    result = run("export", "-f", "markdown", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"Wrote {target}\n"
    assert target.read_text(encoding="utf-8") == export(run, bundled_ladder_path(), "markdown")


def test_export_replaces_a_file_whole_and_takes_any_name_the_system_does(run: Run, tmp_path: Path) -> None:
    target = tmp_path / ("m" * 245 + ".mmd")  # 249 characters: the temporary file's name is short
    target.write_text("an older export, longer than a line\n" * 2000, encoding="utf-8")
    target.chmod(0o640)
    result = run("export", "-f", "mermaid", "-o", str(target), "--force")
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") == export(run, bundled_ladder_path(), "mermaid")
    assert (target.stat().st_mode & 0o777, sorted(p.name for p in tmp_path.iterdir())) == (
        0o640,
        [target.name],
    )


def test_export_unknown_format_is_a_usage_error(run: Run) -> None:
    result = run("export", "-f", "pdf")
    assert result.exit_code == 2
    assert "pdf" in result.stderr


# -- completion --------------------------------------------------------------------
def complete(shell: str, words: str, cword: int, tmp_path: Path) -> str:
    # bash passes the words and the cursor; zsh passes the words up to the cursor.
    protocol = {"COMP_WORDS": words, "COMP_CWORD": str(cword), "_TYPER_COMPLETE_ARGS": words}
    result = subprocess.run(
        [installed_script()],
        env=clean_env(_PMPATH_COMPLETE=f"complete_{shell}", **protocol),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bash_completes_role_ids_and_aliases(tmp_path: Path) -> None:
    assert complete("bash", "pmpath show pri", 2, tmp_path).split() == [
        "principal-pm",
        "principal",
        "principal-product-manager",
    ]


def test_completion_works_for_every_role_argument(tmp_path: Path) -> None:
    assert "director" in complete("bash", "pmpath path apm dir", 3, tmp_path).split()
    assert "cpo" in complete("bash", "pmpath compare vp c", 3, tmp_path).split()
    assert "group-pm" in complete("bash", "pmpath tree gr", 2, tmp_path).split()


def test_zsh_completion_carries_titles(tmp_path: Path) -> None:
    out = complete("zsh", "pmpath next vp", 2, tmp_path)
    assert '"vp-product":"VP of Product"' in out


def test_completion_uses_the_ladder_option(tmp_path: Path) -> None:
    out = complete("bash", f"pmpath --ladder {SMALL} show j", 4, tmp_path)
    assert out.split() == ["junior", "jr"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_for_each_shell(run: Run, shell: str) -> None:
    result = run("--show-completion", shell)
    assert result.exit_code == 0
    assert "_PMPATH_COMPLETE" in result.stdout


def test_csv_cells_never_start_a_formula_and_a_cr_never_splits_a_row(run: Run, tmp_path: Path) -> None:
    role = {"id": "a", "title": '=HYPERLINK("https://evil.example")', "level": 1, "summary": "one\rtwo"}
    role["responsibilities"] = ["+1", "@SUM(A1)"]
    role["track"] = "-2"
    path = tmp_path / "ladder.yaml"
    path.write_text(json.dumps({"roles": [role]}), encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(export(run, path, "csv"), newline="")))
    assert len(rows) == 1
    assert rows[0]["title"] == '\'=HYPERLINK("https://evil.example")'
    assert rows[0]["responsibilities"] == "'+1\n@SUM(A1)"  # the cell starts with +; its lines are one cell
    assert rows[0]["track"] == "'-2"
    assert rows[0]["summary"] == "one\rtwo"
