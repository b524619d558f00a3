"""Render parts with manim in subprocesses (in parallel with ``jobs``), then give each a full-length
audio track and copy it, with its subtitles, to ``MEDIA/chapters/NN_Scene.mp4`` / ``.srt``."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from scenes.registry import REPO

from .errors import PipelineError, RenderFailed
from .media import (FFmpegError, atomic_output, duration, loudnorm_filter, probe, read_srt, readable_cues,
                    run_ffmpeg, write_srt)
from .parts import Part

__all__ = ["QUALITIES", "Result", "Interrupted", "render_part", "render_parts", "chapter_paths", "run_child"]

#: --quality name -> manim's -q letter
QUALITIES = {"low": "l", "medium": "m", "high": "h", "4k": "k"}
LOG_TAIL = 15


class Interrupted(Exception):
    """A render stopped by Ctrl-C (or by another part's interruption)."""


@dataclass
class Result:
    part: Part | None
    mp4: Path | None = None
    srt: Path | None = None
    log: Path | None = None
    status: str = "queued"
    started: float | None = None
    finished: float | None = None
    render_seconds: float = 0.0   # manim's subprocess alone
    maxrss_kb: int = 0            # peak resident memory of manim's subprocess
    duration: float = 0.0
    error: str = ""
    unit: object = None           # the scenes.pipeline.build.Unit this result is for
    where: str = ""               # the cluster worker that rendered it
    attempts: int = 0             # starts on cluster workers (more than 1: retried after a worker died)
    outputs: dict = field(default_factory=dict)  # role -> final path (mp4, srt, video, ...)

    @property
    def elapsed(self) -> float:
        if self.started is None:
            return 0.0
        return (self.finished or time.monotonic()) - self.started

    @property
    def number(self) -> int:
        return self.part.number if self.part is not None else getattr(self.unit, "number", 0)

    @property
    def name(self) -> str:
        return self.part.scene if self.part is not None else getattr(self.unit, "name", "?")


_STOP = threading.Event()
_PROCS: set = set()
_LOCK = threading.Lock()


def chapter_paths(media_dir: Path, part: Part) -> tuple[Path, Path]:
    base = Path(media_dir) / "chapters" / part.stem
    return base.with_suffix(".mp4"), base.with_suffix(".srt")


def not_rendered(media_dir: Path, part: Part | None = None) -> PipelineError:
    """The one-line error for a command that reads a chapter (or, with no ``part``, any chapter) not rendered yet."""
    if part is None:
        return PipelineError(f"no chapter has been rendered into {media_dir} yet; "
                             "`python -m scenes render --quality low` makes them")
    return PipelineError(f"chapter {part.number} ({part.scene}) has not been rendered into {media_dir} yet; "
                         f"`python -m scenes render {part.number} --quality low` makes it")


def _tail(log: Path, n: int = LOG_TAIL) -> str:
    try:
        lines = log.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join(lines[-n:])


def _manim_output(media_dir: Path, part: Part, since: float) -> Path:
    """The video manim just wrote: MEDIA/videos/<module>/<quality>/<Scene>.mp4 (newest)."""
    found = [p for p in (media_dir / "videos" / part.path.stem).glob(f"*/{part.scene}.mp4")
             if p.stat().st_mtime >= since - 1]
    if not found:
        raise FileNotFoundError(f"manim wrote no {part.scene}.mp4 under {media_dir / 'videos' / part.path.stem}")
    return max(found, key=lambda p: p.stat().st_mtime)


#: per-thread hooks for cluster workers (``scenes.pipeline.cluster``): ``on_process(proc)`` is called
#: with every child process started by this thread (so a cancelled task can stop it), and
#: ``die_with_parent`` makes the child die with the worker (Linux ``PR_SET_PDEATHSIG``)
_THREAD = threading.local()


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    import ctypes
    import signal

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


#: the hash seed of every manim subprocess: the same scene gives the same pixels on every run
RENDER_HASH_SEED = "0"

#: x264 options of every manim subprocess (``[video_encoder.options]`` in its config file): with them a
#: segment's bytes depend on its frames alone. With libx264's defaults they do not: ch02 and ch08 rendered
#: with and without the render shortcuts handed the encoder the same frames (hashed), yet a few segments
#: (3 of 82 in ch08) came out different, so the decoded videos differed; 32 saved ch08 frames encoded 20
#: times by manim's VideoSegmentEncoder gave 2 different files. Sources: threaded encoding (sliced threads
#: with a threaded lookahead) and, with one thread, MB-tree rate control (about 1 encode in 20 through
#: PyAV came out different); with both off, 240 encodes in 5 repeated sets gave one file per set.
RENDER_ENCODER_OPTIONS = {"threads": "1", "x264-params": "mbtree=0"}


def encoder_options() -> dict[str, str]:
    """The x264 options every render gives manim: manim.cfg's ``[video_encoder.options]`` (the preset)
    with the repeatable ones above on top. (A part's ``--config_file`` replaces the folder's manim.cfg,
    so its options have to be written into each part's config again, or manim uses x264's defaults.)"""
    import configparser

    from scenes.registry import REPO

    cfg = configparser.ConfigParser()
    cfg.read(REPO / "manim.cfg")
    project = dict(cfg["video_encoder.options"]) if cfg.has_section("video_encoder.options") else {}
    return {**project, **RENDER_ENCODER_OPTIONS}


def part_config(scene: str, media_dir: Path) -> str:
    """The manim config file of one part's render: its own LaTeX and Text folders, the encoder options.
    (Given as ``--config_file``, it replaces the folder's manim.cfg: manim reads only its defaults and this.)"""
    own = Path(media_dir).resolve()
    encoder = "".join(f"{k} = {v}\n" for k, v in encoder_options().items())
    return (f"[CLI]\ntex_dir = {own / 'Tex' / scene}\ntext_dir = {own / 'texts' / scene}\n"
            f"[video_encoder.options]\n{encoder}")


def run_child(cmd: list[str], log: Path, cwd: Path, env: dict, header: str = "") -> tuple[int, int]:
    """Run ``cmd`` with its output appended to ``log``; return (exit status, peak RSS in kB).
    Ctrl-C (``_stop_all``) terminates it."""
    with open(log, "a") as f:
        f.write("$ " + " ".join(map(str, cmd)) + "\n" + header)
        f.flush()
        with _LOCK:
            if _STOP.is_set():
                raise Interrupted()
            proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=f, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL,
                                    preexec_fn=_die_with_parent if getattr(_THREAD, "die_with_parent", False)
                                    else None)
            _PROCS.add(proc)
        hook = getattr(_THREAD, "on_process", None)
        if hook is not None:
            hook(proc)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            with _LOCK:
                _PROCS.discard(proc)
    return proc.returncode, usage.ru_maxrss


