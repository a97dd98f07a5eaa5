"""pmpath's benchmark: start-up against a floor, and cost at scale.

    python bench/run.py            # full run (a few minutes)
    python bench/run.py --quick    # fewer repetitions, smaller scale sizes

Start-up: each command is timed alternately with the floor, `python -c
"import yaml, json"` from the same interpreter (the least any YAML-reading
Python CLI can cost), and reported as the median, min and max of the per-pair
ratios. Ratios, not seconds, so that figures from a busy machine still mean
something.

Scale: generated ladders of 1,000, 10,000 and 100,000 roles through
`validate` and `path` from the bottom to the top, with the growth factor
between sizes and the peak memory of each run. Each is run once cold (an
empty parse cache, so the YAML is parsed) and then warm (the cached parse
is reused, as on every later run over an unchanged file); budgets apply to
the warm median, and the cold figures are reported beside them.

Conditions: pmpath's modules are byte-compiled first, as `pip install` does
(an editable install under PYTHONDONTWRITEBYTECODE would otherwise compile
them on every run), and the parse cache lives in a temporary directory.

Prints a table and writes the same figures to bench/results.json. Exit 1 when
a budget is missed.
"""

from __future__ import annotations

import compileall
import importlib.util
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
FLOOR = [sys.executable, "-c", "import yaml, json"]
COMPLETION_ENV = {"_PMPATH_COMPLETE": "complete_bash", "COMP_WORDS": "pmpath show se", "COMP_CWORD": "2"}

BUDGETS = {
    "show senior --json": 2.0,
    "completion (show se<TAB>)": 2.0,
    "show senior": 3.0,
    "list": 3.0,
}
SCALE_BUDGET_SECONDS = 1.0  # validate and path at 10,000 roles
SCALE_GROWTH_BUDGET = 12.0  # ten times the roles, at most twelve times the time
MEMORY_BUDGET_MIB = 40.0  # peak on the bundled ladder


def pmpath_command() -> list[str]:
    script = Path(sys.executable).parent / "pmpath"
    return [str(script)] if script.exists() else [sys.executable, "-m", "pmpath"]


def prepare(cache_dir: str) -> None:
    spec = importlib.util.find_spec("pmpath")
    assert spec is not None and spec.submodule_search_locations, "pmpath is not installed"
    compileall.compile_dir(spec.submodule_search_locations[0], quiet=1)
    os.environ["PMPATH_CACHE_DIR"] = cache_dir
    os.environ.pop("PMPATH_NO_CACHE", None)
    os.environ.pop("PMPATH_LADDER", None)


def run_once(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time in seconds and peak resident memory in MiB of one process."""
    full_env = {**os.environ, **(env or {})}
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=full_env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}): {stderr}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def startup(pairs: int) -> dict[str, Any]:
    pmpath = pmpath_command()
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
            floor, _ = run_once(FLOOR)
            elapsed, peak = run_once(argv, env)
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
    """A ladder of `roles` roles: ten per level, each leading to three roles on
    the next level. Returns the ids at the bottom and the top."""
    per_level = 10
    levels = roles // per_level
    lines = ["title: Generated ladder", "roles:"]
    for index in range(roles):
        level = index // per_level
        if level + 1 < levels:
            base = (level + 1) * per_level
            targets = [f"r{base + (index * 3 + k) % per_level}" for k in range(3)]
            links = f", next: [{', '.join(targets)}]"
        else:
            links = ""
        lines.append(f"  - {{id: r{index}, title: Role {index}, level: {level}{links}}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "r0", f"r{roles - 1}"


def scale(sizes: list[int], repeats: int) -> dict[str, Any]:
    pmpath = pmpath_command()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"ladder-{size}.yaml"
            bottom, top = generate_ladder(size, path)
            row: dict[str, Any] = {}
            for name, argv in {
                "validate": [*pmpath, "validate", str(path)],
                "path": [*pmpath, "--ladder", str(path), "path", bottom, top, "--json"],
            }.items():
                empty_cache = {"PMPATH_CACHE_DIR": tempfile.mkdtemp(dir=folder)}
                cold_seconds, cold_peak = run_once(argv, empty_cache)
                warm = [run_once(argv, empty_cache) for _ in range(repeats)]
                row[name] = {
                    "seconds_median": round(statistics.median(t for t, _ in warm), 3),
                    "peak_mib": round(max(m for _, m in warm), 1),
                    "cold_seconds": round(cold_seconds, 3),
                    "cold_peak_mib": round(cold_peak, 1),
                }
            results[str(size)] = row
    for name in ("validate", "path"):
        for small, large in itertools.pairwise(sizes):
            for key, growth_key in (
                ("seconds_median", "growth_from_previous"),
                ("cold_seconds", "cold_growth"),
            ):
                growth = results[str(large)][name][key] / results[str(small)][name][key]
                results[str(large)][name][growth_key] = round(growth, 2)
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
            seconds = big["10000"][name]["seconds_median"]
            checks.append(
                (
                    f"{name} at 10,000 roles: {seconds} s < {SCALE_BUDGET_SECONDS} s",
                    seconds < SCALE_BUDGET_SECONDS,
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
    with tempfile.TemporaryDirectory() as cache_dir:
        prepare(cache_dir)
        start = startup(pairs)
        big = scale(sizes, repeats=3 if quick else 5)
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
    print("\nScale (generated ladders; warm = median of runs reusing the parse cache; x = growth):")
    header = ("roles", "command", "warm s", "x", "MiB", "cold s", "x", "MiB")
    print("  {:>7}  {:<9} {:>8} {:>6} {:>6}   {:>8} {:>6} {:>6}".format(*header))
    for size, row in big.items():
        for name in ("validate", "path"):
            r = row[name]
            cells = (
                f"{int(size):,}",
                name,
                f"{r['seconds_median']:.3f}",
                r.get("growth_from_previous", ""),
                r["peak_mib"],
                f"{r['cold_seconds']:.3f}",
                r.get("cold_growth", ""),
                r["cold_peak_mib"],
            )
            print("  {:>7}  {:<9} {:>8} {:>6} {:>6}   {:>8} {:>6} {:>6}".format(*cells))
    print("\nBudgets:")
    for text, ok in checks:
        print(f"  {'ok  ' if ok else 'MISS'} {text}"[:width])
    (HERE / "results.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nWrote {HERE / 'results.json'}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
