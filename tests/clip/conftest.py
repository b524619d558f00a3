"""The clip tests' helpers live in clip_test_helpers.py (importable from the test modules)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clip_test_helpers import MINIMAL, write_spec  # noqa: E402


@pytest.fixture
def minimal_spec(tmp_path) -> Path:
    return write_spec(tmp_path / "minimal.toml", MINIMAL)
