"""Exports that real tools read safely: Graphviz draws every DOT export
without a warning and with the levels in order, csv.DictReader reads every
CSV export with one column per name, YAML and JSON keep every `x-` key, and
`export -o FILE` takes its format from the name and overwrites nothing it
was not told to."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import random
import shlex
import shutil
import subprocess
import tty
from pathlib import Path
from typing import Any

import pytest

from pmpath.ladder.loading import load_ladder
from pmpath.ladder.reading import bundled_ladder_path
from pmpath.output.export import EXTENSIONS, to_json, to_yaml
from tests.conftest import LADDERS, SMALL, Run, installed_script, write_ladder
from tests.test_process import clean_env

HOSTILE = LADDERS / "publish_hostile.yaml"
EVERY_LADDER = [
    bundled_ladder_path(),
    *sorted(LADDERS.glob("*.yaml")),
    *sorted((LADDERS / "format2").glob("*.yaml")),
]
LONELY_TOP = """
roles:
  - {id: a, title: A, level: 1, next: [b]}
  - {id: b, title: B, level: 2}
  - {id: top, title: Top, level: 5}
"""


def export(run: Run, ladder: Path, *args: str) -> str:
    result = run("--ladder", str(ladder), "export", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes.decode("utf-8")  # as written: `stdout` turns CRLF into LF


# -- DOT -----------------------------------------------------------------------------
needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz is not installed; CI installs it"
)


def graphviz(text: str, output: str) -> str:
    result = subprocess.run(["dot", f"-T{output}"], input=text, capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout


def heights(text: str) -> dict[str, float]:
    """Each node's y position in Graphviz's plain output (y grows upwards)."""
    found = {}
    for line in graphviz(text, "plain").splitlines():
        words = shlex.split(line)
        if words[0] == "node":
            found[words[1]] = float(words[3])
    return found


# The 6-role ladder on which dot 2.43 failed to route a lateral move between two
# boxes ("triangulation failed", "Unable to reclaim box space").
FLAT_BETWEEN_BOXES = """
title: Big plain 0
tracks: [{id: t0, title: plain 0 0}, {id: t1, title: plain 1 1}, {id: t2, title: plain 2 2}]
roles:
- {id: r-11, level: 2, title: plain 11 role 11, track: [t2, t0, t1]}
- {id: r-12, level: 6, title: plain 12 role 12, track: [t2, t0, t1]}
- {id: r-28, level: 1, title: plain 11 role 28, track: t2}
- {id: r-29, level: 3, title: plain 12 role 29, track: [t1, t0, t2]}
- {id: r-36, level: 3, title: plain 2 role 36, track: t2, next: [{to: r-59, kind: lateral, ready_when: [plain 2]}]}
- {id: r-59, level: 3, title: plain 8 role 59, track: t1}
"""
RANDOM_SEEDS = range(12)


def random_ladder(seed: int) -> dict[str, Any]:
    """A ladder of 60-150 roles on 3-5 tracks, some rungs shared by tracks
    listed in any order, with promotions, lateral moves between roles of one
    level (often on different tracks), and a few apply and exit moves."""
    rng = random.Random(seed)
    tracks = [f"t{number}" for number in range(rng.randint(3, 5))]
    top = rng.randint(6, 12)
    roles: list[dict[str, Any]] = []
    for number in range(rng.randint(60, 150)):
        shared = rng.random() < 0.15
        track = rng.sample(tracks, rng.randint(2, len(tracks))) if shared else rng.choice(tracks)
        roles.append(
            {"id": f"r-{number}", "title": f"Role {number}", "level": rng.randint(1, top), "track": track}
        )

    def on(role: dict[str, Any]) -> set[str]:
        return set(role["track"]) if isinstance(role["track"], list) else {role["track"]}

    for role in roles:
        moves: list[dict[str, str]] = []
        up = [r for r in roles if r["level"] == role["level"] + 1 and on(r) & on(role)]
        if up:
            moves.append({"to": rng.choice(up)["id"]})
        across = [r for r in roles if r["level"] == role["level"] and r is not role]
        if across and rng.random() < 0.3:
            moves.append({"to": rng.choice(across)["id"], "kind": "lateral"})
        higher = [r for r in roles if r["level"] > role["level"] and r["id"] not in {m["to"] for m in moves}]
        if higher and rng.random() < 0.1:
            moves.append({"to": rng.choice(higher)["id"], "kind": rng.choice(["apply", "exit"])})
        if moves:
            role["next"] = moves
    return {
        "title": f"Random {seed}",
        "tracks": [{"id": t, "title": f"Track {t}"} for t in tracks],
        "roles": roles,
    }


def dot_ladder(tmp_path: Path, which: Path | str) -> Path:
    if isinstance(which, Path):
        return which
    if which == "flat between boxes":
        return write_ladder(tmp_path, FLAT_BETWEEN_BOXES)
    return write_ladder(tmp_path, json.dumps(random_ladder(int(which.removeprefix("random ")))))


def assert_levels_in_order(path: Path, text: str) -> None:
    """One height per level, rising strictly with the level."""
    y = heights(text)
    by_level: dict[int, set[float]] = {}
    for role in load_ladder(path).roles:
        by_level.setdefault(role.level, set()).add(y[role.id])
    assert all(len(found) == 1 for found in by_level.values()), by_level  # one rank per level
    ranks = [found.pop() for _, found in sorted(by_level.items())]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)  # rising strictly with the level


@needs_dot
@pytest.mark.parametrize(
    "ladder",
    [
        bundled_ladder_path(),
        *sorted(path for path in LADDERS.rglob("*.yaml") if "bad" not in path.relative_to(LADDERS).parts),
        "flat between boxes",
        *[f"random {seed}" for seed in RANDOM_SEEDS],
    ],
    ids=lambda p: p.name if isinstance(p, Path) else p,
)
def test_graphviz_draws_every_dot_export_without_a_warning(
    run: Run, tmp_path: Path, ladder: Path | str
) -> None:
    path = dot_ladder(tmp_path, ladder)
    text = export(run, path, "-f", "dot")
    assert "<svg" in graphviz(text, "svg")  # drawing the edges is where dot can warn
    assert_levels_in_order(path, text)  # and `plain` draws them too, without a word on stderr


@needs_dot
@pytest.mark.parametrize("ladder", [bundled_ladder_path(), HOSTILE, "lonely top"], ids=str)
def test_dot_ranks_the_levels_in_order(run: Run, tmp_path: Path, ladder: Path | str) -> None:
    path = write_ladder(tmp_path, LONELY_TOP) if ladder == "lonely top" else Path(ladder)
    assert_levels_in_order(path, export(run, path, "-f", "dot"))


def test_moves_within_a_level_point_one_way_and_a_pair_is_one_edge(run: Run, tmp_path: Path) -> None:
    ladder = """
