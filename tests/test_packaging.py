"""The sdist and wheel as a package index would get them: the licence the
metadata declares, every file the README links to, classifiers and keywords."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from email.message import Message
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return sdist, wheel


def sdist_names(sdist: Path) -> set[str]:
    with tarfile.open(sdist) as tar:
        return {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}


def wheel_metadata(wheel: Path) -> tuple[Message, set[str]]:
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
        (meta,) = (n for n in names if n.endswith(".dist-info/METADATA"))
        return Parser().parsestr(whl.read(meta).decode("utf-8")), names


def test_the_licence_file_matches_the_declared_licence() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^license = "MIT"$', pyproject, re.M)
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "Permission is hereby granted, free of charge" in text


def test_the_sdist_holds_the_licence_and_everything_the_readme_links_to(built: tuple[Path, Path]) -> None:
    names = sdist_names(built[0])
    links = set(re.findall(r"\]\(((?!https?:|#)[^)\s]+)\)", README))
    assert "docs/show-senior.svg" in links
    named = {"bench/run.py", "scripts/update_readme.py"}
    assert named <= set(re.findall(r"`((?:bench|scripts)/[\w./]+)`", README))
    missing = sorted((links | named | {"LICENSE", "README.md"}) - names)
    assert not missing, missing


def test_the_wheel_metadata_has_licence_classifiers_and_keywords(built: tuple[Path, Path]) -> None:
    meta, names = wheel_metadata(built[1])
    assert meta["License-Expression"] == "MIT"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    classifiers = meta.get_all("Classifier") or []
    assert "Environment :: Console" in classifiers
    assert "Programming Language :: Python :: 3" in classifiers
    keywords = str(meta["Keywords"]).split(",")
    assert "product-management" in keywords
