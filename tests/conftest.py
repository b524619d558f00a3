"""Shared fixtures: the whole explainer rendered once per session at low quality (slow)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline_helpers import run_scenes


def _media_dir(tmp_path_factory, name: str) -> Path:
    """A fresh folder, or with ``OPTIM_TEST_MEDIA=DIR`` the folder ``DIR/name`` kept between runs: the
    incremental build then renders only the chapters whose inputs changed (a developer's re-run after
    editing one chapter; CI never sets it)."""
    keep = os.environ.get("OPTIM_TEST_MEDIA")
    if keep:
        path = Path(keep) / name
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp(name)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> Path:
    """Media folder with every existing chapter rendered at -ql with the default voice, and joined."""
    from scenes import registry

    if not registry.chapters():
        pytest.skip("no chapter files exist yet")
    media = _media_dir(tmp_path_factory, "media")
    env = {k: v for k, v in os.environ.items() if k != "OPTIM_VOICE"}
    env["OPTIM_AUDIT"] = str(media / "audit")  # what each chapter showed, for tests/test_grammar.py
    proc = run_scenes("render", "--quality", "low", "--jobs", "2", "--media-dir", media, env=env, timeout=4800)
    if proc.returncode != 0:
        pytest.fail(f"render of all chapters failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return media


@pytest.fixture(scope="session")
def rendered_stock(rendered, tmp_path_factory) -> Path:
    """The same chapters rendered again with stock manim (``--no-speedups``), with the same voice
    files (copied from the first render's voice cache, so the timing is the same)."""
    import shutil

    media = _media_dir(tmp_path_factory, "media_stock")
    if (rendered / "voiceovers").is_dir():
        shutil.copytree(rendered / "voiceovers", media / "voiceovers", dirs_exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("OPTIM_VOICE", "OPTIM_SPEEDUPS", "OPTIM_AUDIT")}
    from scenes import registry

    names = [c.scene for c in registry.chapters()]
    proc = run_scenes("render", *names, "--quality", "low", "--jobs", "2", "--media-dir", media,
                      "--no-speedups", env=env, timeout=4800)
    if proc.returncode != 0:
        pytest.fail(f"stock render of all chapters failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return media