def mp4_complete(path: Path) -> bool:
    """Whether an .mp4 file is whole: its top-level boxes tile the file exactly and one is the index
    (``moov``). A render killed while writing leaves a file cut short, or with no index."""
    try:
        size = path.stat().st_size
        seen, pos = set(), 0
        with open(path, "rb") as f:
            while pos < size:
                f.seek(pos)
                head = f.read(16)
                if len(head) < 8:
                    return False
                n, kind = int.from_bytes(head[:4], "big"), head[4:8]
                if n == 1:
                    if len(head) < 16:
                        return False
                    n = int.from_bytes(head[8:16], "big")
                elif n == 0:                      # the last box runs to the end of the file
                    n = size - pos
                if n < 8:
                    return False
                seen.add(kind)
                pos += n
        return pos == size and b"moov" in seen
    except OSError:
        return False


def drop_broken_partials(media_dir: Path, part: Part) -> list[Path]:
    """Delete the part's cached animation clips (manim's partial movie files) that a killed render left
    unfinished: manim reuses a cached clip by its name, so one cut-short clip would fail every later
    render of the part. Returns what was deleted."""
    folder = Path(media_dir) / "videos" / part.path.stem
    broken = [p for p in folder.glob(f"*/partial_movie_files/{part.scene}/*.mp4") if not mp4_complete(p)]
    for p in broken:
        p.unlink(missing_ok=True)
    return broken


