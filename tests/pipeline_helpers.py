"""Helpers for the pipeline tests: run ``python -m scenes``, read media metadata with ffprobe."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

__all__ = ["REPO", "ffprobe", "run_scenes"]

REPO = Path(__file__).resolve().parents[1]


def ffprobe(path) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", "-print_format", "json", "-show_format",
                          "-show_streams", "-show_chapters", str(path)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def run_scenes(*args, env=None, timeout=3600, **kw) -> subprocess.CompletedProcess:
    """``python -m scenes ARGS`` from the repository root."""
    return subprocess.run([sys.executable, "-m", "scenes", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, env=env, timeout=timeout, **kw)


def ctrl_c_works() -> None:
    """``preexec_fn`` for a child that a test interrupts with SIGINT: give it the default SIGINT action.

    A background job of a non-interactive shell (``make test &`` in a script) starts with SIGINT ignored,
    and an ignored signal stays ignored in every child, so a Ctrl-C test would fail for the wrong reason
    (measured: a suite started that way failed all three Ctrl-C tests; its pytest process had SIGINT in
    /proc/PID/status SigIgn)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
