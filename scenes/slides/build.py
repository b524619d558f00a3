"""Build a deck: check every input first, make the slides in a temporary folder, then move the deck
(and the .pptx) into place, so a failed or interrupted build leaves nothing half-written."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from scenes.pipeline.errors import PipelineError, RenderFailed
from scenes.pipeline.media import FFmpegError, read_srt
from scenes.pipeline.parts import Part, class_attrs, resolve_parts
from scenes.pipeline.render import chapter_paths
from scenes.pipeline.tools import check_tools
from scenes.registry import REPO

from .beats import beat_cues, read_beats, slide_beats, webvtt
from .cuts import cut_audio, cut_clip, poster_frame, video_info
from .html import write_html
from .intro import INTRO, IntroSlide
from .model import Clip, Slide, slug
from .pptx_deck import write_pptx
from .sources import cached_clip, ensure_chapters, intro_spec, load_clip_spec, prerender_clips
from .vendor import check_reveal, copy_reveal

__all__ = ["DeckRequest", "Deck", "MARKER", "DECK_TITLE", "build_deck", "check_output_dir", "check_pptx_path"]

#: written into every deck: a later build may replace a folder that has it, and no other
MARKER = "optim-deck.json"
DECK_TITLE = "Optimizers, explained"


@dataclass
class DeckRequest:
    """What ``python -m scenes slides`` was asked for."""

    scenes: list[str]
    output: Path
    clips: list[str] = field(default_factory=list)
    pptx: Path | None = None
    quality: str = "high"
    voice: str = "none"
    audio: bool = False
    media_dir: Path = REPO / "media"
    intro: bool = True
    jobs: int = 1
    scheduler: str | None = None  # render on this Dask scheduler (scenes.pipeline.cluster)
    force: bool = False            # render the chapters even when their inputs key matches


@dataclass
class Deck:
    path: Path
    pptx: Path | None
    slides: list[Slide]

    @property
    def size(self) -> int:
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())


# ----------------------------------------------------------------------------- checks
def _writable_dir(parent: Path, what: str) -> None:
    if not parent.exists():
        raise PipelineError(f"cannot write {what}: the folder {str(parent)!r} does not exist")
    if not parent.is_dir():
        raise PipelineError(f"cannot write {what}: {str(parent)!r} is not a folder")
    try:
        fd, probe = tempfile.mkstemp(prefix=".slides-probe.", dir=parent)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise PipelineError(f"cannot write {what}: {e.strerror or e} in {str(parent)!r}") from None


def check_output_dir(output) -> Path:
    """The deck folder: new, empty, or a deck an earlier build made (it is replaced when the new one is done)."""
    out = Path(output).expanduser().absolute()
    if out.exists():
        if not out.is_dir():
            raise PipelineError(f"-o {output}: exists and is not a folder; give a new folder for the deck")
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise PipelineError(f"-o {output}: the folder is not empty and is not a deck made by this command; "
                                "give a new or empty folder")
    _writable_dir(out.parent, f"the deck {str(output)!r}")
    return out


def check_pptx_path(pptx, deck: Path | None = None) -> Path | None:
    """The .pptx to write (outside the deck folder), or None."""
    if pptx is None:
        return None
    path = Path(pptx).expanduser().absolute()
    if path.suffix.lower() != ".pptx":
        raise PipelineError(f"--pptx {pptx}: the file name must end in .pptx")
    if path.is_dir():
        raise PipelineError(f"--pptx {pptx}: is a folder; give a file name ending in .pptx")
    if deck is not None and deck in path.parents:
        raise PipelineError(f"--pptx {pptx}: put the .pptx outside the deck folder {str(deck)!r}")
    _writable_dir(path.parent, f"{str(pptx)!r}")
    if path.exists() and not os.access(path, os.W_OK):
        raise PipelineError(f"--pptx {pptx}: the existing file is read-only")
    return path


# ----------------------------------------------------------------------------- slides
class _Stage:
    """The deck being made: its temporary folder, the ffmpeg log, the clip cache."""

    def __init__(self, root: Path, media: Path, quality: str, audio: bool, console):
        self.root, self.media, self.quality, self.audio, self.console = root, media, quality, audio, console
        self.log = media / "logs" / "slides.log"
        self.cache = media / "slides" / "clips"
        (root / "clips").mkdir(parents=True)
        self.log.parent.mkdir(parents=True, exist_ok=True)

    def say(self, text: str) -> None:
        if self.console is not None:
            self.console.print(text, highlight=False, markup=False)

    def place_clip(self, src: Path, name: str, loop: bool, vtt: str = "", audio: str = "") -> Clip:
        """``src`` (already silent H.264) copied into the deck, with its poster frame."""
        video = self.root / "clips" / f"{name}.mp4"
        if src != video:
            shutil.copyfile(src, video)
        poster = video.with_suffix(".jpg")
        poster_frame(video, poster, self.log)
        info = video_info(video)
        if vtt:
            video.with_suffix(".vtt").write_text(vtt, encoding="utf-8")
        return Clip(f"clips/{video.name}", f"clips/{poster.name}", info.width, info.height, info.duration,
                    loop, vtt, audio)


def _deck_slide(parts: list[Part], n_clips: int, audio: bool) -> Slide:
    def count(n: int, what: str) -> list[str]:
        return [f"{n} {what}{'' if n == 1 else 's'}"] if n else []

    what = count(len(parts), "chapter") + count(n_clips, "custom clip")
    keys = "Keys: arrows or space to move, S for speaker notes, C for subtitles"
    keys += ", M for narration" if audio else ""
    return Slide("deck", DECK_TITLE, f"{DECK_TITLE}: {', '.join(what) or 'the opening'}.",
                 kicker="Machine-learning optimizers", text="How training finds its way downhill",
                 points=(", ".join(what),) if what else (), keys=keys)


def _intro_slide(stage: _Stage, item: IntroSlide, index: int) -> Slide:
    clip = None
    if item.spec is not None:
        stage.say(f"opening clip: {item.title}")
        src = cached_clip(intro_spec(item.spec, stage.quality, f"intro:{item.key}"), stage.cache, f"intro-{item.key}")
        clip = stage.place_clip(src, f"00-{index:02d}-{item.key}", loop=True)
    kind = "proscons" if item.pros else "text"
    return Slide(kind, item.title, item.notes, clip, points=item.points, pros=item.pros, cons=item.cons)


def _chapter_title(part: Part, n_beats: int) -> Slide:
    description = " ".join(str(class_attrs(part.path, part.scene).get("description") or "").split())
    follow = "1 clip slide follows" if n_beats == 1 else f"{n_beats} clip slides follow"
    notes = f"Chapter {part.number}: {part.title}. {description} ({follow}.)"
    return Slide("chapter", part.title, " ".join(notes.split()), kicker=f"Chapter {part.number}",
                 text=description, chapter=part.number)


def _chapter_slides(stage: _Stage, part: Part) -> list[Slide]:
    mp4, srt = chapter_paths(stage.media, part)
    info = video_info(mp4)
    cues = read_srt(srt) if srt.is_file() else []
    beats = slide_beats(read_beats(mp4.with_suffix(".beats.json")), info.duration, cues)
    stage.say(f"chapter {part.number} ({part.scene}): {len(beats)} beat slide(s)")
    slides = [_chapter_title(part, len(beats))]
    for i, beat in enumerate(beats, 1):
        name = f"{part.number:02d}-{i:02d}-{slug(beat.name)}"
        video = stage.root / "clips" / f"{name}.mp4"
        cut_clip(mp4, beat.start, beat.end, info.fps, video, stage.log)
        own = beat_cues(cues, beat)
        audio = ""
        if stage.audio and info.has_audio and (beat.narration or own):  # a silent beat carries no sound
            cut_audio(mp4, beat.start, beat.end, video.with_suffix(".m4a"), stage.log)
            audio = f"clips/{name}.m4a"
        clip = stage.place_clip(video, name, beat.loop, webvtt(own) if own else "", audio)
        notes = " ".join(beat.narration) or " ".join(c.text.replace("\n", " ") for c in own)
        title = f"{part.number}. {part.title}: {beat.name}"
        slides.append(Slide("beat", title, notes or f"{title} (no narration)", clip, chapter=part.number))
    return slides


def _spec_notes(spec) -> str:
    runs = "; ".join(f"{o.label} ({o.name}{''.join(f', {k}={v}' for k, v in o.hyper.items())})"
                     for o in spec.optimizers)
    where = spec.landscape.name or spec.landscape.formula
    return f"Custom clip from {spec.source}: {runs} on {where}, {spec.run.steps} steps."


def _custom_slide(stage: _Stage, path: str, spec, index: int) -> Slide:
    stage.say(f"custom clip: {path}")
    src = cached_clip(spec, stage.cache, slug(Path(path).stem))
    clip = stage.place_clip(src, f"90-{index:02d}-{slug(Path(path).stem)}", loop=True)
    title = spec.video.title or f"Custom clip: {Path(path).stem}"
    return Slide("clip", title, _spec_notes(spec), clip)


# ----------------------------------------------------------------------------- the build
def _place_dir(stage: Path, out: Path) -> None:
    """Move the finished deck to ``out``, replacing an earlier deck there (or an empty folder)."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    os.replace(stage, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _slides(stage: _Stage, req: DeckRequest, parts: list[Part], specs: list) -> list[Slide]:
    """Every slide, its clips placed in the stage folder: opening, chapters, custom clips."""
    slides = [_deck_slide(parts, len(specs), req.audio)]
    if req.intro:
        slides += [_intro_slide(stage, item, i) for i, item in enumerate(INTRO, 1)]
    for part in parts:
        slides += _chapter_slides(stage, part)
    return slides + [_custom_slide(stage, p, s, i) for i, (p, s) in enumerate(specs, 1)]