def _run_manim(part: Part, quality: str, voice: str, media_dir: Path, log: Path,
               extra: list[str], speedups: bool = True, project: Path = REPO) -> tuple[int, int]:
    """Run manim for one part from ``project`` (its manim.cfg, its ``scenes``); return (exit status, peak RSS in kB)."""
    # Scenes rendered in parallel must not share LaTeX's scratch folder (one process's clean-up
    # deletes the .dvi another is converting) nor Text's SVG cache (a file read while another process
    # is still writing it is empty: an XML parse error). Each part gets its own tex_dir and text_dir.
    cfg = log.with_suffix(".cfg")
    cfg.write_text(part_config(part.scene, media_dir))
    cmd = [sys.executable, "-m", "manim", "render", f"-q{QUALITIES[quality]}",
           "--media_dir", str(media_dir), "--config_file", str(cfg), "--progress_bar", "none", *extra,
           str(part.path), part.scene]
    env = dict(os.environ, OPTIM_VOICE=voice, PYTHONUNBUFFERED="1", OPTIM_SPEEDUPS="1" if speedups else "0")
    # a fixed hash seed: with Python's per-process random one, the order in which sets and dicts of
    # mobjects are walked can change between runs, and with it a few frames' pixels (measured: two
    # stock renders of ch02 differed in 8-75 frames; with the same seed they are identical)
    env["PYTHONHASHSEED"] = RENDER_HASH_SEED
    log.write_text("")
    return run_child(cmd, log, project, env,
                     f"# OPTIM_VOICE={voice} OPTIM_SPEEDUPS={env['OPTIM_SPEEDUPS']} cwd={project}\n")


def _pad_audio(src: Path, dst: Path, log: Path) -> float:
    """Copy the video and give it an AAC track exactly as long as the video (silence if it had none),
    its narration normalised to -16 LUFS with the true peak under -1.5 dBTP."""
    info = probe(src)
    vdur = duration(info, "video")
    has_audio = any(s.get("codec_type") == "audio" for s in info["streams"])
    if has_audio:
        # the narration at one loudness for every chapter and voice (two-pass loudnorm)
        norm = loudnorm_filter(src, log)
        chain = f"{norm},aresample=48000,apad" if norm else "apad"
        inputs = ["-i", src]
        maps = ["-map", "0:v:0", "-map", "0:a:0", "-af", chain]
    else:
        inputs = ["-i", src, "-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo"]
        maps = ["-map", "0:v:0", "-map", "1:a:0"]
    with atomic_output(dst) as tmp:
        run_ffmpeg([*inputs, *maps, "-c:v", "copy", "-c:a", "aac", "-b:a", "160k", "-ar", "48000",
                    "-ac", "2", "-t", f"{vdur:.3f}", "-movflags", "+faststart", "-f", "mp4", tmp], log)
        if _STOP.is_set():
            raise Interrupted()
    return vdur


def render_part(result: Result, quality: str, voice: str, media_dir: Path,
                extra: list[str] = (), speedups: bool = True, project: Path = REPO) -> Result:
    """Render one part and place its outputs under ``media_dir``; raise RenderFailed or Interrupted.

    ``project`` is the folder manim runs in (its ``manim.cfg`` and ``scenes`` package): the
    repository, or on a cluster worker a scratch copy of the files the client sent."""
    part = result.part
    media_dir = Path(media_dir).resolve()
    logs = media_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    result.log = logs / f"{part.stem}.log"
    result.started = time.monotonic()
    result.status = "rendering"
    since = time.time()
    try:
        drop_broken_partials(media_dir, part)
        status, rss = _run_manim(part, quality, voice, media_dir, result.log, list(extra), speedups, project)
        result.render_seconds = time.monotonic() - result.started
        result.maxrss_kb = rss
        if _STOP.is_set():
            raise Interrupted()
        if status != 0:
            raise RenderFailed(f"rendering {part.scene} ({part.path.name}) failed (manim exit {status}); "
                               f"log: {result.log}")
        try:
            src = _manim_output(media_dir, part, since)
        except FileNotFoundError as e:
            raise RenderFailed(f"rendering {part.scene} failed: {e}; log: {result.log}") from None
        result.status = "finishing"
        mp4, srt = chapter_paths(media_dir, part)
        try:
            result.duration = _pad_audio(src, mp4, result.log)
        except FFmpegError as e:
            raise RenderFailed(f"{part.scene}: {e}; log: {result.log}") from None
        src_srt = src.with_suffix(".srt")
        with atomic_output(srt) as tmp:
            if src_srt.exists():
                write_srt(tmp, readable_cues(read_srt(src_srt), result.duration))
            else:
                tmp.write_text("")  # a scene without narration has no cues
        beats_src = src.with_suffix(".beats.json")
        if beats_src.exists():  # where each beat starts and ends (slides cut the chapter there)
            with atomic_output(mp4.with_suffix(".beats.json")) as tmp:
                tmp.write_text(beats_src.read_text())
        result.mp4, result.srt = mp4, srt
        result.outputs = {"mp4": mp4, "srt": srt}
        result.status = "done"
        return result
    except Interrupted:
        result.status = "interrupted"
        raise
    except RenderFailed as e:
        result.status = "FAILED"
        result.error = str(e)
        raise
    finally:
        result.finished = time.monotonic()


