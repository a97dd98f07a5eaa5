"""Refresh the example output blocks in README.md from the real program.

Each block looks like this in the README, and everything between the markers
is replaced by what the command prints (at 100 columns, without colour):

    <!-- example: pmpath show senior -->
    ```
    ...
    ```
    <!-- /example -->

Usage: python scripts/update_readme.py [--check]
With --check, exit 1 (and change nothing) when the README is out of date.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"(<!-- example: (?P<cmd>.+?) -->\n)(?P<body>.*?)(<!-- /example -->)", re.S)


def run(command: str) -> str:
    args = shlex.split(command)
    assert args[0] == "pmpath", command
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    env.pop("PMPATH_LADDER", None)
    shell = "|" in command
    result = subprocess.run(
        command if shell else [sys.executable, "-m", "pmpath", *args[1:]],
        shell=shell,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    out = result.stdout + result.stderr
    lines = [line.rstrip() for line in out.splitlines()]
    if result.returncode:
        lines.append(f"(exit code {result.returncode})")
    return "\n".join(lines)


def refresh(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        body = run(match.group("cmd"))
        language = "json" if match.group("cmd").endswith("--json") else ""
        return f"{match.group(1)}```{language}\n$ {match.group('cmd')}\n{body}\n```\n{match.group(4)}"

    return BLOCK.sub(replace, text)


def main() -> int:
    current = README.read_text(encoding="utf-8")
    fresh = refresh(current)
    if "--check" in sys.argv[1:]:
        if fresh != current:
            print("README.md examples are out of date: run python scripts/update_readme.py")
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
