"""pmpath's benchmark: start-up against a floor, and cost at scale.

    python bench/run.py            # full run (a few minutes)
    python bench/run.py --quick    # fewer repetitions, smaller scale sizes

What is measured: a wheel built from this tree and installed (byte-compiled,
as `pip install` does) into a temporary folder, run with this interpreter and
its dependencies. Only an installed wheel has the bundled ladder pre-parsed
(pmpath/data/roles.json, written by hatch_build.py), which is what users run;
an editable install would parse the YAML instead and measure something no
user sees. Building the wheel needs pip and, for its isolated build, hatchling
and PyYAML from the package index.

Start-up: each command is timed alternately with the floor, `python -c
"import yaml, json"` from the same interpreter (the least any YAML-reading
Python CLI can cost), and reported as the median, min and max of the per-pair
ratios. Ratios, not seconds, so that figures from a busy machine still mean
something.

Scale: generated format-2 ladders of 1,000, 10,000 and 100,000 roles (two
tracks, typed moves, competencies in areas) through `validate` and `path`
from the bottom to the top, with the growth factor between sizes and the
peak memory of each run. Every run reads and parses the YAML (nothing is kept
between runs); the median is reported. Up to 10,000 roles each run is timed
alternately with the floor of the same file, PyYAML's C loader loading it
and nothing else, and the budget is a ratio to it: on these shared machines
the seconds of one command vary twofold within minutes, the ratio far less.

Prints a table and writes the same figures to bench/results.json. Exit 1 when
a budget is missed.
"""

from __future__ import annotations

import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FLOOR = [sys.executable, "-c", "import yaml, json"]
COMPLETION_ENV = {"_PMPATH_COMPLETE": "complete_bash", "COMP_WORDS": "pmpath show se", "COMP_CWORD": "2"}

BUDGETS = {
    "show senior --json": 2.0,
    "completion (show se<TAB>)": 2.0,
    "show senior": 3.0,
    "list": 3.0,
}
# validate and path at 10,000 roles, as a ratio to the time PyYAML's C loader
# takes just to load the same file (SCALE_FLOOR), timed alternately with them.
SCALE_BUDGET_RATIO = 0.8
SCALE_FLOOR = (
    "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)"
)
FLOOR_SIZES = (1_000, 10_000)  # at 100,000 roles the floor alone takes a minute
SCALE_GROWTH_BUDGET = 12.0  # ten times the roles, at most twelve times the time
MEMORY_BUDGET_MIB = 40.0  # peak on the bundled ladder
LARGE_MEMORY_BUDGET_MIB = 700.0  # peak at 100,000 roles


