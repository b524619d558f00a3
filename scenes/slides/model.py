"""What a deck is made of, independent of its format: slides, and the clips they play."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Clip", "Slide", "slug"]


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe form of ``text``: lower-case ASCII words joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:limit].strip("-") or "clip"


@dataclass(frozen=True)
class Clip:
    """A video in the deck folder (paths relative to it), as a slide plays it."""

    video: str            # clips/NAME.mp4: silent H.264
    poster: str           # clips/NAME.jpg: its first frame
    width: int
    height: int
    duration: float       # seconds
    loop: bool            # loops seamlessly; otherwise plays once and holds its last frame
    vtt: str = ""         # WebVTT subtitles (empty: none)
    audio: str = ""       # clips/NAME.m4a: the narration (with --audio)

    @property
    def aspect(self) -> float:
        return self.width / self.height


@dataclass(frozen=True)
class Slide:
    """One slide. ``kind``: "deck" (the opening title), "text" (paragraphs), "proscons", "chapter"
    (a chapter's title), "beat" (a chapter's beat, full frame) or "clip" (a custom clip, full frame)."""

    kind: str
    title: str
    notes: str
    clip: Clip | None = None
    kicker: str = ""                 # a small line above the title ("Chapter 3")
    text: str = ""                   # a paragraph under the title
    points: tuple[str, ...] = ()
    keys: str = ""                   # the browser deck's keyboard help (the opening slide)
    pros: tuple[str, ...] = ()
    cons: tuple[str, ...] = ()
    chapter: int = 0
