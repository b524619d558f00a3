"""Shared fixtures: the whole explainer rendered once per session at low quality (slow)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline_helpers import run_scenes


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> Path:
    """Media folder with every existing chapter rendered at -ql with the default voice, and joined."""
    from scenes import registry

    if not registry.chapters():
        pytest.skip("no chapter files exist yet")
    media = tmp_path_factory.mktemp("media")
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

    media = tmp_path_factory.mktemp("media_stock")
    if (rendered / "voiceovers").is_dir():
        shutil.copytree(rendered / "voiceovers", media / "voiceovers")
    env = {k: v for k, v in os.environ.items() if k not in ("OPTIM_VOICE", "OPTIM_SPEEDUPS", "OPTIM_AUDIT")}
    from scenes import registry

    names = [c.scene for c in registry.chapters()]
    proc = run_scenes("render", *names, "--quality", "low", "--jobs", "2", "--media-dir", media,
                      "--no-speedups", env=env, timeout=4800)
    if proc.returncode != 0:
        pytest.fail(f"stock render of all chapters failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return media
