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
    proc = run_scenes("render", "--quality", "low", "--jobs", "2", "--media-dir", media, env=env)
    if proc.returncode != 0:
        pytest.fail(f"render of all chapters failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return media
