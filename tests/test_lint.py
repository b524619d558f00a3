"""The lint: ruff with pyflakes' rules (``[tool.ruff]`` in pyproject.toml) finds nothing in the repository."""

from __future__ import annotations

import subprocess
import sys

from pipeline_helpers import REPO


def test_ruff_finds_nothing():
    out = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                         cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, f"ruff check found problems:\n{out.stdout[-3000:]}{out.stderr[-1000:]}"