def install_wheel(folder: Path) -> list[str]:
    """Build a wheel of this tree, install it into `folder` and return the
    command that runs its entry point; the environment is set so that this
    copy, not an editable one, is what `pmpath` imports."""
    wheels, site = folder / "wheel", folder / "site"
    pip = [sys.executable, "-m", "pip", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT)], check=True)
    (wheel,) = wheels.glob("pmpath-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)], check=True)
    os.environ["PYTHONPATH"] = str(site)
    os.environ.pop("PMPATH_LADDER", None)
    check = "import pmpath.ladder.bundled as b, sys; sys.exit(not b.json_path().is_file())"
    if subprocess.run([sys.executable, "-c", check]).returncode != 0:
        raise SystemExit("the installed wheel has no pre-parsed bundled ladder")
    return [str(site / "bin" / "pmpath")]


def run_once(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall time in seconds, peak resident memory in MiB and CPU seconds of one
    process. CPU time shows what a busy machine adds to the wall time."""
    full_env = {**os.environ, **(env or {})}
    # stderr goes to a file, not a pipe: a long report would fill a pipe and
    # block the child while this waits for it.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors, env=full_env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        errors.seek(0)
        stderr = errors.read(4000).decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:  # every measured call must succeed
        raise SystemExit(f"{' '.join(argv)} failed ({os.waitstatus_to_exitcode(status)}): {stderr}")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, usage.ru_maxrss / 1024, cpu  # ru_maxrss is in KiB on Linux


def startup(pmpath: list[str], pairs: int) -> dict[str, Any]:
    commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "show senior --json": ([*pmpath, "show", "senior", "--json"], None),
        "completion (show se<TAB>)": (pmpath, COMPLETION_ENV),
        "show senior": ([*pmpath, "show", "senior"], None),
        "list": ([*pmpath, "list"], None),
    }
    for argv, env in commands.values():  # warm the OS caches once
        run_once(argv, env)
    results: dict[str, Any] = {}
    for name, (argv, env) in commands.items():
        ratios, times, floors, memory = [], [], [], []
        for _ in range(pairs):
            floor, _, _ = run_once(FLOOR)
            elapsed, peak, _ = run_once(argv, env)
            ratios.append(elapsed / floor)
            times.append(elapsed)
            floors.append(floor)
            memory.append(peak)
        results[name] = {
            "ratio_median": round(statistics.median(ratios), 2),
            "ratio_min": round(min(ratios), 2),
            "ratio_max": round(max(ratios), 2),
            "ms_median": round(1000 * statistics.median(times), 1),
            "floor_ms_median": round(1000 * statistics.median(floors), 1),
            "peak_mib": round(max(memory), 1),
            "budget_ratio": BUDGETS[name],
            "within_budget": statistics.median(ratios) <= BUDGETS[name],
        }
    return results


def generate_ladder(roles: int, path: Path) -> tuple[str, str]:
    """A format-2 ladder of `roles` roles: ten per rung on two tracks, each
    leading to three roles on the next rung (one of them an `apply` move with
    its own signal), every role rating three competencies in two areas.
    Returns the ids at the bottom and the top. Rungs past the largest level a
    ladder may use share it."""
    per_level = 10
    levels = roles // per_level
    lines = [
        "title: Generated ladder",
        "license: CC-BY-4.0",
        "tracks: [{id: ic, title: Individual contributor}, {id: management, title: Management}]",
        "areas: [{id: craft, name: Craft}, {id: people, name: People}]",
        "scale: [{level: 1, name: One}, {level: 2, name: Two}, {level: 3, name: Three}]",
        "competencies:",
        "  - {id: delivery, name: Delivery, area: craft}",
        "  - {id: design, name: Design, area: craft}",
        "  - {id: mentoring, name: Mentoring, area: people}",
        "roles:",
    ]
    for index in range(roles):
        rung = index // per_level
        level = min(rung, 999)
        track = "ic" if index % 2 else "management"
        if rung + 1 < levels:
            base = (rung + 1) * per_level
            targets = [f"r{base + (index * 3 + k) % per_level}" for k in range(3)]
            moves = [*targets[:2], f"{{to: {targets[2]}, kind: apply, ready_when: [Interviews well]}}"]
            links = f", next: [{', '.join(moves)}]"
        else:
            links = ""
        ratings = f"competencies: {{delivery: {1 + index % 3}, design: 2, mentoring: 1}}"
        lines.append(
            f"  - {{id: r{index}, title: Role {index}, level: {level}, track: {track}, {ratings}{links}}}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "r0", f"r{roles - 1}"


def scale(pmpath: list[str], sizes: list[int], repeats: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"ladder-{size}.yaml"
            bottom, top = generate_ladder(size, path)
            floor = [sys.executable, "-c", SCALE_FLOOR, str(path)]
            row: dict[str, Any] = {}
            for name, argv in {
                "validate": [*pmpath, "validate", str(path)],
                "path": [*pmpath, "--ladder", str(path), "path", bottom, top, "--json"],
            }.items():
                runs, floors = [], []
                for _ in range(repeats):  # alternately, so that both see the same machine
                    if size in FLOOR_SIZES:
                        floors.append(run_once(floor)[0])
                    runs.append(run_once(argv))
                row[name] = {
                    "seconds_median": round(statistics.median(t for t, _, _ in runs), 3),
                    "cpu_seconds_median": round(statistics.median(c for _, _, c in runs), 3),
                    "cpu_seconds_min": round(min(c for _, _, c in runs), 3),
                    "peak_mib": round(max(m for _, m, _ in runs), 1),
                }
                if floors:
                    ratios = [t / f for (t, _, _), f in zip(runs, floors, strict=True)]
                    row[name]["floor_seconds_median"] = round(statistics.median(floors), 3)
                    row[name]["ratio_median"] = round(statistics.median(ratios), 2)
            results[str(size)] = row
    for name in ("validate", "path"):
        for small, large in itertools.pairwise(sizes):
            # The least CPU time of each size: a busy machine stretches wall time
            # far more, and CPU time too (shared cores), unevenly across sizes.
            growth = (
                results[str(large)][name]["cpu_seconds_min"] / results[str(small)][name]["cpu_seconds_min"]
            )
            results[str(large)][name]["growth_from_previous"] = round(growth, 2)
    return results


def verdicts(start: dict[str, Any], big: dict[str, Any]) -> list[tuple[str, bool]]:
    checks = [
        (f"{name}: median {r['ratio_median']}x <= {r['budget_ratio']}x", r["within_budget"])
        for name, r in start.items()
    ]
    peak = max(r["peak_mib"] for r in start.values())
    checks.append(
        (f"peak memory on the bundled ladder {peak} MiB < {MEMORY_BUDGET_MIB} MiB", peak < MEMORY_BUDGET_MIB)
    )
    if "10000" in big:
        for name in ("validate", "path"):
            ratio = big["10000"][name]["ratio_median"]
            checks.append(
                (
                    f"{name} at 10,000 roles: median {ratio}x <= {SCALE_BUDGET_RATIO}x "
                    "the time PyYAML takes to load the file",
                    ratio <= SCALE_BUDGET_RATIO,
                )
            )
    if "100000" in big:
        peak = max(r["peak_mib"] for r in big["100000"].values())
        checks.append(
            (
                f"peak memory at 100,000 roles {peak} MiB < {LARGE_MEMORY_BUDGET_MIB} MiB",
                peak < LARGE_MEMORY_BUDGET_MIB,
            )
        )
    for size, row in big.items():
        for name in ("validate", "path"):
            growth = row[name].get("growth_from_previous")
            if growth is not None:
                checks.append(
                    (
                        f"{name} growth to {int(size):,} roles: {growth}x <= {SCALE_GROWTH_BUDGET}x",
                        growth <= SCALE_GROWTH_BUDGET,
                    )
                )
    return checks


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    pairs = 5 if quick else 11
    sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000]
    with tempfile.TemporaryDirectory() as folder:
        pmpath = install_wheel(Path(folder))
        start = startup(pmpath, pairs)
        big = scale(pmpath, sizes, repeats=3 if quick else 5)
    checks = verdicts(start, big)
    report = {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pairs": pairs,
        "startup": start,
        "scale": big,
        "budgets": [{"check": text, "met": ok} for text, ok in checks],
    }
    width = shutil.get_terminal_size().columns
    print(f"pmpath benchmark, {report['date']}, {report['machine']}, Python {report['python']}")
    print(f'\nStart-up, {pairs} alternating pairs, ratio to `python -c "import yaml, json"`:')
    print(f"  {'command':<28} {'median':>7} {'min':>6} {'max':>6} {'ms':>7} {'floor ms':>9} {'peak MiB':>9}")
    for name, r in start.items():
        print(
            f"  {name:<28} {r['ratio_median']:>6}x {r['ratio_min']:>5}x {r['ratio_max']:>5}x "
            f"{r['ms_median']:>7} {r['floor_ms_median']:>9} {r['peak_mib']:>9}"
        )
    print("\nScale (generated ladders; median of runs, each parsing the YAML; x = growth):")
    header = ("roles", "command", "s", "x", "cpu s", "MiB", "floor s", "ratio")
    print("  {:>7}  {:<9} {:>8} {:>6} {:>6} {:>6} {:>8} {:>6}".format(*header))
    for size, row in big.items():
        for name in ("validate", "path"):
            r = row[name]
            cells = (
                f"{int(size):,}",
                name,
                f"{r['seconds_median']:.3f}",
                r.get("growth_from_previous", ""),
                f"{r['cpu_seconds_median']:.3f}",
                r["peak_mib"],
                r.get("floor_seconds_median", ""),
                f"{r['ratio_median']}x" if "ratio_median" in r else "",
            )
            print("  {:>7}  {:<9} {:>8} {:>6} {:>6} {:>6} {:>8} {:>6}".format(*cells))
    print("\nBudgets:")
    for text, ok in checks:
        print(f"  {'ok  ' if ok else 'MISS'} {text}"[:width])
    (HERE / "results.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nWrote {HERE / 'results.json'}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
