"""reveal.js, installed once from its npm package into a cache outside git and copied into every deck."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from scenes.pipeline.errors import PipelineError
from scenes.registry import REPO

__all__ = ["REVEAL_VERSION", "REVEAL_FILES", "reveal_dir", "install_hint", "check_reveal", "copy_reveal"]

#: the exact reveal.js release every deck carries (scripts/setup.sh reads this line)
REVEAL_VERSION = "6.0.2"
#: what a deck needs from the package (paths inside it); the theme's fonts are embedded in its CSS
REVEAL_FILES = ("dist/reset.css", "dist/reveal.css", "dist/theme/black.css", "dist/reveal.js",
                "dist/plugin/notes.js", "LICENSE")
#: environment variable naming another unpacked reveal.js package folder (same version)
ENV = "OPTIM_REVEAL_DIR"


def _cache_root() -> Path:
    return REPO / ".venv" / "share" / "reveal.js" / REVEAL_VERSION


def reveal_dir() -> Path:
    """The unpacked package: ``$OPTIM_REVEAL_DIR`` or ``.venv/share/reveal.js/VERSION/node_modules/reveal.js``."""
    override = os.environ.get(ENV, "").strip()
    return Path(override) if override else _cache_root() / "node_modules" / "reveal.js"


def install_hint() -> str:
    return (f"run `make setup` (or `npm install --prefix {_cache_root().relative_to(REPO)} "
            f"--no-save reveal.js@{REVEAL_VERSION}`)")


def check_reveal() -> Path:
    """The package folder, or PipelineError when it is missing, incomplete or another version."""
    root = reveal_dir()
    try:
        version = json.loads((root / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        raise PipelineError(f"reveal.js {REVEAL_VERSION} is not installed in {root}; {install_hint()}") from None
    if version != REVEAL_VERSION:
        raise PipelineError(f"{root} holds reveal.js {version}, the decks need {REVEAL_VERSION}; {install_hint()}")
    missing = [f for f in REVEAL_FILES if not (root / f).is_file()]
    if missing:
        raise PipelineError(f"reveal.js in {root} lacks {missing[0]}; {install_hint()}")
    return root


def copy_reveal(deck: Path) -> Path:
    """Copy the files a deck needs to ``deck/reveal/`` (same layout as ``dist/``); return that folder."""
    root = check_reveal()
    target = deck / "reveal"
    for name in REVEAL_FILES:
        dst = target / name.removeprefix("dist/")
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / name, dst)
    return target