def _stop_all() -> None:
    with _LOCK:
        _STOP.set()
        for p in list(_PROCS):
            try:
                p.terminate()
            except ProcessLookupError:
                pass


def _table(results: list[Result], cluster: bool = False):
    from rich.table import Table

    t = Table(box=None, pad_edge=False)
    t.add_column("#", justify="right")
    t.add_column("scene" if all(r.part is not None for r in results) else "unit")
    t.add_column("status")
    t.add_column("elapsed", justify="right")
    t.add_column("video", justify="right")
    if cluster:
        t.add_column("worker")
    style = {"done": "green", "up to date": "green", "FAILED": "bold red", "interrupted": "yellow",
             "rendering": "cyan", "finishing": "cyan", "retrying": "yellow", "receiving": "cyan"}
    for r in results:
        s = r.status
        row = [str(r.number), r.name, f"[{style.get(s, 'dim')}]{s}[/]",
               f"{r.elapsed:6.1f} s" if r.started else "",
               f"{r.duration:6.1f} s" if r.duration else ""]
        if cluster:
            row.append(r.where + (f" (attempt {r.attempts})" if r.attempts > 1 else ""))
        t.add_row(*row)
    return t


def report_failures(results: list[Result], console) -> None:
    """One line per failed unit and the last lines of its log (as for every local failure); raise RenderFailed."""
    failures = [r for r in results if r.status == "FAILED"]
    for r in failures:
        if r.log is not None and Path(r.log).is_file():
            console.print(f"[bold red]{r.name} failed[/]; last lines of {r.log}:")
            console.print(_tail(r.log), markup=False, highlight=False)
        else:
            console.print(f"[bold red]{r.name} failed[/]: {r.error}", highlight=False)
    if failures:
        if len(failures) == 1:
            raise RenderFailed(failures[0].error)
        raise RenderFailed(f"{len(failures)} units failed: "
                           + "; ".join(r.error for r in failures))


def render_parts(parts: list[Part], quality: str, voice: str, media_dir: Path, jobs: int = 1,
                 extra: list[str] = (), console=None, title: str = "render",
                 speedups: bool = True, force: bool = True, scheduler: str | None = None) -> list[Result]:
    """Render ``parts`` with ``jobs`` manim processes at once (or as tasks on the Dask scheduler at
    ``scheduler``), showing one status line per part. ``speedups=False`` renders with stock manim
    (``OPTIM_SPEEDUPS=0``, see ``scenes.kit.speed``). ``force=False`` skips the parts whose inputs
    did not change since their outputs were made (``scenes.pipeline.inputs``).

    Returns the results when all succeed; raises RenderFailed for the first failure (after the
    others finish) and Interrupted (after stopping every subprocess or cluster task) on Ctrl-C.
    """
    from .build import PartUnit, run_units

    units = [PartUnit(p, quality, voice, media_dir, extra=list(extra), speedups=speedups) for p in parts]
    return run_units(units, jobs=jobs, scheduler=scheduler, force=force, console=console, title=title)
