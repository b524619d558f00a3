"""Helpers for the slides tests: run the command, read the deck's slides, compare frames."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import numpy as np

__all__ = ["REPO", "TINY_CLIP", "Built", "run_slides", "deck_sections", "frame_at", "image", "mean_diff", "changed"]

REPO = Path(__file__).resolve().parents[2]

#: a short custom clip: square, so the .pptx must fit it inside a 16:9 slide
TINY_CLIP = """
[landscape]
name = "bowl"

[[optimizer]]
name = "gd"
lr = 0.1

[[optimizer]]
name = "adam"
lr = 0.3

[run]
steps = 30

[video]
aspect = "1:1"
title = "Tiny race"
duration = 1.0
"""


@dataclass
class Built:
    root: Path
    deck: Path
    pptx: Path
    media: Path
    proc: subprocess.CompletedProcess


def run_slides(*args, timeout: float = 600, env=None) -> subprocess.CompletedProcess:
    """``python -m scenes slides ARGS`` from the repository root."""
    return subprocess.run([sys.executable, "-m", "scenes", "slides", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=timeout, env=env)


class _Sections(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            self.sections.append({"kind": a.get("data-kind"), "title": a.get("data-title"), "videos": [],
                                  "audio": []})
        elif tag == "video" and self.sections:
            self.sections[-1]["videos"].append(a)
        elif tag == "audio" and self.sections:
            self.sections[-1]["audio"].append(a)


def deck_sections(deck: Path) -> list[dict]:
    """Every slide of ``deck/index.html``: its kind, title and the attributes of its media."""
    parser = _Sections()
    parser.feed((deck / "index.html").read_text(encoding="utf-8"))
    return parser.sections


def frame_at(video: Path, seconds: float) -> np.ndarray:
    """The first frame whose time stamp is at or after ``seconds`` (RGB uint8), decoded by ffmpeg."""
    out = subprocess.run(["ffmpeg", "-v", "error", "-ss", f"{seconds:.4f}", "-i", str(video), "-frames:v", "1",
                          "-f", "image2pipe", "-vcodec", "png", "-"], capture_output=True, check=True).stdout
    return image(out)


def image(data) -> np.ndarray:
    """An image file (path or bytes) as an RGB uint8 array."""
    import io

    from PIL import Image

    src = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    with Image.open(src) as im:
        return np.asarray(im.convert("RGB"))


def mean_diff(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference per channel (0-255); the second image is resized to the first's size."""
    from PIL import Image

    if a.shape != b.shape:
        b = np.asarray(Image.fromarray(b).resize((a.shape[1], a.shape[0])))
    return float(np.abs(a.astype(float) - b.astype(float)).mean())


def changed(a: np.ndarray, b: np.ndarray, threshold: int = 30) -> float:
    """The fraction of pixels that differ by more than ``threshold`` in some channel."""
    return float((np.abs(a.astype(int) - b.astype(int)).max(axis=2) > threshold).mean())
