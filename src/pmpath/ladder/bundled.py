"""The bundled ladder, parsed when the wheel is built rather than on every run.

hatch_build.py calls `compile_json` on data/roles.yaml and ships the result as
pmpath/data/roles.json beside the YAML. Ordinary commands on the bundled ladder
then read that JSON (about a millisecond; parsing the YAML costs ~9 ms and
importing PyYAML more) and build it through the same Builder, so every check
still runs. `validate` still reads the YAML, which alone has line numbers. A
source checkout or editable install has no JSON, and parses the YAML instead.

Nothing is ever written at run time: the JSON exists only inside an installed
package, where it was put together with the YAML it came from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pmpath.ladder.building import Builder


def json_path() -> Path:
    """Where an installed wheel keeps the pre-parsed bundled ladder."""
    return Path(__file__).resolve().parent.parent / "data" / "roles.json"


def load_data() -> Any | None:
    """The pre-parsed bundled ladder, or None when there is none to read
    (a checkout) or it is unreadable; the caller then parses the YAML."""
    try:
        with open(json_path(), "rb") as handle:
            return json.loads(handle.read())
    except (OSError, ValueError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return None


def compile_json(yaml_text: str) -> str:
    """The JSON to ship for the bundled ladder: exactly `yaml.safe_load` of
    the YAML. Raises (failing the build) if the YAML does not parse, if the
    ladder has errors, or if JSON cannot hold the data exactly."""
    import yaml

    data = yaml.safe_load(yaml_text)
    builder = Builder()
    builder.build(data, Path("data/roles.yaml"))
    errors = [p.format("data/roles.yaml") for p in builder.problems if not p.warning]
    if errors:
        raise ValueError("the bundled ladder is invalid:\n" + "\n".join(errors))
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    except TypeError:  # dates and the like
        text = ""
    if not text or json.loads(text) != data:  # number keys would come back as text
        raise ValueError("the bundled ladder holds values JSON cannot represent exactly")
    return text
