"""``python -m scenes sheets``: contact sheets of a rendered chapter, to watch it as a viewer would.

One frame every ``every`` seconds, each tile stamped with its exact time (the frame's own
timestamp, not a rounded slot) and the subtitle spoken at that moment written under it, 4 x 4 tiles
per sheet; with ``stills`` also every sampled frame at full size, named by its time. This is the
viewing the project asks of every chapter before it is called done ("watch what you render"):
what the voice says beside what the picture shows, at a glance.

ffmpeg does the work in one pass: ``select`` keeps the first frame at or after each multiple of the
interval, ``subtitles`` (libass) writes the cue into a strip under the picture, ``drawtext`` the
time, ``tile`` the sheet; ``showinfo`` reports each kept frame's time for the stills' names.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import PipelineError

__all__ = ["Sheets", "make_sheets", "TILE_WIDTH", "GRID"]

#: width of one tile in pixels (a 480p preview, the size reviewers judge readability at)
TILE_WIDTH = 480
#: tiles per sheet (columns, rows)
GRID = (4, 4)
#: height of the subtitle strip under each tile, as a fraction of the tile's picture height
STRIP = 0.22


@dataclass(frozen=True)
class Sheets:
    folder: Path
    sheets: list[Path]
    stills: list[Path]
    times: list[float]   # the time of each sampled frame, in order


def _even(x: float) -> int:
    return int(round(x / 2)) * 2


def _filter(every: float, width: int, height: float, subtitles: bool, stills: bool) -> str:
    h = _even(height)
    strip = _even(h * STRIP)
    chain = [f"scale={width}:{h}", f"pad={width}:{h + strip}:0:0:color=0x1c1c1c"]
    if subtitles:
        # libass sizes text against a 288-line script: this is ~4 % of the tile's height
        chain.append("subtitles=cues.srt:force_style='Fontsize=14,MarginV=4,Outline=0,Shadow=0,WrapStyle=0'")
    chain += ["drawtext=text='%{pts\\:hms}':x=4:y=4:fontcolor=white:fontsize=15:box=1:boxcolor=black@0.7",
              f"tile={GRID[0]}x{GRID[1]}:padding=4:color=gray"]
    pick = f"select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,{every:g})',showinfo"
    if not stills:
        return f"[0:v]{pick},{','.join(chain)}[sheet]"
    return f"[0:v]{pick},split=2[a][full];[a]{','.join(chain)}[sheet]"


def _size(mp4: Path) -> tuple[int, int]:
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                          "stream=width,height", "-of", "csv=p=0", str(mp4)],
                         capture_output=True, text=True, check=False)
    try:
        w, h = (int(x) for x in out.stdout.strip().split(",")[:2])
    except ValueError:
        raise PipelineError(f"{mp4} has no video stream ffprobe can read") from None
    return w, h


def make_sheets(mp4: Path, out: Path, every: float = 2.0, srt: Path | None = None,
                stills: bool = False) -> Sheets:
    """Contact sheets (and, with ``stills``, full-size frames) of ``mp4`` into the folder ``out``.

    ``out`` is replaced only when every file was written: an interrupted or failed run leaves the
    previous sheets as they were."""
    if not every > 0:
        raise PipelineError(f"--every must be a positive number of seconds, got {every:g}")
    mp4, out = Path(mp4).resolve(), Path(out).resolve()
    if not mp4.is_file():
        raise PipelineError(f"no video at {mp4}")
    srt = Path(srt).resolve() if srt is not None else mp4.with_suffix(".srt")
    width, height = _size(mp4)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = out.with_name(f".{out.name}.part-{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        has_subs = srt.is_file() and srt.stat().st_size > 0
        if has_subs:
            shutil.copyfile(srt, work / "cues.srt")
        graph = _filter(every, TILE_WIDTH, TILE_WIDTH * height / width, has_subs, stills)
        cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "info", "-i", str(mp4),
               "-filter_complex", graph, "-map", "[sheet]", "-fps_mode", "vfr", "sheet_%02d.png"]
        if stills:
            cmd += ["-map", "[full]", "-fps_mode", "vfr", "still_%05d.png"]
        proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
            raise PipelineError(f"ffmpeg could not make sheets of {mp4.name}: {last}")
        times = [float(t) for t in re.findall(r"Parsed_showinfo.*?pts_time:\s*([-\d.]+)", proc.stderr)]
        (work / "cues.srt").unlink(missing_ok=True)
        names = []
        for k, still in enumerate(sorted(work.glob("still_*.png"))):
            named = work / f"t{times[k]:07.2f}s.png"
            still.rename(named)
            names.append(named.name)
        if out.exists():
            shutil.rmtree(out)
        work.rename(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Sheets(out, sorted(out.glob("sheet_*.png")), [out / n for n in names], times)
