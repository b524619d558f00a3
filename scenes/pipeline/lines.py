"""``python -m scenes lines``: every spoken line of the rendered chapters, timed in a voice.

Two uses:

- **Recording your own voice** (``--voice recorded:DIR``): the list says, for each line of each
  chapter, the file ``DIR/<slug>.wav`` that ``recorded:DIR`` will read, and marks the lines not yet
  recorded (exit status 1 while any is missing).
- **Writing narration**: ``--say "A sentence." "Another one."`` speaks candidate sentences in the
  voice the video ships with and prints how long each takes, before a chapter is rendered with them.

The lines come from the chapter's ``beats.json`` (written by every render, at any quality, beside
the chapter's mp4), so a chapter is listed once it has been rendered into the media folder. The
timing voice uses the same cache as the render (``MEDIA/voiceovers/<Scene>``): a line the render
already spoke is not spoken again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import PipelineError
from .parts import Part
from .render import chapter_paths, not_rendered
from .tools import narration

__all__ = ["Line", "beats_path", "chapter_lines", "time_lines", "format_report"]

#: where ``--say`` caches the sentences it speaks (beside the chapters' voice caches)
SAY_CACHE = "_lines"


@dataclass(frozen=True)
class Line:
    text: str
    file: str                 # what ``recorded:DIR`` reads: DIR/<file>
    seconds: float | None     # None: this voice has no audio for it (a missing recording)


def beats_path(media: Path, part: Part) -> Path:
    """The beats file a render writes beside the chapter's mp4 (its narration, beat by beat)."""
    return chapter_paths(media, part)[0].with_suffix(".beats.json")


def chapter_lines(media: Path, part: Part) -> list[str]:
    """The narration of one rendered chapter, in spoken order (one entry per voice-over block)."""
    beats = beats_path(media, part)
    if not beats.exists():
        raise not_rendered(media, part)
    try:
        data = json.loads(beats.read_text())
        return [text for beat in data["beats"] for text in beat.get("narration", [])]
    except (ValueError, KeyError, TypeError) as e:
        raise PipelineError(f"{beats} is not a beats file ({e}); render chapter {part.number} again") from None


def time_lines(texts: list[str], voice: str, cache: Path) -> list[Line]:
    """Each text spoken (or found in ``cache``) by ``voice``: its length in seconds and file name."""
    nar = narration()
    cache.mkdir(parents=True, exist_ok=True)
    service = nar.make_service(voice, cache_dir=str(cache))
    out = []
    try:
        for text in texts:
            try:
                audio = service.generate_from_text(text)["original_audio"]
                seconds = nar.wav_duration(cache / audio)
            except nar.VoiceError:
                if nar.parse_voice(voice)[0] != "recorded":
                    raise
                seconds = None
            out.append(Line(text, nar.slug(text) + ".wav", seconds))
    finally:
        close = getattr(service, "close", None)
        if close is not None:
            close()
    return out


def format_report(title: str, lines: list[Line]) -> list[str]:
    """A heading (lines, seconds, missing) and one tab-separated row per line: seconds, file, text."""
    spoken = [ln.seconds for ln in lines if ln.seconds is not None]
    missing = len(lines) - len(spoken)
    head = f"# {title}: {len(lines)} lines, {sum(spoken):.1f} s spoken"
    rows = [head + (f", {missing} not recorded" if missing else "")]
    for ln in lines:
        rows.append(f"{'missing' if ln.seconds is None else f'{ln.seconds:.2f}'}\t{ln.file}\t{ln.text}")
    return rows
