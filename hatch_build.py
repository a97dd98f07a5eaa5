"""Wheel build hook: ship the bundled ladder pre-parsed, as JSON.

Parsing data/roles.yaml on every command would cost a PyYAML import and ~9 ms;
parsing it once here costs nothing at run time. The JSON goes into the wheel as
pmpath/data/roles.json, beside the YAML (which `validate` still reads for line
numbers). The build fails if the YAML does not parse or the ladder is invalid.
Editable installs get no JSON and parse the YAML, so it can never go stale.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class BundledLadderHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":
            return
        root = Path(self.root)
        # The function the tests check the shipped file against, from this tree.
        sys.path.insert(0, str(root / "src"))
        try:
            from pmpath.ladder.bundled import compile_json
        finally:
            sys.path.remove(str(root / "src"))
        text = compile_json((root / "data" / "roles.yaml").read_text(encoding="utf-8"))
        self._folder = tempfile.mkdtemp(prefix="pmpath-build-")
        target = Path(self._folder) / "roles.json"
        target.write_text(text, encoding="utf-8")
        build_data["force_include"][str(target)] = "pmpath/data/roles.json"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
