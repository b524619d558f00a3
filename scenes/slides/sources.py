"""Where a deck's videos come from: chapters (rendered when missing) and clip-generator specs (cached)."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
from pathlib import Path

from scenes.pipeline.errors import PipelineError
from scenes.pipeline.parts import Part
from scenes.pipeline.render import chapter_paths, render_parts
from scenes.pipeline.tools import check_tools
from scenes.registry import REPO

from .cuts import video_info

__all__ = ["QUALITY_HEIGHT", "load_clip_spec", "intro_spec", "cached_clip", "chapter_ready", "ensure_chapters",
           "prerender_clips"]

#: --quality -> the frame height a chapter rendered at that quality has
QUALITY_HEIGHT = {"low": 480, "medium": 720, "high": 1080, "4k": 2160}
#: what a clip in a deck must be, whatever its spec says: an MP4 that loops seamlessly
_CLIP_OVERRIDES = (("video.format", "mp4"), ("video.loop", True))
#: the code a rendered clip depends on: a change to any of it renders cached clips anew
_CLIP_CODE = ("scenes/clip", "scenes/kit", "optim_core")


def load_clip_spec(path: str, quality: str):
    """A ``--clip`` spec, checked, at the deck's quality, as a looping MP4 (PipelineError when bad)."""
    from scenes.clip.spec import SpecError, load_spec

    overrides = [("video.quality", quality), *_CLIP_OVERRIDES]
    try:
        return load_spec(path, overrides)
    except SpecError as e:
        raise PipelineError(f"--clip {path}: {e}") from None


def intro_spec(data: dict, quality: str, source: str):
    """An opening slide's spec at the deck's quality."""
    from scenes.clip.spec import parse_spec

    data = copy.deepcopy(data)
    data["video"].update(quality=quality, format="mp4", loop=True)
    return parse_spec(data, source=source)


def _code_digest() -> str:
    h = hashlib.sha256()
    for root in _CLIP_CODE:
        for f in sorted((REPO / root).rglob("*.py")):
            h.update(f.relative_to(REPO).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def _spec_key(spec) -> str:
    fields = dataclasses.asdict(spec)
    fields.pop("source", None)
    text = json.dumps(fields, sort_keys=True, default=str)
    return hashlib.sha256((text + _code_digest()).encode()).hexdigest()[:16]


def cached_clip(spec, cache: Path, name: str) -> Path:
    """The clip ``spec`` renders, from ``cache`` when it was rendered before (same spec, same code)."""
    from scenes.clip.render import render_clip

    out = Path(cache) / f"{name}-{_spec_key(spec)}.mp4"
    if not out.is_file():
        out.parent.mkdir(parents=True, exist_ok=True)
        render_clip(spec, out)  # written under a temporary name, moved into place when complete
    return out


def chapter_ready(media: Path, part: Part, quality: str) -> bool:
    """Whether the chapter's video and subtitles are in ``media`` at ``quality``'s frame height."""
    mp4, srt = chapter_paths(media, part)
    if not (mp4.is_file() and srt.is_file()):
        return False
    try:
        return video_info(mp4).height == QUALITY_HEIGHT[quality]
    except Exception:  # unreadable: render it again
        return False


def ensure_chapters(parts: list[Part], quality: str, voice: str, media: Path, console, jobs: int = 1,
                    scheduler: str | None = None, force: bool = False) -> list[Part]:
    """Render the chapters that are missing or at another quality (in ``voice``), and those whose
    scene or project code changed since ``python -m scenes render`` stored their inputs key beside them
    (again in the voice they were rendered with: a deck does not re-voice finished chapters); all of
    them with ``force``. With ``scheduler`` they render as tasks on that Dask cluster. Return those
    rendered."""
    from scenes.pipeline.build import PartUnit
    from scenes.pipeline.inputs import read_sidecar

    def recorded_voice(p: Part) -> str | None:
        doc = read_sidecar(PartUnit(p, quality, voice, media).sidecar) or {}
        return ((doc.get("settings") or {}).get("voice") or {}).get("voice")

    groups: dict[str, list[Part]] = {}
    for p in parts:
        if force or not chapter_ready(media, p, quality):
            groups.setdefault(voice, []).append(p)
            continue
        own = recorded_voice(p)
        if own is not None and not PartUnit(p, quality, own, media).up_to_date():
            groups.setdefault(own, []).append(p)
    todo = [p for group in groups.values() for p in group]
    if todo:
        check_tools()  # ffmpeg, LaTeX: each missing one named with its package
    for v, group in groups.items():
        render_parts(group, quality, v, media, jobs=jobs, console=console, scheduler=scheduler,
                     title=f"rendering {len(group)} chapter(s) at {quality} quality, voice {v}")
    return todo


def prerender_clips(specs: list, names: list[str], cache: Path, scheduler: str | None, jobs: int = 1,
                    console=None) -> None:
    """Render the clips not yet in ``cache`` as units (on ``scheduler`` when given), to the paths
    ``cached_clip`` looks for."""
    from scenes.clip.batch import ClipUnit
    from scenes.pipeline.build import run_units

    units = []
    for i, (spec, name) in enumerate(zip(specs, names), 1):
        out = Path(cache) / f"{name}-{_spec_key(spec)}.mp4"
        if not out.is_file():
            out.parent.mkdir(parents=True, exist_ok=True)
            units.append(ClipUnit(spec, out, number=i))
    if units:
        run_units(units, jobs=jobs, scheduler=scheduler, force=True, console=console,
                  title=f"rendering {len(units)} clip(s) for the deck")
