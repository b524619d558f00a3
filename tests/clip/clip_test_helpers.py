"""Helpers for the clip tests: run the CLI in a subprocess, read a video's metadata and frames with PyAV."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np


REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "clips"


def run_clip(*args, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python -m scenes clip ARGS`` in a subprocess (from the repository root, like a user)."""
    env = dict(os.environ)
    env.pop("CLIP_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "scenes", "clip", *[str(a) for a in args]],
        cwd=cwd or REPO, capture_output=True, text=True, timeout=timeout, env=env,
    )


@dataclass
class VideoInfo:
    codec: str
    pix_fmt: str
    width: int
    height: int
    fps: float
    frames: list  # decoded frames, RGBA uint8 arrays
    duration: float  # seconds, from the container


def read_video(path: Path) -> VideoInfo:
    """Decode every frame (RGBA) and read the stream's codec, pixel format, size and rate."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        codec = stream.codec_context.name
        pix_fmt = stream.codec_context.pix_fmt or ""
        rate = stream.guessed_rate or stream.average_rate  # gif delays are centiseconds: 7, 6, 7 for 15 fps
        frames = [f.to_ndarray(format="rgba") for f in container.decode(stream)]
        width, height = stream.codec_context.width, stream.codec_context.height
        duration = container.duration / 1e6 if container.duration else len(frames) / float(rate)
    return VideoInfo(codec, pix_fmt, width, height, float(rate), frames, duration)


def frame_difference(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference of two frames' colour channels, in 0..255."""
    return float(np.abs(a[..., :3].astype(float) - b[..., :3].astype(float)).mean())


def write_spec(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


#: The smallest valid spec; tests add or change sections.
MINIMAL = '''
[landscape]
name = "bowl"

[[optimizer]]
name = "adam"
lr = 0.1
'''