tracks: [{id: ic, title: IC}, {id: mgmt, title: Management}]
roles:
  - {id: a, title: A, level: 3, track: ic, next: [{to: b, kind: lateral}]}
  - {id: b, title: B, level: 3, track: mgmt, next: [{to: a, kind: lateral}, {to: c, kind: apply}]}
  - {id: c, title: C, level: 3, track: ic, next: [{to: d, kind: lateral}, {to: a, kind: exit}]}
  - {id: d, title: D, level: 3, track: mgmt, next: [{to: c, kind: apply}]}
"""
    text = export(run, write_ladder(tmp_path, ladder), "-f", "dot")
    # Drawn in the order a, c (IC), b, d (Management): every edge points that way.
    assert [line for line in text.splitlines() if " -> " in line and "invis" not in line] == [
        '  "a" -> "b" [style=dotted, xlabel="lateral", dir=both];',
        '  "c" -> "b" [style=dashed, xlabel="apply", dir=back];',
        '  "c" -> "d" [style=dotted, xlabel="lateral → / ← apply", dir=both];',
        '  "a" -> "c" [style=bold, xlabel="exit", dir=back];',
    ]
    assert "  splines=ortho;\n" in text


def test_dot_draws_a_cluster_per_set_of_tracks_and_names_the_levels(run: Run) -> None:
    text = export(run, HOSTILE, "-f", "dot")
    assert text.startswith("digraph ladder {\n  newrank=true;\n  rankdir=BT;\n")
    assert (
        "  subgraph cluster_0 {\n"
        '    label="Shared: IC <style>body{display:none}</style>, Mgmt \\"quoted\\" \'single\' `tick`";\n'
        '    "pipe-role" [label="Senior PM](https://evil.example/login) [x | split\\n(pipe-role)"];\n'
        "  }\n"
    ) in text
    assert (
        '  "exit-role" [label="Exit \\\\u202e reversed \\\\x07 bell \\\\x1b[31m red\\n(exit-role)"];\n'
        in text
    )
    lines = text.splitlines()
    assert {
        '  "level 5" [shape=plaintext, label="5 · Five"];',  # a level name in a column of its own
        '  { rank=same; "level 3"; "manager-role"; "exit-role"; }',
        '  "level 3" -> "level 5" [style=invis];',  # holding the ranks in order
        '  "fence-role" -> "lonely-top" [style=dotted, xlabel="lateral"];',
    } <= set(lines)


def test_dot_cluster_and_level_labels_escape_ladder_text(run: Run, tmp_path: Path) -> None:
    data = {
        "levels": [{"level": 1, "label": 'L"1\\N\nx'}],
        "tracks": [{"id": "t", "title": 'T"]; a [label="\\G'}],
        "roles": [{"id": "a", "title": "A", "level": 1, "track": "t"}],
    }
    text = export(run, write_ladder(tmp_path, json.dumps(data)), "-f", "dot")
    assert '  "level 1" [shape=plaintext, label="1 · L\\"1\\\\N x"];\n' in text  # a name is one line
    assert '    label="T\\"]; a [label=\\"\\\\G";\n' in text


# -- CSV -----------------------------------------------------------------------------
def read_csv(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames is not None
    assert len(set(reader.fieldnames)) == len(reader.fieldnames), reader.fieldnames
    return list(reader)


@pytest.mark.parametrize("layout", ["wide", "long"])
@pytest.mark.parametrize("ladder", EVERY_LADDER, ids=lambda p: p.name)
def test_every_csv_export_has_unique_columns_and_each_role_its_own_level(
    run: Run, ladder: Path, layout: str
) -> None:
    rows = read_csv(export(run, ladder, "-f", "csv", "--layout", layout))
    roles = load_ladder(ladder).roles
    levels = {role.id: str(role.level) for role in roles}
    assert rows or (layout == "long" and not any(role.competencies for role in roles))
    assert all(row["level"] == levels[row["id"]] for row in rows)


def test_competency_columns_are_namespaced(run: Run) -> None:
    rows = {row["id"]: row for row in read_csv(export(run, HOSTILE, "-f", "csv"))}
    pipe = rows["pipe-role"]
    assert (pipe["level"], pipe["scope"], pipe["title"]) == (
        "1",
        "<iframe src=https://evil.example></iframe>",
        "Senior PM](https://evil.example/login) [x | split",
    )
    assert (pipe["competency:level"], pipe["competency:scope"], pipe["competency:title"]) == ("1", "2", "1")
    assert rows["fence-role"]["competency:scope"] == "3"


def test_long_layout_has_a_row_per_role_and_competency_with_its_statements(run: Run) -> None:
    rows = read_csv(export(run, HOSTILE, "-f", "csv", "--layout", "long"))
    assert [(row["id"], row["competency"]) for row in rows] == [
        ("pipe-role", "level"),
        ("pipe-role", "scope"),
        ("pipe-role", "title"),
        ("fence-role", "level"),
        ("fence-role", "scope"),
        ("fence-role", "title"),
    ]
    level = rows[0]
    assert level == {
        "id": "pipe-role",
        "title": "Senior PM](https://evil.example/login) [x | split",
        "level": "1",
        "competency": "level",
        "competency_name": "Level | pipe",
        "area": "craft",
        "competency_level": "1",
        "expectation": "'=1+2",
        "examples": "<b>bold</b>",
        "not_yet": "| cell |",
    }
    assert rows[2]["expectation"] == "`code` and ``double``\n$x$ and https://evil.example/auto"
    assert rows[4]["expectation"] == "]]> <!-- comment --> </td></tr></table>"


def test_long_layout_of_a_ladder_in_words_leaves_the_level_empty(run: Run) -> None:
    rows = read_csv(export(run, LADDERS / "format2" / "words_only.yaml", "-f", "csv", "--layout", "long"))
    empathy = next(row for row in rows if row["competency"] == "empathy")
    assert empathy["competency_level"] == ""
    assert empathy["expectation"] == "Listens before answering.\nKeeps a calm tone with upset customers."


def test_every_csv_cell_and_header_is_neutralised_and_a_cr_stays_in_its_field(
    run: Run, tmp_path: Path
) -> None:
    rows = {row["id"]: row for row in read_csv(export(run, HOSTILE, "-f", "csv"))}
    pipe = rows["pipe-role"]
    # Only the start of a cell can make a formula; later lines keep their text.
    assert pipe["responsibilities"].split("\n") == [
        "'=CMD()",
        "\tTab start",
        "\rCR start",
        "line one\rline two",
        '<a href="https://evil.example">click</a>',
    ]
    assert pipe["to_learn"] == "'-1"
    assert rows["lonely-top"]["summary"] == "'+ plus start"
    assert pipe["version"] == '\'=HYPERLINK("https://evil.example")'
    data = {
        "competencies": [{"id": "c", "name": "C"}],
        "roles": [
            {"id": "a", "title": "\tTab", "level": 1, "summary": "\rCR", "scope": "line one\rline two"}
        ],
    }
    text = export(run, write_ladder(tmp_path, json.dumps(data)), "-f", "csv")
    assert len(text.split("\r\n")) == 3  # a header, a row and the end: the CR inside a field split nothing
    (row,) = read_csv(text)
    assert (row["title"], row["summary"], row["scope"]) == ("'\tTab", "'\rCR", "line one\rline two")


def test_a_header_from_the_ladder_never_starts_a_formula() -> None:
    from pmpath.output.export import _csv_text

    assert _csv_text([["=1+1", "@x", "id"]]) == "'=1+1,'@x,id\r\n"


def test_an_export_on_a_terminal_shows_controls_and_a_pipe_gets_the_exact_text(tmp_path: Path) -> None:
    args = [installed_script(), "--ladder", str(HOSTILE), "export", "-f", "csv"]
    piped = subprocess.run(args, capture_output=True, env=clean_env(), timeout=60, check=True).stdout
    assert b"line one\rline two" in piped and b"\x1b[31m" in piped and piped.endswith(b"\r\n")
    leader, follower = pty.openpty()
    tty.setraw(follower)  # the bytes as pmpath writes them, without the terminal's own line ends
    process = subprocess.Popen(args, stdout=follower, stderr=subprocess.PIPE, env=clean_env())
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0
    assert b"line one\\x0dline two" in shown and b"\\x1b[31m" in shown
    assert b"\r" not in shown and b"\x1b" not in shown and b"\x07" not in shown
    assert shown.decode("utf-8").split("\n")[0] == piped.decode("utf-8").split("\r\n")[0]


# -- YAML and JSON: x- keys in every part of a file ---------------------------------
X_EVERYWHERE = {
    "title": "T",
    "x-ladder": {"nested": [1, "two"]},
    "levels": [{"level": 1, "label": "One", "x-band": "B1"}, {"level": 2, "label": "Two"}],
    "tracks": [{"id": "ic", "title": "IC", "x-track": True}],
    "areas": [{"id": "core", "name": "Core", "x-area": 1.5}],
    "competencies": [{"id": "craft", "name": "Craft", "area": "core", "x-competency": None}],
    "scale": [{"level": 1, "name": "Basic", "x-scale": "s"}],
    "titles": [{"title": "Lead", "roles": ["a"], "x-title": ["t"]}],
    "roles": [
        {
            "id": "a",
            "title": "A",
            "level": 1,
            "track": "ic",
            "next": [{"to": "b", "ready_when": ["ready"], "x-move": "m"}],
            "competencies": {"craft": {"level": 1, "expectation": "e", "x-rating": "r"}, "x-ratings": "all"},
            "x-hr-code": "ENG-1",
        },
        {"id": "b", "title": "B", "level": 2, "track": "ic"},
    ],
}


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_x_keys_in_every_part_of_a_ladder_come_back(run: Run, tmp_path: Path, fmt: str) -> None:
    source = write_ladder(tmp_path, json.dumps(X_EVERYWHERE), "source.json")
    text = export(run, source, "-f", fmt)
    again = write_ladder(tmp_path, text, f"again.{fmt}")
    assert json.loads(export(run, again, "-f", "json")) == X_EVERYWHERE
    assert export(run, again, "-f", fmt) == text
    assert (to_yaml if fmt == "yaml" else to_json)(load_ladder(again)) == text


# -- export -o FILE ------------------------------------------------------------------
def pmpath(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [installed_script(), "--ladder", str(SMALL), "export", *args],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_file_name_gives_the_format(run: Run, tmp_path: Path) -> None:
    result = pmpath(tmp_path, "-o", "ladder.csv")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "Wrote ladder.csv\n")
    assert (tmp_path / "ladder.csv").read_bytes().decode("utf-8") == export(run, SMALL, "-f", "csv")
    for ext, fmt in EXTENSIONS.items():
        target = tmp_path / f"all{ext.upper()}"
        assert run("--ladder", str(SMALL), "export", "-o", str(target)).exit_code == 0
        assert target.read_bytes().decode("utf-8") == export(run, SMALL, "-f", fmt), ext


def test_long_layout_to_a_csv_file(run: Run, tmp_path: Path) -> None:
    assert pmpath(tmp_path, "-o", "long.csv", "--layout", "long").returncode == 0
    assert (tmp_path / "long.csv").read_text(encoding="utf-8").startswith("id,title,level,competency,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "csv", "-o", "x.md"], "pmpath: error: -f csv does not match the markdown file name x.md\n"),
        (["-o", "x.txt"], "pmpath: error: cannot tell the format from the file name x.txt; give -f FORMAT\n"),
        (
            ["-o", "LADDER"],
            "pmpath: error: cannot tell the format from the file name LADDER; give -f FORMAT\n",
        ),
        (
            ["-f", "dot", "--layout", "long"],
            "pmpath: error: --layout applies to the csv format only, not to dot\n",
        ),
        (
            ["-o", "x.yaml", "--layout", "wide"],
            "pmpath: error: --layout applies to the csv format only, not to yaml\n",
        ),
    ],
)
def test_a_format_that_does_not_fit_is_a_usage_error(tmp_path: Path, args: list[str], message: str) -> None:
    result = pmpath(tmp_path, *args)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_extension_lists_the_known_ones(run: Run) -> None:
    result = run("export", "-o", "x.txt")
    assert result.stderr.splitlines()[1].startswith("Extensions: .md (markdown), .markdown (markdown), .mmd")


def test_a_file_is_kept_unless_force_is_given(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "ladder.md"
    target.write_text("mine\n", encoding="utf-8")
    result = pmpath(tmp_path, "-o", "ladder.md")
    assert (result.returncode, result.stderr) == (
        1,
        "pmpath: error: ladder.md already exists; use --force to overwrite it\n",
    )
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert pmpath(tmp_path, "-o", "ladder.md", "--force").returncode == 0
    assert target.read_text(encoding="utf-8") == export(run, SMALL)


def test_the_ladder_itself_is_never_overwritten(tmp_path: Path) -> None:
    ladder = tmp_path / "ladder.yaml"
    original = SMALL.read_text(encoding="utf-8")
    ladder.write_text(original, encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(ladder)
    os.link(ladder, tmp_path / "hard.yaml")
    for ladder_name, output in [
        ("ladder.yaml", "ladder.yaml"),
        ("ladder.yaml", "sub/../ladder.yaml"),
        ("ladder.yaml", "link.yaml"),
        ("link.yaml", "ladder.yaml"),
        ("ladder.yaml", "hard.yaml"),
    ]:
        (tmp_path / "sub").mkdir(exist_ok=True)
        result = subprocess.run(
            [installed_script(), "--ladder", ladder_name, "export", "-o", output, "--force"],
            cwd=tmp_path,
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert (result.returncode, result.stderr) == (
            2,
            f"pmpath: error: {output} is the ladder being exported; give another file name\n",
        )
    assert ladder.read_text(encoding="utf-8") == original


def test_dash_means_stdout(run: Run, tmp_path: Path) -> None:
    result = pmpath(tmp_path, "-o", "-", "-f", "csv")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == export(run, SMALL, "-f", "csv").replace(
        "\r\n", "\n"
    )  # text mode reads CRLF as LF
    assert pmpath(tmp_path, "-o", "-").stdout == export(run, SMALL)  # Markdown, as with no -o
    assert list(tmp_path.iterdir()) == []
