"""A chapter's beats as slides: read ``NN_Scene.beats.json``, keep the usable ones, and their subtitles."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from scenes.pipeline.media import Cue, _stamp

__all__ = ["Beat", "read_beats", "slide_beats", "beat_cues", "webvtt", "MIN_BEAT_SECONDS", "SKIPPED_BEATS"]

#: a beat shorter than this (a frame or two) is not worth a slide
MIN_BEAT_SECONDS = 0.25
#: beats the deck shows in its own way: the chapter's title card becomes the deck's title slide
SKIPPED_BEATS = ("title",)


@dataclass(frozen=True)
class Beat:
    """One slide's stretch of a chapter video (seconds), whether it loops, and what the voice says."""

    name: str
    start: float
    end: float
    loop: bool = False
    narration: tuple[str, ...] = ()

    @property
    def duration(self) -> float:
        return self.end - self.start


def read_beats(path: Path) -> list[Beat]:
    """Every beat a scene recorded (an absent or unreadable file: none)."""
    try:
        data = json.loads(Path(path).read_text())
        raw = data["beats"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    beats = []
    for b in raw if isinstance(raw, list) else []:
        try:
            narration = tuple(str(t) for t in b.get("narration") or ())
            beats.append(Beat(str(b["name"]), float(b["start"]), float(b["end"]), bool(b.get("loop")), narration))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return beats


def _usable(beats: list[Beat], duration: float) -> list[Beat]:
    """Beats inside the video, in order, long enough, not skipped, and not overlapping an earlier one."""
    out: list[Beat] = []
    for b in sorted(beats, key=lambda b: (b.start, -b.end)):
        start, end = max(0.0, b.start), min(duration, b.end)
        if b.name in SKIPPED_BEATS or end - start < MIN_BEAT_SECONDS:
            continue
        if out and start < out[-1].end - 1e-6:  # a beat nested in another (or overlapping it)
            continue
        out.append(Beat(b.name, start, end, b.loop, b.narration))
    return out


def slide_beats(beats: list[Beat], duration: float, cues: list[Cue] = ()) -> list[Beat]:
    """The beats that become slides; a chapter with none becomes one slide with the whole chapter
    (its notes: every subtitle line)."""
    usable = _usable(beats, duration)
    if usable:
        return usable
    return [Beat("whole chapter", 0.0, duration, False, tuple(c.text.replace("\n", " ") for c in cues))]


def beat_cues(cues: list[Cue], beat: Beat) -> list[Cue]:
    """The chapter's subtitle cues that overlap ``beat``, shifted to the beat's own clock and cut to it."""
    out = []
    for c in cues:
        start, end = max(c.start, beat.start), min(c.end, beat.end)
        if end - start > 0.05:
            out.append(Cue(round(start - beat.start, 3), round(end - beat.start, 3), c.text))
    return out


def _vtt_time(t: float) -> str:
    """WebVTT's time: the SRT stamp with a full stop before the milliseconds."""
    return _stamp(t).replace(",", ".")


def webvtt(cues: list[Cue]) -> str:
    """A WebVTT file for ``cues`` (the text track of a slide's video)."""
    blocks = ["WEBVTT", ""]
    for i, c in enumerate(cues, 1):
        text = c.text.replace("-->", "->").strip()
        blocks += [str(i), f"{_vtt_time(c.start)} --> {_vtt_time(c.end)}", text, ""]
    return "\n".join(blocks)