def _write(stage: _Stage, slides: list[Slide], req: DeckRequest, pptx_tmp: Path | None) -> None:
    copy_reveal(stage.root)
    write_html(slides, stage.root / "index.html", DECK_TITLE, audio=req.audio)
    (stage.root / MARKER).write_text(json.dumps({"slides": len(slides), "quality": req.quality,
                                                 "audio": req.audio}, indent=1))
    if pptx_tmp is not None:
        stage.say(f"PowerPoint: {len(slides)} slides")
        write_pptx(slides, stage.root, pptx_tmp)


def build_deck(req: DeckRequest, console=None) -> Deck:
    """Check every input, render the chapters that are missing, then write the deck (and the .pptx)
    in temporary places and move them into place together; raise PipelineError for bad input."""
    out = check_output_dir(req.output)
    pptx = check_pptx_path(req.pptx, out)
    check_reveal()
    check_tools(("ffmpeg", "ffprobe"))
    parts = resolve_parts(req.scenes) if (req.scenes or not req.clips) else []
    specs = [(p, load_clip_spec(p, req.quality)) for p in req.clips]
    media = Path(req.media_dir)
    if parts:
        ensure_chapters(parts, req.quality, req.voice, media, console,
                        jobs=req.jobs, scheduler=req.scheduler, force=req.force)
    if req.scheduler is not None:  # the clips on the cluster too; cached_clip then finds them in the cache
        wanted = [s for _, s in specs]
        if req.intro:
            wanted += [intro_spec(i.spec, req.quality, f"intro:{i.key}") for i in INTRO if i.spec is not None]
        prerender_clips(wanted, [slug(Path(p).stem) for p, _ in specs]
                        + [f"intro-{i.key}" for i in INTRO if req.intro and i.spec is not None],
                        media / "slides" / "clips", scheduler=req.scheduler, jobs=req.jobs, console=console)

    stage_dir = out.with_name(f".{out.name}.part-{os.getpid()}")
    pptx_tmp = pptx.with_name(f".{pptx.stem}.part-{os.getpid()}.pptx") if pptx else None
    try:
        stage = _Stage(stage_dir, media, req.quality, req.audio, console)
        slides = _slides(stage, req, parts, specs)
        _write(stage, slides, req, pptx_tmp)
        _place_dir(stage_dir, out)
        if pptx_tmp is not None:
            os.replace(pptx_tmp, pptx)
    except (FFmpegError, OSError, RuntimeError, ValueError) as e:  # a broken tool or disk, not bad input
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise RenderFailed(f"building the deck failed ({type(e).__name__}: {first}); nothing was written; "
                           f"log: {media / 'logs' / 'slides.log'}") from None
    finally:
        shutil.rmtree(stage_dir, ignore_errors=True)
        if pptx_tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                pptx_tmp.unlink()
    return Deck(out, pptx, slides)
